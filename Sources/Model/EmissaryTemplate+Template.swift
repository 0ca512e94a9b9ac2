extension EmissaryTemplate {
    /// The same view of a template decoded with Codable (init and wait hold one; tests compare the two).
    public init(_ template: Template) {
        self.init()
        archiveLogs = template.archivesLogs
        sidecarNames = template.sidecarNames
        containerSet = template.containerSet.map { $0.containers.map { Node(name: $0.name, dependencies: $0.dependencies ?? []) } }
        retries = template.containerSet?.retryStrategy?.retries
        retryDuration = template.containerSet?.retryStrategy?.duration
        volumeMounts = template.volumeMounts.map { VolumeMount(name: $0.name, mountPath: $0.mountPath) }
        inputArtifacts = (template.inputs?.artifacts ?? []).map { InputArtifact(name: $0.name, path: $0.path) }
        outputParameters = (template.outputs?.parameters ?? []).map { OutputParameter(name: $0.name, path: $0.valueFrom?.path) }
        outputArtifacts = (template.outputs?.artifacts ?? []).map { artifact in
            var level: Int?
            if case .tar(let requested)? = artifact.archive?.kind { level = requested.map(Int.init) }
            return OutputArtifact(name: artifact.name, path: artifact.path, tarLevel: level)
        }
    }
}
