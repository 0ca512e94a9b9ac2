import Model

/// Where libyaml saw something, 1-based (libyaml's marks count from 0).
struct Mark: Sendable, Equatable {
    var line: Int
    var column: Int

    var description: String { "line \(line), column \(column)" }
}

/// A scalar as libyaml's SCALAR event gives it. `plainImplicit` is libyaml's `plain_implicit`: a plain scalar
/// without a tag (or with the non-specific `!`), the only kind go-yaml v2 resolves without a tag
/// (gopkg.in/yaml.v2 decode.go, `scalar`: `n.tag == "" && !n.implicit` is a string).
struct ScalarEvent: Sendable {
    var value: String
    var anchor: String?
    var tag: String
    var plainImplicit: Bool
    var mark: Mark
}

/// The events of libyaml's event API (yaml.h, `yaml_event_type_t`) the composer needs, with the C strings
/// copied out. Tags on collections are dropped: go-yaml v2 ignores them (decode.go, `mapping`, `sequence`).
enum YAMLEvent: Sendable {
    case streamStart
    case streamEnd(Mark)
    case documentStart(Mark)
    case documentEnd
    case alias(anchor: String, mark: Mark)
    case scalar(ScalarEvent)
    case sequenceStart(anchor: String?, mark: Mark)
    case sequenceEnd
    case mappingStart(anchor: String?, mark: Mark)
    case mappingEnd
}

/// The errors this module raises: go-yaml's `yaml: ` prefix, then where, then what.
enum YAMLError {
    static func at(_ mark: Mark, _ message: String) -> ModelError {
        ModelError(.badRequest, "yaml: \(mark.description): \(message)")
    }
}
