import Foundation
import Model

/// Fuzz target `json`: the emissary's template reader. Any input may be refused, never crash or hang; an
/// accepted one must survive `EmissaryTemplate` (which may refuse it with an error) and read back the same
/// after Foundation's `JSONEncoder` writes it out again. A violation aborts, which libFuzzer reports as a
/// crash; so do memory errors under -sanitize=address.
enum JSONFuzzer {
    static func run(_ data: UnsafeRawBufferPointer) {
        let bytes = [UInt8](data)
        guard let value = try? JSONParser.parse(bytes) else { return }
        _ = try? EmissaryTemplate(json: value)
        guard let encoded = try? JSONEncoder().encode(value) else { fatalError("JSONEncoder refused a parsed value: \(value)") }
        let again: JSONValue
        do {
            again = try JSONParser.parse([UInt8](encoded))
        } catch {
            fatalError("JSONParser refused JSONEncoder's output \(String(decoding: encoded, as: UTF8.self)): \(error)")
        }
        if again != value { fatalError("round trip changed \(value) into \(again)") }
    }
}
