/// Stores a rarely used, large optional member of a big Codable struct behind one reference. Swift copies
/// structs field by field through generated value witnesses; for `Template`, whose optional members nest
/// dozens of strings, those witnesses cost well over 100 KiB of the static binary (measured with the
/// linker map). Boxed members are immutable once stored (assignment makes a new box), so sharing is safe.
/// Coding is transparent: the JSON is exactly that of the wrapped value, an absent key decodes as nil.
@propertyWrapper
public struct Boxed<T: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    final class Ref: Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    private var ref: Ref

    public init(wrappedValue: T) { ref = Ref(wrappedValue) }

    public var wrappedValue: T {
        get { ref.value }
        set { ref = Ref(newValue) }
    }

    public init(from decoder: any Decoder) throws { ref = Ref(try T(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try ref.value.encode(to: encoder) }

    public static func == (a: Boxed, b: Boxed) -> Bool { a.ref === b.ref || a.ref.value == b.ref.value }
    public func hash(into hasher: inout Hasher) { ref.value.hash(into: &hasher) }
}

extension KeyedDecodingContainer {
    /// A boxed optional whose key is absent decodes as nil (synthesized `Codable` calls this overload).
    public func decode<T>(_ type: Boxed<T?>.Type, forKey key: Key) throws -> Boxed<T?> {
        Boxed(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// A boxed nil is omitted, as an unboxed optional would be.
    public mutating func encode<T>(_ value: Boxed<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
