import Model

/// One entry of an `APIResourceList` (discovery): how a kind or a type name on the command line becomes a
/// REST path.
public struct APIResource: Sendable, Equatable {
    public var group: String
    public var version: String
    /// The plural, lower-case resource name in URLs (`jobs`).
    public var name: String
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var shortNames: [String]

    public var groupVersion: String { group.isEmpty ? version : group + "/" + version }

    /// kubectl's `<resource>.<group>` spelling in messages (`jobs.batch`, `pods`).
    public var qualifiedName: String { group.isEmpty ? name : name + "." + group }

    /// kubectl's `-o name` prefix: the kind in lower case, then the group (`job.batch`, `configmap`).
    public var nameOutputPrefix: String { group.isEmpty ? kind.lowercased() : kind.lowercased() + "." + group }

    /// The collection path: `/api/v1/namespaces/ns/pods`, `/apis/batch/v1/jobs` (cluster-scoped or all namespaces).
    public func collectionPath(namespace: String?) -> String {
        let root = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        guard namespaced, let namespace, !namespace.isEmpty else { return root + "/" + name }
        return root + "/namespaces/" + namespace + "/" + name
    }

    public func objectPath(namespace: String?, name object: String) -> String {
        collectionPath(namespace: namespace) + "/" + object
    }

    /// Whether a type argument (`po`, `pods`, `pod`, `Pod`) names this resource.
    func answers(to type: String) -> Bool {
        let lower = type.lowercased()
        return name == lower || singular == lower || kind.lowercased() == lower || shortNames.contains(lower)
    }

    /// Reads one `APIResourceList` (`/api/v1`, `/apis/batch/v1`); subresources (`pods/status`) are left out.
    static func list(_ document: JSONValue, group: String, version: String) throws(ModelError) -> [APIResource] {
        var out: [APIResource] = []
        for entry in try JSONFields.array(document["resources"], "resources") {
            guard let name = try JSONFields.string(entry["name"], "resources.name"), !name.contains("/") else { continue }
            let kind = try JSONFields.string(entry["kind"], "resources.kind") ?? ""
            let singular = try JSONFields.string(entry["singularName"], "resources.singularName") ?? ""
            out.append(APIResource(
                group: try JSONFields.string(entry["group"], "resources.group") ?? group,
                version: try JSONFields.string(entry["version"], "resources.version") ?? version,
                name: name, singular: singular.isEmpty ? kind.lowercased() : singular, kind: kind,
                namespaced: try JSONFields.bool(entry["namespaced"], "resources.namespaced") ?? false,
                shortNames: try JSONFields.strings(entry["shortNames"], "resources.shortNames")))
        }
        return out
    }
}
