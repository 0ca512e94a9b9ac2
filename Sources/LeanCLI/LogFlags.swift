/// The logging flags of one command line: `--loglevel L --log-format F --gloglevel G` (Argo's
/// `cmd/argoexec/commands/root.go`).
public struct LogFlags: Sendable {
    public var level = "info"
    public var format = "text"
    /// Called the way v3.0-v3.6 controllers call the executor: `--loglevel` without `--gloglevel` (v3.7+ add
    /// it), which picks logrus-shaped lines unless `ARGOEXEC_LOG_STYLE` says otherwise.
    public var olderController = false

    public init(level: String = "info", format: String = "text", olderController: Bool = false) {
        self.level = level
        self.format = format
        self.olderController = olderController
    }

    /// The flags in `arguments` (every element before `--` is a flag, `--name value` or `--name=value`), or nil
    /// when one is not a logging flag, lacks its value, or `--gloglevel` is not a number: the caller then
    /// reports a usage error (the lean binary) or takes the full parser (the full one).
    public static func parse(_ arguments: ArraySlice<String>) -> LogFlags? {
        var flags = LogFlags()
        var sawLevel = false, sawGlog = false
        var i = arguments.startIndex
        while i < arguments.endIndex {
            var (name, value) = (arguments[i], nil as String?)
            if let eq = name.firstIndex(of: "=") { (name, value) = (String(name[..<eq]), String(name[name.index(after: eq)...])) }
            guard ["--loglevel", "--log-format", "--gloglevel"].contains(name) else { return nil }
            if value == nil {
                guard i + 1 < arguments.endIndex else { return nil }
                value = arguments[i + 1]
                i += 1
            }
            switch name {
            case "--loglevel":
                flags.level = value ?? flags.level
                sawLevel = true
            case "--log-format":
                flags.format = value ?? flags.format
            default:
                if Int(value ?? "") == nil { return nil }
                sawGlog = true
            }
            i += 1
        }
        flags.olderController = sawLevel && !sawGlog
        return flags
    }
}
