/// `inputs` of a template. The controller strips `parameters` before handing the template to the executor;
/// they are still decoded when present.
public struct Inputs: Codable, Hashable, Sendable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?
    public init(parameters: [Parameter]? = nil, artifacts: [Artifact]? = nil) {
        self.parameters = parameters
        self.artifacts = artifacts
    }
}

/// `outputs` of a template, and the outputs reported in a task result.
public struct Outputs: Codable, Hashable, Sendable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?
    public var result: String?
    public var exitCode: String?
    public init(parameters: [Parameter]? = nil, artifacts: [Artifact]? = nil, result: String? = nil, exitCode: String? = nil) {
        self.parameters = parameters
        self.artifacts = artifacts
        self.result = result
        self.exitCode = exitCode
    }

    /// True when nothing would be serialised (Go's `omitempty` view of outputs).
    public var isEmpty: Bool {
        (parameters ?? []).isEmpty && (artifacts ?? []).isEmpty && result == nil && exitCode == nil
    }
}
