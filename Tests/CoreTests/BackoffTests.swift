@testable import Core
import Synchronization
import Logging
import Testing

@Suite("Backoff (k8s wait.Backoff semantics)")
struct BackoffTests {
    @Test("executor default schedule: 1, 1.6, 2.56, 4.096 s before jitter")
    func schedule() {
        let delays = Backoff.executorDefault.nominalDelays.map(\.seconds)
        #expect(delays.count == 4)
        for (a, b) in zip(delays, [1, 1.6, 2.56, 4.096]) { #expect(abs(a - b) < 1e-9) }
    }

    @Test("cap limits growth")
    func cap() {
        let b = Backoff(steps: 6, duration: .seconds(1), factor: 2, cap: .seconds(3))
        #expect(b.nominalDelays.map(\.seconds) == [1, 2, 3, 3, 3])
    }

    @Test("retries transient errors up to the step count, then rethrows the last error")
    func retriesTransient() throws {
        let attempts = Mutex(0)
        let b = Backoff(steps: 3, duration: .milliseconds(1), factor: 1)
        #expect(throws: ExecError.self) {
            try b.retrySync { () throws(ExecError) -> Int in
                attempts.withLock { $0 += 1 }
                throw ExecError(.internal, "flaky", transient: true)
            }
        }
        #expect(attempts.withLock { $0 } == 3)
    }

    @Test("does not retry a permanent error; returns the first success")
    func permanent() throws {
        let attempts = Mutex(0)
        let b = Backoff(steps: 5, duration: .milliseconds(1), factor: 1)
        #expect(throws: ExecError.self) {
            try b.retrySync { () throws(ExecError) -> Int in
                attempts.withLock { $0 += 1 }
                throw ExecError(.forbidden, "AccessDenied")
            }
        }
        #expect(attempts.withLock { $0 } == 1)
        let value = try b.retrySync { () throws(ExecError) -> Int in
            let n = attempts.withLock { $0 += 1; return $0 }
            if n < 3 { throw ExecError(.timeout, "slow", transient: true) }
            return n
        }
        #expect(value == 3)
    }
}

@Suite("TRANSIENT_ERROR_PATTERN", .serialized)
struct TransientPatternTests {
    @Test("an error whose text the matcher finds is retried like a transient one; without a matcher it is not")
    func pattern() {
        let attempts = Mutex(0)
        let b = Backoff(steps: 3, duration: .milliseconds(1), factor: 1)
        func run() {
            _ = try? b.retrySync { () throws(ExecError) -> Int in
                attempts.withLock { $0 += 1 }
                throw ExecError(.internal, "upload failed: connection reset by flaky proxy")
            }
        }
        // The matcher the CLI builds with Swift's Regex (TransientErrorRegex, tested in CLITests).
        TransientErrorPattern.configure { $0.contains("flaky proxy") || $0.contains("flaky gateway") }
        run()
        #expect(attempts.withLock { $0 } == 3)
        TransientErrorPattern.configure(nil)
        attempts.withLock { $0 = 0 }
        run()
        #expect(attempts.withLock { $0 } == 1)
    }
}

@Suite("Retries are logged")
struct RetryLoggingTests {
    @Test("each retry is a debug line with the attempt, the error and its context (bucket, key)")
    func logged() {
        let sink = LogSink.memory()
        var logger = Logger(label: "t") { _ in ArgoLogHandler(format: .text, style: .slog, level: .debug, sink: sink) }
        logger.logLevel = .debug
        var b = Backoff(steps: 2, duration: .milliseconds(1), factor: 1)
        b.logger = logger
        _ = try? b.retrySync { () throws(ExecError) -> Int in
            throw ExecError(.internal, "SlowDown", context: ["bucket": "argo", "key": "wf/pod/a.tgz"], transient: true)
        }
        #expect(sink.lines.count == 1)
        #expect(sink.lines.first?.contains(#"level=DEBUG msg="retrying after a transient error" argo=true attempt=1 bucket=argo error=SlowDown key=wf/pod/a.tgz"#) == true,
                "\(sink.lines)")
        #expect(b == Backoff(steps: 2, duration: .milliseconds(1), factor: 1))  // the logger is not part of the policy
    }
}

@Suite("Structured errors")
struct ExecErrorTests {
    @Test("description follows Go's wrapping; codes are found through the chain")
    func wrapping() {
        let inner = ExecError(.notFound, "no such key", context: ["key": "wf/pod/x"])
        let outer = ExecError.wrap(inner, "artifact data failed to load")
        #expect(outer.description == "artifact data failed to load: no such key")
        #expect(outer.has(.notFound))
        #expect(!outer.isTransient)
        #expect(ExecError.wrap(ExecError(.timeout, "t", transient: true), "x").isTransient)
    }
}
