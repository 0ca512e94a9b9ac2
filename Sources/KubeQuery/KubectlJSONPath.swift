import Model

/// What `kubectl get -o jsonpath=<template>` prints for an object: Argo's resource templates read output parameters
/// with `valueFrom.jsonPath` this way (workflow/executor/resource.go `SaveResourceParameters` runs
/// `kubectl get <name> -o jsonpath=<expr>`). The template is used as given (kubectl's relaxed `{}`-adding form is for
/// custom columns only), parsed by k8s.io/client-go/util/jsonpath and printed by kubectl's JSONPathPrinter
/// (k8s.io/cli-runtime pkg/printers/jsonpath.go) with `--allow-missing-template-keys=true`, kubectl's default.
///
/// Printing: several values of one `{...}` are separated by a space; strings bare; integers as integers; doubles as
/// Go's `%v` (`1.5`, `1e+06`); `true` / `false`; JSON null as `null` (`<no value>` for a null element that a `range`
/// body starts from); maps and arrays as compact `json.Marshal` output with sorted keys. Where Go iterates a map in
/// random order (`*`, `..`), the members are taken in key order.
///
/// Numbers: kubectl's unstructured reader makes a literal int64 when it parses as one and float64 otherwise, and the
/// two print and compare differently (`%v` of 1e6 is `1e+06`; `[?(@.n==1)]` fails on a float). `JSONParser` reads
/// an integral `1.0` or `1e6` as an integer; an API server never writes those (it writes `1` and `1000000`), so for
/// server output the two readings agree.
public struct KubectlJSONPath: Sendable {
    /// A bound Go does not have: output past this many bytes is an error, since `range` over `..` can print a large
    /// object's subtrees many times over.
    public static let maxOutputBytes = 64 << 20

    public let template: String
    public let allowMissingKeys: Bool
    private let nodes: [JSONPathNode]

    /// Parses the template. The error reads as kubectl's: `error parsing jsonpath {.a, unclosed action`.
    public init(_ template: String, allowMissingKeys: Bool = true) throws(ModelError) {
        self.template = template
        self.allowMissingKeys = allowMissingKeys
        do {
            nodes = try JSONPathParser.parse(template)
        } catch {
            throw ModelError(.badRequest, "error parsing jsonpath \(template), \(error.message)")
        }
    }

    /// The text kubectl prints for `value`. The error reads as kubectl's first line:
    /// `error executing jsonpath "{.a[5]}": Error executing template: array index out of bounds: index 5, length 2.
    /// Printing more information for debugging the template:` followed by the template; kubectl's dump of the whole
    /// object (Go `%#v`) is left out.
    public func render(_ value: JSONValue) throws(ModelError) -> String {
        let evaluator = JSONPathEvaluator(nodes: nodes, allowMissingKeys: allowMissingKeys)
        do throws(JSONPathFailure) {
            let groups = try evaluator.findResults(JSONPathItem(value).asRoot)
            var out = ""
            for group in groups {
                out += group.map(\.printed).joined(separator: " ")
                if out.utf8.count > Self.maxOutputBytes {
                    throw JSONPathFailure("jsonpath output larger than \(Self.maxOutputBytes >> 20) MiB")
                }
            }
            return out
        } catch {
            throw ModelError(.badRequest, Self.executionError(template: template, error.message))
        }
    }

    static func executionError(template: String, _ message: String) -> String {
        "error executing jsonpath \(GoQuote.quote(template)): Error executing template: \(message). "
            + "Printing more information for debugging the template:\n\ttemplate was:\n\t\t\(template)\n"
    }
}
