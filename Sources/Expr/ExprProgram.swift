/// A compiled expression: parsed and checked once, run against any number of environments. This is
/// `expr.Compile(source, expr.Env(env))` followed by `expr.Run(program, env)`.
///
///     let program = try ExprProgram("response.statusCode == 201", names: ["request", "response"])
///     let ok = try program.run(env)
public struct ExprProgram: Sendable {
    public let source: String
    let root: Node
    let regexes: [String: Regex]

    /// Compiles `source`. With `names`, any other identifier is an `unknownName` error, as with
    /// expr.Env; nil accepts every name (a missing one reads as nil).
    public init(_ source: String, names: Set<String>? = nil) throws(ExprError) {
        self.source = source
        do {
            root = try Parser.parse(source)
            var checker = Checker(names: names)
            try checker.check(root)
            regexes = checker.regexes
        } catch {
            throw error.bound(to: source)
        }
    }

    /// Compiles `source` against the names of `env`.
    public init(_ source: String, env: ExprMap) throws(ExprError) {
        try self.init(source, names: Set(env.keys))
    }

    public func run(_ env: ExprMap) throws(ExprError) -> ExprValue {
        let evaluator = Evaluator(env: env, regexes: RegexCache(regexes))
        do {
            return try evaluator.eval(root)
        } catch {
            if error.isChainBreak { return .null }
            throw error.bound(to: source)
        }
    }
}

/// One-call evaluation, and Argo's boolean wrapper (util/expr/argoexpr.EvalBool).
public enum Expr {
    /// expr.Eval with the environment's names checked, as Argo's call sites compile with expr.Env(env).
    public static func eval(_ source: String, env: ExprMap) throws(ExprError) -> ExprValue {
        try ExprProgram(source, env: env).run(env)
    }

    /// argoexpr.EvalBool: compile errors as expr-lang prints them; run errors as
    /// `unable to evaluate expression '<source>': <error>`; a non-bool result as
    /// `unable to cast expression result '<%s of result>' to bool`. The thrown error's `description`
    /// is the whole Argo message.
    public static func evalBool(_ source: String, env: ExprMap) throws(ExprError) -> Bool {
        let program = try ExprProgram(source, env: env)
        let result: ExprValue
        do {
            result = try program.run(env)
        } catch {
            throw ExprError(error.code, "unable to evaluate expression '\(source)': \(error.description)")
        }
        guard case .bool(let b) = result else {
            throw ExprError(.runtime, "unable to cast expression result '\(GoFormat.sVerb(result))' to bool")
        }
        return b
    }
}
