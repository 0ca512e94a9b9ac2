import Core
import Model

extension KubectlRun {
    /// `kubectl delete` (Argo always adds `--ignore-not-found`): one object, or every object the selector or
    /// `--all` selects; the propagation policy from `--cascade`, the grace period from `--grace-period`/`--now`.
    func delete(_ target: KubectlTarget, _ options: KubectlOptions) throws(KubectlError) -> [KubectlTarget] {
        var named: [KubectlTarget] = []
        if target.name.isEmpty {
            for item in try get(target, options) {
                guard let name = item["metadata"]?["name"]?.stringValue else { continue }
                let namespace = item["metadata"]?["namespace"]?.stringValue ?? target.namespace
                named.append(KubectlTarget(resource: target.resource, namespace: target.resource.namespaced ? namespace : nil, name: name))
            }
        } else {
            named = [target]
        }
        var body: [String: JSONValue] = ["kind": .string("DeleteOptions"), "apiVersion": .string("v1")]
        body["propagationPolicy"] = .string(options.cascade == "foreground" ? "Foreground" : options.cascade == "orphan" ? "Orphan" : "Background")
        if let grace = options.gracePeriod, grace >= 0 { body["gracePeriodSeconds"] = .int(Int64(grace)) }
        if options.dryRun == "server" { body["dryRun"] = .array([.string("All")]) }
        var deleted: [KubectlTarget] = []
        for object in named {
            if options.dryRun == "client" {
                deleted.append(object)
                continue
            }
            do {
                let prefix = object.source.map { "error when deleting \"\($0)\": " } ?? ""
                _ = try send("DELETE", object.path, body: .object(body), prefix: prefix)
                deleted.append(object)
            } catch let error where error.notFound && options.ignoreNotFound {
                continue
            }
        }
        return deleted
    }

    /// kubectl's `--wait` (on by default): returns once every deleted object is gone (404), however long its
    /// finalizers take; the pod's deadline is the only limit, as it is for kubectl.
    func waitUntilGone(_ targets: [KubectlTarget]) throws(KubectlError) {
        var pending = targets
        while !pending.isEmpty {
            var still: [KubectlTarget] = []
            for target in pending {
                do {
                    let live = try send("GET", target.path)
                    // A new object of the same name (another uid) counts as gone, as kubectl's wait compares uids.
                    if let uid = live["metadata"]?["uid"], let old = target.object?["metadata"]?["uid"], uid != old { continue }
                    still.append(target)
                } catch let error where error.notFound {
                    continue
                }
            }
            pending = still
            if !pending.isEmpty { Pause.sleep(deletePollInterval) }
        }
    }

    /// kubectl's text for an API failure (`Error from server (NotFound): pods "x" not found`), and whether Argo's
    /// `IsTransientErr` would retry the step: no answer from the server (Go's network errors), the API
    /// server's etcd hiccups, or `TRANSIENT_ERROR_PATTERN`.
    static func failure(_ error: ExecError, prefix: String) -> KubectlError {
        let notFound = error.status == 404
        guard error.status != nil else {
            let text = "Unable to connect to the server: \(error.description)"
            return KubectlError(text, transient: true)
        }
        let reason = error.reason.map { " (\($0))" } ?? ""
        let text = "Error from server\(reason): \(prefix)\(error.message)"
        let etcd = ["etcdserver: leader changed", "etcdserver: request timed out", "etcdserver: too many requests"]
        var transient = etcd.contains { text.contains(text: $0) }
        if !transient { transient = TransientErrorPattern.matches(ExecError(.internal, text)) }
        return KubectlError(text, transient: transient, notFound: notFound)
    }
}
