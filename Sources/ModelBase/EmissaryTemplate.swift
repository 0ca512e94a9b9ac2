/// The part of a template the emissary reads (Argo's `cmd/argoexec/commands/emissary.go`): log capture, sidecars, the container set
/// (dependencies, retries), the user volumes and the outputs `main` stages. The emissary wraps every
/// container, so it reads these straight from the `JSONParser` tree instead of decoding the whole
/// `Template` with Codable (runtime metadata and conformance scans: 15% of the emissary's perf samples
/// in the static binary). Members the emissary does not use are not looked at, so they cannot fail it; a member it uses
/// with the wrong JSON type is an error naming the member. `init(_ template:)` gives the same view of a
/// decoded `Template`, and tests hold the two readings equal.
public struct EmissaryTemplate: Equatable, Sendable {
    public struct Node: Equatable, Sendable {
        public var name: String
        public var dependencies: [String]
        public init(name: String, dependencies: [String]) {
            self.name = name
            self.dependencies = dependencies
        }
    }

    public struct OutputParameter: Equatable, Sendable {
        public var name: String
        /// `valueFrom.path`, when set.
        public var path: String?
        public init(name: String, path: String?) {
            self.name = name
            self.path = path
        }
    }

    public struct OutputArtifact: Equatable, Sendable {
        public var name: String
        public var path: String?
        /// `archive.tar.compressionLevel` when the artifact asks for tar with a level (none/zip win, as Argo).
        public var tarLevel: Int?
        public init(name: String, path: String?, tarLevel: Int?) {
            self.name = name
            self.path = path
            self.tarLevel = tarLevel
        }
    }

    public var archiveLogs = false
    public var sidecarNames: [String] = []
    /// The container-set members, nil when the template is not a container set.
    public var containerSet: [Node]?
    /// `containerSet.retryStrategy`: `retries` (an int32 or a decimal string) and `duration`.
    public var retries: IntOrString?
    public var retryDuration: String?
    /// The "user volumes" (`Template.volumeMounts`): their mount paths.
    public struct VolumeMount: Equatable, Sendable {
        public var name: String
        public var mountPath: String
        public init(name: String, mountPath: String) {
            self.name = name
            self.mountPath = mountPath
        }
    }

    /// An input artifact as the init-less emissary links it (`inputs.artifacts[]`: name and path).
    public struct InputArtifact: Equatable, Sendable {
        public var name: String
        public var path: String?
        public init(name: String, path: String?) {
            self.name = name
            self.path = path
        }
    }

    public var volumeMounts: [VolumeMount] = []
    public var volumeMountPaths: [String] { volumeMounts.map(\.mountPath) }
    public var inputArtifacts: [InputArtifact] = []
    public var outputParameters: [OutputParameter] = []
    public var outputArtifacts: [OutputArtifact] = []

    public init() {}

    /// Names of the main containers: every container-set member, otherwise `["main"]`.
    public var mainContainerNames: [String] { containerSet.map { $0.map(\.name) } ?? ["main"] }

    /// The user volume whose mount path is `path` or a path-component ancestor of it (longest wins).
    public func overlappingVolume(for path: String) -> String? {
        overlappingMount(for: path)?.mountPath
    }

    /// Argo's `FindOverlappingVolume`: the deepest user volume mount at or above `path`.
    public func overlappingMount(for path: String) -> VolumeMount? {
        PathRules.deepestAncestor(of: path, in: volumeMounts) { $0.mountPath }
    }

    /// Argo's `FindVolumeMountNestedUnderPath`: the first user volume mounted strictly below `path`.
    public func mountNested(under path: String) -> VolumeMount? {
        volumeMounts.first { PathRules.isSameOrAncestor(path, of: $0.mountPath) && PathRules.clean($0.mountPath) != PathRules.clean(path) }
    }
}

extension EmissaryTemplate {
    /// Reads the template JSON text.
    public init(json text: [UInt8]) throws(ModelError) {
        try self.init(json: JSONParser.parse(text))
    }

    public init(json: JSONValue) throws(ModelError) {
        typealias F = JSONFields
        let root = try F.object(json, "template")
        archiveLogs = try F.bool(F.member(root, "archiveLocation")?["archiveLogs"], "archiveLocation.archiveLogs") ?? false
        for (i, sidecar) in try F.array(root["sidecars"], "sidecars").enumerated() {
            if let name = try F.string(F.object(sidecar, "sidecars[\(i)]")["name"], "sidecars[\(i)].name") { sidecarNames.append(name) }
        }
        let container = try F.member(root, "container")
        let set = try F.member(root, "containerSet")
        let script = try F.member(root, "script")
        if let set {
            containerSet = try F.array(set["containers"], "containerSet.containers").enumerated().map { (i, c) throws(ModelError) in
                let field = "containerSet.containers[\(i)]"
                let node = try F.object(c, field)
                return Node(name: try F.string(node["name"], field + ".name") ?? "",
                            dependencies: try F.strings(node["dependencies"], field + ".dependencies"))
            }
            if let strategy = try F.member(set, "retryStrategy", in: "containerSet") {
                retries = try F.intOrString(strategy["retries"], "containerSet.retryStrategy.retries")
                retryDuration = try F.string(strategy["duration"], "containerSet.retryStrategy.duration")
            }
        }
        // The user volumes as `Template.volumeMounts`: the container's, else the script's, else the set's.
        if let (owner, name) = container.map({ ($0, "container") }) ?? script.map({ ($0, "script") }) ?? set.map({ ($0, "containerSet") }) {
            volumeMounts = try F.array(owner["volumeMounts"], name + ".volumeMounts").enumerated().map { (i, m) throws(ModelError) in
                let field = "\(name).volumeMounts[\(i)]"
                let mount = try F.object(m, field)
                return VolumeMount(name: try F.string(mount["name"], field + ".name") ?? "",
                                   mountPath: try F.string(mount["mountPath"], field + ".mountPath") ?? "")
            }
        }
        if let inputs = try F.member(root, "inputs") {
            inputArtifacts = try F.array(inputs["artifacts"], "inputs.artifacts").enumerated().map { (i, a) throws(ModelError) in
                let field = "inputs.artifacts[\(i)]"
                let artifact = try F.object(a, field)
                return InputArtifact(name: try F.string(artifact["name"], field + ".name") ?? "",
                                     path: try F.string(artifact["path"], field + ".path"))
            }
        }
        guard let outputs = try F.member(root, "outputs") else { return }
        outputParameters = try F.array(outputs["parameters"], "outputs.parameters").enumerated().map { (i, p) throws(ModelError) in
            let field = "outputs.parameters[\(i)]"
            let parameter = try F.object(p, field)
            let valueFrom = try F.member(parameter, "valueFrom", in: field)
            return OutputParameter(name: try F.string(parameter["name"], field + ".name") ?? "",
                                   path: try F.string(valueFrom?["path"], field + ".valueFrom.path"))
        }
        outputArtifacts = try F.array(outputs["artifacts"], "outputs.artifacts").enumerated().map { (i, a) throws(ModelError) in
            let field = "outputs.artifacts[\(i)]"
            let artifact = try F.object(a, field)
            var level: Int?
            // `ArchiveStrategy.kind`: none, then zip, else tar (with its level when given).
            if let archive = try F.member(artifact, "archive", in: field), try F.member(archive, "none", in: field + ".archive") == nil,
               try F.member(archive, "zip", in: field + ".archive") == nil, let tar = try F.member(archive, "tar", in: field + ".archive") {
                // `TarStrategy.compressionLevel` is a Go *int32: a wider number fails as Codable's `Template` does.
                level = try F.int32(tar["compressionLevel"], field + ".archive.tar.compressionLevel").map(Int.init)
            }
            return OutputArtifact(name: try F.string(artifact["name"], field + ".name") ?? "",
                                  path: try F.string(artifact["path"], field + ".path"), tarLevel: level)
        }
    }
}
