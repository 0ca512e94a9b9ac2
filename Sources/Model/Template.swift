/// The template as the controller hands it to the executor (`ARGO_TEMPLATE`, `/var/run/argo/template`;
/// Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`): parameters already substituted, `archiveLocation` filled from the artifact repository.
/// Unknown keys are ignored; template kinds the executor only needs to recognise are kept as opaque JSON.
public struct Template: Codable, Hashable, Sendable {
    public var name: String?
    public var inputs: Inputs?
    public var outputs: Outputs?
    @Boxed public var metadata: TemplateMetadata? = nil
    public var container: Container?
    @Boxed public var containerSet: ContainerSetTemplate? = nil
    @Boxed public var script: ScriptTemplate? = nil
    @Boxed public var resource: ResourceTemplate? = nil
    @Boxed public var data: DataTemplate? = nil
    public var sidecars: [UserContainer]?
    public var archiveLocation: ArtifactLocation?
    public var steps: JSONValue?
    public var dag: JSONValue?
    public var suspend: JSONValue?
    public var http: JSONValue?
    public var plugin: JSONValue?

    public init(name: String? = nil) { self.name = name }
}

/// `metadata:` of a template (labels and annotations put on the pod).
public struct TemplateMetadata: Codable, Hashable, Sendable {
    public var annotations: [String: String]?
    public var labels: [String: String]?
    public init(annotations: [String: String]? = nil, labels: [String: String]? = nil) {
        self.annotations = annotations
        self.labels = labels
    }
}
