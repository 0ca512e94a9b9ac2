import Model

/// YAML as Kubernetes and Argo read it: sigs.k8s.io/yaml's YAMLToJSON (gopkg.in/yaml.v2 underneath), on
/// Debian's libyaml (the C library go-yaml v2 is a port of). Scalars resolve by YAML 1.1 as v2 resolves them
/// (`yes`/`on`/`y` are true, `0755` is octal, `.inf` is an error because JSON cannot hold it), non-string keys
/// become strings, `<<` merges, aliases expand under v2's aliasing limit. Errors are `ModelError`s reading
/// `yaml: line L, column C: ...`, with libyaml's 1-based position.
///
/// Hostile input: nesting deeper than `maxDepth` collections (also through aliases) is refused while the
/// events stream in, libyaml refuses invalid UTF-8 and control characters (NUL included) in its reader,
/// and alias bombs fail go-yaml v2's ratio rule (`DocumentDecoder`).
public enum YAMLDocuments {
    /// Nesting limit, as `JSONParser.maxDepth`.
    public static let maxDepth = 512

    /// Every document of a stream, in order: an empty document (`---` alone) is `.null`, an empty stream `[]`.
    /// kubectl skips null documents of a manifest stream; callers that want that filter them.
    public static func parse(_ bytes: [UInt8]) throws(ModelError) -> [JSONValue] {
        try withComposer(bytes) { (composer: inout Composer) throws(ModelError) -> [JSONValue] in
            var values: [JSONValue] = []
            while let document = try composer.nextDocument() {
                values.append(try DocumentDecoder.decode(document))
            }
            return values
        } ?? []
    }

    /// The one document of a single-document input (a repository file, a kubeconfig): empty input is
    /// `.null`, and a second document is an error (go-yaml's Unmarshal would silently drop it).
    public static func parseOne(_ bytes: [UInt8]) throws(ModelError) -> JSONValue {
        try withComposer(bytes) { (composer: inout Composer) throws(ModelError) -> JSONValue in
            guard let document = try composer.nextDocument() else { return .null }
            let value = try DocumentDecoder.decode(document)
            if let next = try composer.nextDocument() {
                throw YAMLError.at(next.start, "expected a single document, found a second one")
            }
            return value
        } ?? .null
    }

    /// Runs `body` over a composer reading `bytes`; nil for empty input (libyaml needs a non-NULL buffer).
    private static func withComposer<T>(_ bytes: [UInt8], _ body: (inout Composer) throws(ModelError) -> T) throws(ModelError) -> T? {
        guard !bytes.isEmpty else { return nil }
        let result: Result<T, ModelError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(ModelError) -> T in
                var composer = Composer(try EventParser(input: buffer))
                return try body(&composer)
            }
        }
        return try result.get()
    }
}
