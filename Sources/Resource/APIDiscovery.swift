import Core
import Kube
import Model

/// kubectl's REST mapper over API discovery (`/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`), fetched
/// lazily and cached for the run (one resource step maps a handful of kinds): a kind and apiVersion from a
/// manifest, or a type argument (`pods`, `po`, `job.batch`, `deployments.v1.apps`), become an `APIResource`.
public final class APIDiscovery {
    let client: KubeClient
    private var lists: [String: [APIResource]] = [:]
    private var preferred: [String]?

    public init(client: KubeClient) { self.client = client }

    /// The resource of `kind` in `apiVersion`; nil when the group/version is not served or has no such kind
    /// (kubectl's `no matches for kind`).
    public func resource(kind: String, apiVersion: String) throws(KubectlError) -> APIResource? {
        try resources(groupVersion: apiVersion)?.first { $0.kind == kind }
    }

    /// A type argument as kubectl resolves it: `resource`, `resource.group` or `resource.version.group`; the
    /// core group first, then every group's preferred version in discovery order.
    public func resource(type: String) throws(KubectlError) -> APIResource {
        let parts = type.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        if parts.count == 2 {
            let qualifier = parts[1]
            let dotted = qualifier.split(separator: ".", maxSplits: 1).map(String.init)
            if dotted.count == 2, let list = try resources(groupVersion: dotted[1] + "/" + dotted[0]),
               let match = list.first(where: { $0.answers(to: name) }) {
                return match  // resource.version.group
            }
            for groupVersion in try preferredVersions() where groupVersion.hasPrefix(qualifier + "/") {
                if let match = try resources(groupVersion: groupVersion)?.first(where: { $0.answers(to: name) }) { return match }
            }
            if qualifier.isEmpty, let match = try resources(groupVersion: "v1")?.first(where: { $0.answers(to: name) }) {
                return match  // `pod.`: the core group spelled with an empty group, as Argo's resource names are
            }
        } else {
            for groupVersion in try preferredVersions() {
                if let match = try resources(groupVersion: groupVersion)?.first(where: { $0.answers(to: name) }) { return match }
            }
        }
        throw KubectlError("error: the server doesn't have a resource type \"\(type)\"")
    }

    /// `v1` first, then each group's preferred version from `/apis`.
    func preferredVersions() throws(KubectlError) -> [String] {
        if let preferred { return preferred }
        var versions = ["v1"]
        let groups = try fetch("/apis") ?? .null
        do {
            for group in try JSONFields.array(groups["groups"], "groups") {
                let preferredVersion = group["preferredVersion"]?["groupVersion"]?.stringValue
                let first = try JSONFields.array(group["versions"], "versions").first?["groupVersion"]?.stringValue
                if let version = preferredVersion ?? first { versions.append(version) }
            }
        } catch {
            throw KubectlError("error: couldn't get available api versions from server: \(error.message)")
        }
        preferred = versions
        return versions
    }

    /// The resources served under one group/version; nil when it is not served (404).
    func resources(groupVersion: String) throws(KubectlError) -> [APIResource]? {
        if let cached = lists[groupVersion] { return cached }
        let parts = groupVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && KubePath.isValidSegment($0) }) else { return nil }
        let (group, version) = parts.count == 1 ? ("", parts[0]) : (parts[0], parts[1])
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        guard let document = try fetch(path) else { return nil }
        do {
            let list = try APIResource.list(document, group: group, version: version)
            lists[groupVersion] = list
            return list
        } catch {
            throw KubectlError("error: unexpected discovery document at \(path): \(error.message)")
        }
    }

    private func fetch(_ path: String) throws(KubectlError) -> JSONValue? {
        do {
            let body = try client.send("GET", path).body
            return try JSONParser.parse(body)
        } catch let error as ExecError {
            if error.status == 404 { return nil }
            throw KubectlRun.failure(error, prefix: "")
        } catch {
            throw KubectlError("error: unexpected discovery document at \(path): \(error)")
        }
    }
}
