@testable import Core
import Foundation
import Logging
import Testing

@Suite("Argo-style log lines: logrus (v3) and slog (v4)")
struct LoggingTests {
    func logger(_ format: ArgoLogHandler.Format, style: ArgoLogHandler.Style = .logrus, level: Logger.Level = .info) -> (Logger, LogSink) {
        let sink = LogSink.memory()
        var logger = Logger(label: "test") { _ in ArgoLogHandler(format: format, style: style, level: level, sink: sink) }
        logger.logLevel = level
        return (logger, sink)
    }

    @Test("text: time, level, quoted msg, argo=true, sorted fields, logrus quoting")
    func text() throws {
        let (log, sink) = logger(.text)
        log.info("Starting Workflow Executor", metadata: ["version": "v0.1.0", "path": "/tmp/a b", "empty": ""])
        log.debug("hidden")
        let line = try #require(sink.lines.first)
        #expect(sink.lines.count == 1)
        let pattern = #/^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z" level=info msg="Starting Workflow Executor" argo=true empty= path="/tmp/a b" version=v0.1.0$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
    }

    @Test("text: warn maps to warning; control characters escaped Go-style")
    func escaping() throws {
        let (log, sink) = logger(.text, level: .debug)
        log.warning("line1\nline2 \"q\"\t\u{1}")
        let line = try #require(sink.lines.first)
        #expect(line.contains(#"level=warning msg="line1\nline2 \"q\"\t\x01""#), "\(line)")
    }

    @Test("json: one object per line, sorted keys, argo is a boolean")
    func json() throws {
        let (log, sink) = logger(.json)
        log.error("upload failed", metadata: ["key": "wf/pod/out.tgz"])
        let line = try #require(sink.lines.first)
        #expect(line.hasPrefix(#"{"argo":true,"key":"wf/pod/out.tgz","level":"error","msg":"upload failed","time":""#))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["argo"] as? Bool == true)
        #expect(object["msg"] as? String == "upload failed")
    }

    @Test("slog text (v4): unquoted time, upper-case level, slog's quoting rules, argo=true first")
    func slogText() throws {
        let (log, sink) = logger(.text, style: .slog, level: .debug)
        log.info("Starting Workflow Executor", metadata: ["version": "v4.1.2", "path": "/tmp/a b", "empty": "", "eq": "a=b", "bs": #"c:\d"#])
        log.warning("line1\nline2")
        log.debug("plain")
        #expect(sink.lines.count == 3)
        let pattern = #/^time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=INFO msg="Starting Workflow Executor" argo=true bs=c:\\d empty="" eq="a=b" path="/tmp/a b" version=v4.1.2$/#
        #expect(sink.lines[0].wholeMatch(of: pattern) != nil, "\(sink.lines[0])")
        #expect(sink.lines[1].contains(#"level=WARN msg="line1\nline2" argo=true"#), "\(sink.lines[1])")
        #expect(sink.lines[2].contains(" level=DEBUG msg=plain argo=true"), "\(sink.lines[2])")
    }

    @Test("slog JSON (v4): time, level, msg, then argo and the fields; RFC 3339 nanoseconds without trailing zeros")
    func slogJSON() throws {
        let (log, sink) = logger(.json, style: .slog)
        log.error("upload failed", metadata: ["key": "wf/pod/<out>.tgz"])
        let line = try #require(sink.lines.first)
        #expect(line.wholeMatch(of: #/^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z","level":"ERROR","msg":"upload failed","argo":true,"key":"wf/pod/<out>.tgz"\}$/#) != nil, "\(line)")
        #expect(ArgoLogHandler.nanoTime(UTCTime(secondsSinceEpoch: 0, nanoseconds: 120_000_000)) == "1970-01-01T00:00:00.12Z")
        #expect(ArgoLogHandler.nanoTime(UTCTime(secondsSinceEpoch: 0, nanoseconds: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test("level parsing accepts logrus spellings", arguments: [
        ("debug", Logger.Level.debug), ("info", .info), ("warn", .warning), ("warning", .warning), ("error", .error),
        ("fatal", .critical), ("DEBUG", .debug),
    ])
    func levels(text: String, level: Logger.Level) { #expect(ArgoLogHandler.parseLevel(text) == level) }

    @Test("unknown levels are rejected")
    func badLevel() { #expect(ArgoLogHandler.parseLevel("verbose") == nil) }
}
