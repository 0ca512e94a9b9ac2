import Model

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `Decodable` read from an already parsed `JSONValue` (a task's template), through its JSON text.
enum JSONValueCoding {
    static func decode<T: Decodable>(_ type: T.Type, _ json: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: try JSONEncoder().encode(json))
    }
}
