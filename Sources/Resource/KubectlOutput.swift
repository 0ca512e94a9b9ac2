import KubeQuery
import Model

/// What kubectl prints on stdout for `-o json`, `-o name`, `-o jsonpath=...` and its default short form.
enum KubectlOutput {
    static func render(_ objects: [JSONValue], _ options: KubectlOptions, single: Bool, verb: String) throws(KubectlError) -> [UInt8] {
        let value: JSONValue = single && objects.count == 1 ? objects[0]
            : .object(["apiVersion": .string("v1"), "items": .array(objects), "kind": .string("List"),
                       "metadata": .object(["resourceVersion": .string("")])])
        let format = options.output
        if format == "json" { return Array((value.goJSON + "\n").utf8) }
        if format.hasPrefix("jsonpath=") || format.hasPrefix("jsonpath-as-json=") {
            let template = String(format.drop { $0 != "=" }.dropFirst())
            do {
                return Array(try KubectlJSONPath(template).render(value).utf8)
            } catch {
                throw KubectlError("error: error executing jsonpath \"\(template)\": \(error.message)")
            }
        }
        let lines = objects.map { object in
            let kind = (object["kind"]?.stringValue ?? "").lowercased()
            let version = object["apiVersion"]?.stringValue ?? ""
            let group = version.contains("/") ? "." + String(version.split(separator: "/")[0]) : ""
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            return "\(kind)\(group)/\(name)" + (format == "name" || verb.isEmpty ? "" : " " + verb)
        }
        guard format == "name" || format.isEmpty || format == "wide" else {
            throw KubectlError("error: unable to match a printer suitable for the output format \"\(format)\", allowed formats are: json,jsonpath,name")
        }
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }

    /// `-o name` lines (`configmap/x`), or kubectl's `configmap "x" deleted`.
    static func names(_ targets: [KubectlTarget], verb: String?) -> [UInt8] {
        let lines = targets.map { target in
            if let verb { return "\(target.resource.qualifiedName) \"\(target.name)\" \(verb)" }
            return "\(target.resource.nameOutputPrefix)/\(target.name)"
        }
        return Array(lines.map { $0 + "\n" }.joined().utf8)
    }
}
