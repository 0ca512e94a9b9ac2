import Model

/// Argo's `inferObjectSelfLink` (`workflow/executor/resource.go`): the path a resource step polls, built from
/// the object kubectl returned, with the plural guessed by gengo's all-lower-case plural namer
/// (`k8s.io/gengo/namer/plural_namer.go`), not looked up in discovery: `Duty` → `duties`, `IngressGateway` →
/// `ingressgateways`, `Endpoints` → `endpointses` (as Argo polls it).
public enum SelfLink {
    public static func plural(_ kind: String) -> String {
        let s = Array(kind.unicodeScalars)
        guard s.count >= 2 else { return kind.lowercased() }
        let last = s[s.count - 1], previous = s[s.count - 2]
        let body = String(String.UnicodeScalarView(s.dropLast()))
        let plural: String
        switch last {
        case "s", "x", "z": plural = kind + "es"
        case "y": plural = "bcdfghjklmnpqrstvwxyz".unicodeScalars.contains(previous) ? body + "ies" : kind + "s"
        case "h": plural = previous == "c" || previous == "s" ? kind + "es" : kind + "s"
        case "e": plural = previous == "f" ? String(String.UnicodeScalarView(s.dropLast(2))) + "ves" : kind + "s"
        case "f": plural = body + "ves"
        default: plural = kind + "s"
        }
        return plural.lowercased()
    }

    /// `api|apis/<apiVersion>/[namespaces/<ns>/]<plural>/<name>` (no leading slash, as Argo's `RequestURI` takes it).
    public static func of(_ object: JSONValue) -> String {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        let prefix = apiVersion.contains("/") ? "apis" : "api"
        if namespace.isEmpty { return "\(prefix)/\(apiVersion)/\(plural(kind))/\(name)" }
        return "\(prefix)/\(apiVersion)/namespaces/\(namespace)/\(plural(kind))/\(name)"
    }
}
