import Core

/// PAX extended header records (`%d key=value\n`), parsed as Go's `parsePAX`/`parsePAXRecord` do: the
/// length counts the whole record, the key ends at the first `=`, path-like values may not hold a NUL.
/// Values stay bytes (a `path` record need not be UTF-8). GNU sparse 0.0 offset/numbytes pairs are
/// folded into one `GNU.sparse.map` record, as Go does.
struct PAXRecords {
    private(set) var values: [String: [UInt8]] = [:]

    subscript(key: String) -> [UInt8]? { values[key] }

    func text(_ key: String) -> String? { values[key].map { String(decoding: $0, as: UTF8.self) } }

    init() {}

    init(parsing data: [UInt8]) throws(ExecError) {
        var rest = data[...]
        var sparse: [[UInt8]] = []
        while !rest.isEmpty {
            guard let space = rest.firstIndex(of: 0x20),
                  let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)),
                  length >= 5, length <= rest.count else {
                throw TarBlock.headerError("invalid PAX record length")
            }
            let record = rest.prefix(length)
            rest = rest.dropFirst(length)
            guard record.last == 0x0A, space < record.endIndex - 1 else { throw TarBlock.headerError("invalid PAX record") }
            let body = record[(space + 1)..<(record.endIndex - 1)]
            guard let equals = body.firstIndex(of: UInt8(ascii: "=")), equals > body.startIndex else {
                throw TarBlock.headerError("invalid PAX record")
            }
            let key = String(decoding: body[body.startIndex..<equals], as: UTF8.self)
            let value = Array(body[(equals + 1)...])
            let pathLike = ["path", "linkpath", "uname", "gname"].contains(key)
            guard pathLike ? !value.contains(0) : !key.utf8.contains(0) else { throw TarBlock.headerError("NUL in PAX record \(key)") }
            switch key {
            case "GNU.sparse.offset", "GNU.sparse.numbytes":
                let expected = sparse.count % 2 == 0 ? "GNU.sparse.offset" : "GNU.sparse.numbytes"
                guard key == expected, !value.contains(UInt8(ascii: ",")) else { throw TarBlock.headerError("invalid GNU sparse record") }
                sparse.append(value)
            default:
                values[key] = value
            }
        }
        if !sparse.isEmpty { values["GNU.sparse.map"] = Array(sparse.joined(separator: [UInt8(ascii: ",")])) }
    }

    /// A decimal record (`strconv.ParseInt(v, 10, 64)`); nil when absent or empty (the header's value stands).
    func integer(_ key: String) throws(ExecError) -> Int64? {
        guard let text = text(key), !text.isEmpty else { return nil }
        guard let value = Int64(text, radix: 10) else { throw TarBlock.headerError("invalid PAX \(key): \(text)") }
        return value
    }

    /// A PAX time (`seconds[.fraction]`, possibly negative), as Go's `parsePAXTime`.
    func time(_ key: String) throws(ExecError) -> FileTime? {
        guard let text = text(key), !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let seconds = Int64(parts[0], radix: 10) else { throw TarBlock.headerError("invalid PAX \(key): \(text)") }
        guard parts.count == 2, !parts[1].isEmpty else { return FileTime(seconds: seconds) }
        guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { throw TarBlock.headerError("invalid PAX \(key): \(text)") }
        let digits = String((parts[1] + "000000000").prefix(9))
        let nanos = Int32(digits) ?? 0
        if parts[0].hasPrefix("-") && nanos > 0 {
            // Go's time.Unix(secs, -nsecs): one second less and the complement of the fraction.
            return FileTime(seconds: seconds == .min ? seconds : seconds - 1, nanoseconds: 1_000_000_000 - nanos)
        }
        return FileTime(seconds: seconds, nanoseconds: nanos)
    }
}
