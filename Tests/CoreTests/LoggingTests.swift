@testable import Core
import Foundation
import Logging
import Testing

@Suite("Argo-style log lines")
struct LoggingTests {
    func logger(_ format: ArgoLogHandler.Format, level: Logger.Level = .info) -> (Logger, LogSink) {
        let sink = LogSink.memory()
        var logger = Logger(label: "test") { _ in ArgoLogHandler(format: format, level: level, sink: sink) }
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

    @Test("level parsing accepts logrus spellings", arguments: [
        ("debug", Logger.Level.debug), ("info", .info), ("warn", .warning), ("warning", .warning), ("error", .error),
        ("fatal", .critical), ("DEBUG", .debug),
    ])
    func levels(text: String, level: Logger.Level) { #expect(ArgoLogHandler.parseLevel(text) == level) }

    @Test("unknown levels are rejected")
    func badLevel() { #expect(ArgoLogHandler.parseLevel("verbose") == nil) }
}
