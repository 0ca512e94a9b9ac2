/// Template helpers the executor uses everywhere (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`).
extension Template {
    public enum Kind: String, Sendable {
        case container = "Container", containerSet = "ContainerSet", steps = "Steps", dag = "DAG"
        case script = "Script", resource = "Resource", data = "Data", suspend = "Suspend"
        case http = "HTTP", plugin = "Plugin", unknown = "Unknown"
    }

    /// Kind detection in Argo's order: container, containerSet, steps, dag, script, resource, data,
    /// suspend, http, plugin.
    public var kind: Kind {
        if container != nil { return .container }
        if containerSet != nil { return .containerSet }
        if steps != nil { return .steps }
        if dag != nil { return .dag }
        if script != nil { return .script }
        if resource != nil { return .resource }
        if data != nil { return .data }
        if suspend != nil { return .suspend }
        if http != nil { return .http }
        if plugin != nil { return .plugin }
        return .unknown
    }

    /// Names of the main containers: every container-set member, otherwise `["main"]`.
    public var mainContainerNames: [String] {
        if let set = containerSet { return set.containers.map(\.name) }
        return ["main"]
    }

    /// Names of user sidecars.
    public var sidecarNames: [String] { (sidecars ?? []).compactMap(\.container.name) }

    /// The "user volumes": `container.volumeMounts`, else `script.volumeMounts`, else
    /// `containerSet.volumeMounts` (sidecar mounts do not count).
    public var volumeMounts: [VolumeMount] {
        if let c = container { return c.volumeMounts ?? [] }
        if let s = script { return s.container.volumeMounts ?? [] }
        if let set = containerSet { return set.volumeMounts ?? [] }
        return []
    }

    /// The user volume mount whose `mountPath` equals `path` or is a path-component ancestor of it; the
    /// longest such mount wins (`FindOverlappingVolume`).
    public func overlappingVolume(for path: String) -> VolumeMount? {
        PathRules.deepestAncestor(of: path, in: volumeMounts, directory: \.mountPath)
    }

    /// True for template kinds whose stdout becomes `outputs.result` (Argo's `workflow/executor/executor.go`).
    public var hasScriptOutput: Bool {
        switch kind {
        case .container, .script, .data, .http, .plugin: return true
        case .containerSet: return containerSet?.containers.contains { $0.name == "main" } ?? false
        default: return false
        }
    }

    /// True when `archiveLocation.archiveLogs` is set.
    public var archivesLogs: Bool { archiveLocation?.archiveLogs ?? false }
}
