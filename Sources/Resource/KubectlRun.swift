import Core
import Kube
import KubeQuery
import Model

/// The in-process kubectl of Argo's `runKubectl` (Argo's `workflow/executor/resource.go`, which embeds kubectl's
/// cobra command): `get`, `create`, `apply`, `replace`, `patch` and `delete` over the executor's Kubernetes
/// client, with kinds and type names resolved through discovery. It returns what kubectl prints on stdout;
/// failures carry what kubectl prints on stderr. What differs from kubectl is listed in docs/resource.md.
public final class KubectlRun {
    let client: KubeClient
    let discovery: APIDiscovery
    /// The namespace kubectl uses when neither `-n` nor the manifest names one (the service account's).
    let defaultNamespace: String
    /// How long `delete` waits between checks that the object is gone (kubectl's `--wait`, the default).
    var deletePollInterval: Duration = .milliseconds(500)

    public init(client: KubeClient, discovery: APIDiscovery, defaultNamespace: String) {
        self.client = client
        self.discovery = discovery
        self.defaultNamespace = defaultNamespace
    }

    /// `argv` as Argo builds it: `["kubectl", ACTION, flags...]`; global flags may precede the action
    /// (`kubectl -n NS get NAME -o jsonpath=...`).
    public func run(_ argv: [String]) throws(KubectlError) -> [UInt8] {
        var options = try KubectlOptions.parse(action: "", Array(argv.dropFirst()))
        guard !options.positional.isEmpty else { throw KubectlError("error: no kubectl command given") }
        options.action = options.positional.removeFirst()
        switch options.action {
        case "create", "apply", "replace":
            guard !options.files.isEmpty else { throw KubectlError("error: must specify one of -f and -k") }
            guard options.positional.isEmpty else {
                throw KubectlError("error: Unexpected args: [\(options.positional.joined(separator: " "))]")
            }
            let targets = try fileTargets(options)
            let objects = try each(targets) { (target) throws(KubectlError) -> JSONValue in
                switch options.action {
                case "create": try create(target, options)
                case "apply": try apply(target, options)
                default: try replace(target, options)
                }
            }
            return try KubectlOutput.render(objects, options, single: targets.count == 1, verb: options.action + "d")
        case "get":
            let (targets, single) = try targetsOrLists(options)
            let objects = try each(targets) { (target) throws(KubectlError) -> [JSONValue] in try get(target, options) }.flatMap { $0 }
            if objects.isEmpty && options.ignoreNotFound && single { return [] }
            return try KubectlOutput.render(objects, options, single: single && objects.count == 1, verb: "")
        case "patch":
            let (targets, single) = try targetsOrLists(options, listsAllowed: false)
            let objects = try each(targets) { (target) throws(KubectlError) -> JSONValue in try patch(target, options) }
            return try KubectlOutput.render(objects, options, single: single, verb: "patched")
        case "delete":
            let (targets, _) = try targetsOrLists(options)
            let deleted = try each(targets) { (target) throws(KubectlError) -> [KubectlTarget] in try delete(target, options) }.flatMap { $0 }
            if options.wait != false && options.dryRun == "none" { try waitUntilGone(deleted) }
            return KubectlOutput.names(deleted, verb: options.output == "name" ? nil : "deleted")
        default:
            throw KubectlError("error: unknown command \"\(options.action)\" for \"kubectl\"")
        }
    }

    /// Runs `body` for every target, as kubectl's visitors do: the others still run after a failure, and the
    /// failures are reported together, one per line.
    func each<T>(_ targets: [KubectlTarget], _ body: (KubectlTarget) throws(KubectlError) -> T) throws(KubectlError) -> [T] {
        var results: [T] = []
        var failures: [KubectlError] = []
        for target in targets {
            do {
                results.append(try body(target))
            } catch {
                failures.append(error)
            }
        }
        if !failures.isEmpty {
            throw KubectlError(failures.map(\.message).joined(separator: "\n"), transient: failures.allSatisfy(\.transient),
                               notFound: failures.allSatisfy(\.notFound))
        }
        return results
    }

    /// Sends one request; an API error becomes kubectl's message with `prefix` (`error when creating "f": `).
    func send(_ method: String, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
              prefix: String = "") throws(KubectlError) -> JSONValue {
        do {
            let response = try client.send(method, path, body: body.map { Array($0.goJSON.utf8) }, contentType: contentType)
            return try JSONParser.parse(response.body)
        } catch let error as ExecError {
            throw Self.failure(error, prefix: prefix)
        } catch {
            throw KubectlError("error: unexpected answer from the server for \(method) \(path): \(error)")
        }
    }
}
