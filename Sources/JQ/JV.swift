internal import CJQ
import Core

/// One reference to a jq value. jq's values are reference counted and almost every libjq function that takes
/// a `jv` consumes one reference (src/jv.h), so each reference this module holds has exactly one owner that
/// frees it: this noncopyable wrapper, whose `deinit` calls `jv_free`, or the libjq call `take()` hands it to.
struct JV: ~Copyable {
    let raw: jv

    init(_ raw: jv) { self.raw = raw }

    deinit { jv_free(raw) }

    /// Gives the reference away (to a libjq function that consumes it) without freeing it here.
    consuming func take() -> jv {
        let raw = self.raw
        discard self
        return raw
    }

    /// A second reference to the same value, for a libjq function that consumes its argument.
    func copy() -> jv { jv_copy(raw) }

    var kind: jv_kind { jv_get_kind(raw) }

    /// The bytes of a string value as a Swift string (jq strings are valid UTF-8 and may hold NUL bytes).
    var string: String {
        let count = Int(jv_string_length_bytes(copy()))
        guard count > 0, let base = jv_string_value(raw) else { return "" }
        return base.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// A jq string made from `text` (jq keeps string lengths in an `int`).
    static func string(_ text: String) throws(ExecError) -> JV {
        var text = text
        let count = text.utf8.count
        guard count > 0 else { return JV(jv_string("")) }
        guard let length = Int32(exactly: count) else {
            throw ExecError(.badRequest, "a string of \(count) bytes is too long for jq")
        }
        let raw = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { jv_string_sized($0.baseAddress, length) }
        }
        return JV(raw)
    }

    /// An invalid value's message (`error(...)`'s argument, or jq's own text for its errors); consumes self.
    consuming func invalidMessage() -> JV {
        JV(jv_invalid_get_msg(take()))
    }

    /// Compact JSON text of the value, as jq's `tojson` writes it (for error values that are not strings).
    var dumped: String {
        JV(jv_dump_string(copy(), 0)).string
    }
}
