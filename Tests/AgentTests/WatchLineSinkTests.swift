import Core
import Testing
@testable import Agent

/// The watch stream's line splitting: events cut anywhere by the transport, blank keep-alive lines, a stop
/// request, and a line that would grow without bound.
@Suite("Agent watch stream lines")
struct WatchLineSinkTests {
    func feed(_ sink: WatchLineSink, _ chunks: [String]) throws {
        for chunk in chunks {
            let bytes = Array(chunk.utf8)
            try bytes.withUnsafeBytes { raw in try sink.write(raw) }
        }
    }

    @Test func linesAcrossChunks() throws {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let lines = Lines()
        let sink = WatchLineSink { (line) throws(ExecError) -> Bool in lines.all.append(String(decoding: line, as: UTF8.self)); return true }
        try feed(sink, ["{\"a\"", ":1}\n\n  \r\n{\"b\":2}\n{\"c\"", ":3}\n"])
        #expect(lines.all == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
        #expect(sink.events == 3)
        #expect(!sink.stopped)
    }

    @Test func stopEndsTheTransfer() {
        let sink = WatchLineSink { (_) throws(ExecError) -> Bool in false }
        #expect(throws: ExecError.self) { try feed(sink, ["x\ny\n"]) }
        #expect(sink.stopped)
    }

    @Test func oversizedLineIsAnError() {
        let sink = WatchLineSink(limit: 8) { (_) throws(ExecError) -> Bool in true }
        #expect(throws: ExecError.self) { try feed(sink, ["0123456789"]) }
    }
}
