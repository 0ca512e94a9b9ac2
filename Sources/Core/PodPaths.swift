import ModelBase

/// Every absolute path of the pod contract (Argo's `workflow/controller/workflowpod.go`), resolved under an optional root prefix
/// (`ARGOEXEC_ROOT`) so tests and the pod simulator can run a whole pod inside a temporary folder.
/// With an empty root the paths are the real ones.
public struct PodPaths: Sendable, Equatable {
    /// The prefix, without a trailing slash; "" for the real filesystem.
    public let root: String

    public init(root: String = "") {
        let r = PathRules.trimmingTrailingSlashes(root)
        self.root = r == "/" ? "" : r
    }

    /// `absolute` as seen from this process (`root + absolute`). Relative paths are returned unchanged.
    public func resolve(_ absolute: String) -> String {
        guard absolute.hasPrefix("/") else { return absolute }
        return root + absolute
    }

    // MARK: /var/run/argo (shared emptyDir)
    public var varRunArgo: String { resolve("/var/run/argo") }
    public var binaryCopy: String { varRunArgo + "/argoexec" }
    public var template: String { varRunArgo + "/template" }
    public var status: String { varRunArgo + "/status" }
    public var progress: String { varRunArgo + "/progress" }
    public var outputParameters: String { varRunArgo + "/outputs/parameters" }
    public var outputArtifacts: String { varRunArgo + "/outputs/artifacts" }
    public func containerDir(_ name: String) -> String { varRunArgo + "/ctr/" + name }
    public func exitCode(_ name: String) -> String { containerDir(name) + "/exitcode" }
    public func stdout(_ name: String) -> String { containerDir(name) + "/stdout" }
    public func combined(_ name: String) -> String { containerDir(name) + "/combined" }
    public func signal(_ name: String) -> String { containerDir(name) + "/signal" }
    public func debugPause(_ name: String, before: Bool) -> String { containerDir(name) + (before ? "/before" : "/after") }

    // MARK: /argo
    public var stagingScript: String { resolve("/argo/staging/script") }
    public var inputArtifacts: String { resolve("/argo/inputs/artifacts") }
    public var secrets: String { resolve("/argo/secret") }
    public var configDir: String { resolve("/argo/config") }
    public var offloadedTemplate: String { configDir + "/ARGO_TEMPLATE" }
    public var podMetadataAnnotations: String { resolve("/argo/podmetadata/annotations") }
    public func secretFile(name: String, key: String) -> String { secrets + "/" + name + "/" + key }

    // MARK: main container mirrors and scratch
    public var mainContainerFS: String { resolve("/mainctrfs") }
    public func mainContainerFS(_ path: String) -> String { mainContainerFS + path }
    public var resourceManifest: String { resolve("/tmp/manifest.yaml") }
    public var stagingArtifacts: String { resolve("/tmp/argo/outputs/artifacts") }
    public var stagingLogs: String { resolve("/tmp/argo/outputs/logs") }
    public func offloadedArgument(_ index: Int) -> String { resolve("/tmp/argo_arg_\(index).txt") }

    // MARK: Kubernetes
    public var terminationLog: String { resolve("/dev/termination-log") }
    public var serviceAccountDir: String { resolve("/var/run/secrets/kubernetes.io/serviceaccount") }
}
