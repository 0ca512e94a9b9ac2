/// An error from compiling or running an expression. `description` is the text expr-lang prints:
/// the message, the 1-based `(line:column)`, and the offending source line with a caret under the
/// column, e.g.
///
///     unexpected token Operator(")") (1:5)
///      | 1 + )
///      | ....^
public struct ExprError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The lexer or parser rejected the text (expr-lang: compile error).
        case syntax
        /// A name is not in the environment (expr-lang's checker: `unknown name x`).
        case unknownName
        /// An operation or builtin got values of the wrong type, an index was out of range, ... (VM panic).
        case runtime
        /// A resource limit was hit: memory budget, node count, nesting depth.
        case limit
    }

    public var code: Code
    public var message: String
    /// 1-based line and column of the error, 0 when no position is known.
    public var line = 0
    public var column = 0
    /// The source line and caret (`"\n | src\n | ..^"`), empty when unknown or the line is empty.
    public var snippet = ""
    /// Position in Unicode scalars from the start of the source, until `bind` turns it into line/column.
    var offset: Int?

    init(_ code: Code, _ message: String, at offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    static func runtime(_ message: String, at offset: Int? = nil) -> ExprError {
        ExprError(.runtime, message, at: offset)
    }

    public var description: String {
        // expr-lang prints the bare message when it has no snippet (empty line or no position).
        snippet.isEmpty ? message : "\(message) (\(line):\(column))\(snippet)"
    }

    /// Returns the error with a position, unless it already has one.
    func located(_ offset: Int) -> ExprError {
        var copy = self
        if copy.offset == nil { copy.offset = offset }
        return copy
    }

    /// Computes line, column and snippet from `offset`, as expr-lang's file.Error.Bind does: columns count
    /// Unicode scalars, tabs in the snippet print as spaces, no snippet for an empty line.
    func bound(to source: String) -> ExprError {
        guard let offset else { return self }
        var copy = self
        let scalars = Array(source.unicodeScalars)
        var line = 1
        var column = 0
        var lineStart = 0
        var index = 0
        while index < scalars.count, index < offset {
            if scalars[index] == "\n" {
                line += 1
                column = 0
                lineStart = index + 1
            } else {
                column += 1
            }
            index += 1
        }
        var lineEnd = lineStart
        while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
        copy.line = line
        copy.column = column + 1
        if lineEnd > lineStart {
            var text = String.UnicodeScalarView()
            for scalar in scalars[lineStart..<lineEnd] { text.append(scalar == "\t" ? " " : scalar) }
            copy.snippet = "\n | " + String(text) + "\n | " + String(repeating: ".", count: column) + "^"
        }
        return copy
    }
}
