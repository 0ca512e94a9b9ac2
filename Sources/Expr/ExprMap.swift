/// A string-keyed map that remembers insertion order. Go maps have no order at all: expr-lang's `keys`,
/// `values` and `toPairs` return them in random order, while `string()` (fmt) and `toJSON` (encoding/json)
/// sort the keys. Keeping insertion order makes our `keys` deterministic; printing sorts like Go does.
public struct ExprMap: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var storage: [String: ExprValue] = [:]

    public init() {}

    public init<S: Sequence>(_ pairs: S) where S.Element == (String, ExprValue) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Setting an existing key keeps its position; setting nil removes it.
    public subscript(key: String) -> ExprValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var values: [ExprValue] { keys.map { storage[$0] ?? .null } }

    public var pairs: [(key: String, value: ExprValue)] { keys.map { ($0, storage[$0] ?? .null) } }

    /// Pairs in Go's sort order for map keys (byte-wise string order), as fmt and encoding/json print them.
    var sortedPairs: [(key: String, value: ExprValue)] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, storage[$0] ?? .null) }
    }

    /// Equality ignores order, as reflect.DeepEqual does for maps.
    public static func == (lhs: ExprMap, rhs: ExprMap) -> Bool { lhs.storage == rhs.storage }
}

extension ExprMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, ExprValue)...) { self.init(elements) }
}
