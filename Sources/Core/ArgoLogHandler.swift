import Logging
import Synchronization

/// The one log handler (docs/conventions.md rule 9): Argo's log lines on stderr, in the shapes of the
/// controller's generation (docs/controllers.md, "Logs"): v4 executors log through Go's `log/slog`
/// (`time=2026-11-24T17:27:38.123Z level=INFO msg="..." argo=true key=value`, or its JSON handler's objects),
/// v3 executors through logrus (`time="..." level=info msg="..." argo=true key=value`, or JSON with sorted
/// keys). Every record carries `argo=true`, as Argo's do (`cmd/argoexec/commands/root.go`).
public struct ArgoLogHandler: LogHandler {
    public enum Format: String, Sendable, CaseIterable { case text, json }
    /// Whose layout: Go's `log/slog` (Argo v4, `util/logging/slog.go`) or logrus (Argo v3).
    public enum Style: String, Sendable, CaseIterable { case slog, logrus }

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let format: Format
    private let style: Style
    private let sink: LogSink

    public init(format: Format, style: Style = .slog, level: Logger.Level, sink: LogSink = .standardError) {
        self.format = format
        self.style = style
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let now = UTCTime.now()
        let values = fields.mapValues { "\($0)" }
        switch (style, format) {
        case (.logrus, _):
            let line = LogLine(time: now.rfc3339(fractionDigits: 3), level: Self.levelName(event.level), message: "\(event.message)", fields: values)
            sink.emit(format == .text ? line.text() : line.json())
        case (.slog, .text):
            let line = LogLine(time: now.rfc3339(fractionDigits: 3), level: Self.slogLevelName(event.level), message: "\(event.message)", fields: values)
            sink.emit(line.slogText())
        case (.slog, .json):
            let line = LogLine(time: Self.nanoTime(now), level: Self.slogLevelName(event.level), message: "\(event.message)", fields: values)
            sink.emit(line.slogJSON())
        }
    }

    /// Go's `time.RFC3339Nano`, as slog's JSON handler writes times: trailing zeros of the fraction dropped.
    static func nanoTime(_ time: UTCTime) -> String {
        var text = time.rfc3339(fractionDigits: 9)
        guard text.hasSuffix("Z"), text.contains(".") else { return text }
        text.removeLast()
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "Z"
    }

    /// slog's level names (`log/slog` `Level.String`); Argo's fatal logs at ERROR before exiting.
    public static func slogLevelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARN"
        case .error, .critical: "ERROR"
        }
    }

    /// logrus level names (`warning`, `fatal` for critical).
    public static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "trace"
        case .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warning"
        case .error: "error"
        case .critical: "fatal"
        }
    }

    /// Parses `--loglevel` the way logrus does (`warn` and `warning` both accepted).
    public static func parseLevel(_ text: String) -> Logger.Level? {
        switch text.lowercased() {
        case "trace": .trace
        case "debug": .debug
        case "info": .info
        case "warn", "warning": .warning
        case "error": .error
        case "fatal", "panic": .critical
        default: nil
        }
    }
}

extension Logger {
    /// A logger that drops everything: the default for library types built without one (tests, fuzzers).
    public static let disabled = Logger(label: "argoexec.disabled") { _ in SwiftLogNoOpLogHandler() }
}
