import Core
import KubeQuery
import Model
import YAML

/// The objects of a `-f` file as kubectl's resource builder reads them: every YAML or JSON document of the
/// stream in order, empty documents skipped, a `List` (any kind ending in `List` with `items`) flattened into
/// its items.
public enum ManifestObjects {
    /// The largest manifest read (a ConfigMap is limited to 1 MiB by the API server; this leaves room).
    public static let maxBytes = 64 << 20

    public static func read(_ path: String) throws(KubectlError) -> [JSONValue] {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readAll(path, limit: maxBytes)
        } catch {
            throw KubectlError("error: the path \"\(path)\" cannot be read: \(error.message)")
        }
        return try parse(bytes, source: path)
    }

    public static func parse(_ bytes: [UInt8], source: String) throws(KubectlError) -> [JSONValue] {
        let documents: [JSONValue]
        do {
            documents = try YAMLDocuments.parse(bytes)
        } catch {
            throw KubectlError("error: error parsing \(source): \(error.message)")
        }
        var objects: [JSONValue] = []
        for document in documents where document != .null {
            try checkTypeMeta(document, source: source)
            if let kind = document["kind"]?.stringValue, kind.hasSuffix("List"), case .array(let items)? = document["items"] {
                for item in items where item != .null {
                    try checkTypeMeta(item, source: source)
                    objects.append(item)
                }
            } else {
                objects.append(document)
            }
        }
        return objects
    }

    /// A patch file: one YAML or JSON document (kubectl's `yaml.ToJSON`).
    static func patchDocument(_ bytes: [UInt8]) throws(ModelError) -> JSONValue {
        try YAMLDocuments.parseOne(bytes)
    }

    static func checkTypeMeta(_ object: JSONValue, source: String) throws(KubectlError) {
        guard case .object = object else {
            throw KubectlError("error: unable to decode \"\(source)\": json: cannot unmarshal \(goType(object)) into Go value of type map[string]interface {}")
        }
        let text = String(object.goJSON.prefix(1024))
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            throw KubectlError("error: unable to decode \"\(source)\": Object 'Kind' is missing in '\(text)'")
        }
        guard let version = object["apiVersion"]?.stringValue, !version.isEmpty else {
            throw KubectlError("error: unable to decode \"\(source)\": Object 'apiVersion' is missing in '\(text)'")
        }
    }

    static func goType(_ value: JSONValue) -> String {
        switch value {
        case .array: "array"
        case .string: "string"
        case .int, .double: "number"
        case .bool: "bool"
        default: "value"
        }
    }
}
