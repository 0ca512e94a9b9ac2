import Logging
/// Kubernetes `wait.Backoff` semantics (client-go): at most `steps` attempts; after a failed
/// attempt sleep `d * (1 + jitter * random[0,1))`, then `d = min(d * factor, cap)` (a factor of 0 keeps `d`,
/// as Go's `Step` does). Durations, factors, jitter and `Retry-After` come from the environment and from
/// servers, so every product saturates at Go's largest `time.Duration` (`maxDelay`, about 292 years) instead
/// of trapping on `Duration` overflow; a negative or NaN product is no sleep at all.
public struct Backoff: Sendable, Equatable {
    /// Where each retry is logged (at debug: the attempt, the sleep, the error and its context); not part of
    /// the policy, so not compared.
    public var logger: Logger?

    public var steps: Int
    public var duration: Duration
    public var factor: Double
    public var jitter: Double
    public var cap: Duration?

    public init(steps: Int, duration: Duration, factor: Double, jitter: Double = 0, cap: Duration? = nil) {
        self.steps = steps
        self.duration = duration
        self.factor = factor
        self.jitter = jitter
        self.cap = cap
    }

    /// `EXECUTOR_RETRY_BACKOFF_*` defaults: 5 steps, 1 s, x1.6, jitter 0.5 (S3 load/save, waits).
    public static let executorDefault = Backoff(steps: 5, duration: .seconds(1), factor: 1.6, jitter: 0.5)
    /// `RETRY_BACKOFF_*` defaults: 5 steps, 10 ms, x2 (config-map reads, artifact GC).
    public static let defaultRetry = Backoff(steps: 5, duration: .milliseconds(10), factor: 2)

    public static func == (a: Backoff, b: Backoff) -> Bool {
        a.steps == b.steps && a.duration == b.duration && a.factor == b.factor && a.jitter == b.jitter && a.cap == b.cap
    }

    /// Go's largest `time.Duration` (math.MaxInt64 ns): the ceiling of every sleep.
    public static let maxDelay = Duration.nanoseconds(Int64.max)

    /// The sleeps between attempts without jitter (`steps - 1` values): the schedule tests can check.
    public var nominalDelays: [Duration] {
        var out: [Duration] = []
        var d = duration
        for _ in 0..<(steps > 1 ? steps - 1 : 0) {  // `steps - 1` would trap for Int.min
            out.append(d)
            d = next(after: d)
        }
        return out
    }

    func next(after d: Duration) -> Duration {
        guard factor != 0 else { return d }
        let grown = Self.scaled(d, by: factor)
        if let cap, grown > cap { return cap }
        return grown
    }

    /// `d * factor` clamped to `0...maxDelay` (`Duration * Double` traps when the product leaves Int128
    /// attoseconds, e.g. a factor of 1e300 or a jitter that makes it infinite).
    static func scaled(_ d: Duration, by factor: Double) -> Duration {
        let nanos = d.seconds * 1e9 * factor
        guard !nanos.isNaN, nanos > 0 else { return .zero }
        // 9.2e18 < Int64.max; Double(Int64.max) itself rounds up to 2^63, which `Int64(_:)` traps on.
        guard nanos < 9.2e18 else { return maxDelay }
        return .nanoseconds(Int64(nanos.rounded()))
    }

    /// The sleep after a failure: the delay with jitter, at least the error's `retryAfter` (an HTTP 429
    /// `Retry-After`; zero or negative is ignored), at most `maxDelay`.
    static func sleep(delay: Duration, jitter: Double, retryAfter: Duration?) -> Duration {
        let jittered = jitter > 0 ? scaled(delay, by: 1 + jitter * Double.random(in: 0..<1)) : min(max(delay, .zero), maxDelay)
        guard let after = retryAfter, after > .zero else { return jittered }
        return max(jittered, min(after, maxDelay))
    }

    /// Runs `operation` until it succeeds, a non-retryable error is thrown, or the attempts are used up; the
    /// last error is rethrown as is, and `isRetryable` decides from the error (docs/conventions.md rule 4).
    /// `giveUpAt` ends the retries once the next sleep would pass it (the wait container's own deadline);
    /// an error carrying `retryAfter` (HTTP 429 `Retry-After`) sleeps at least that.
    public func retrySync<T>(
        giveUpAt: UTCTime? = nil,
        isRetryable: (ExecError) -> Bool = { $0.isTransient || TransientErrorPattern.matches($0) },
        onRetry: (Int, ExecError, Duration) -> Void = { _, _, _ in },
        _ operation: () throws(ExecError) -> T
    ) throws(ExecError) -> T {
        var delay = duration
        var attempt = 1
        while true {
            do {
                return try operation()
            } catch {
                guard attempt < steps, isRetryable(error) else { throw error }
                let sleep = Self.sleep(delay: delay, jitter: jitter, retryAfter: error.retryAfter)
                if let giveUpAt, UTCTime.now().seconds(until: giveUpAt) < Double(sleep.components.seconds) { throw error }
                onRetry(attempt, error, sleep)
                if let logger {
                    var metadata: Logger.Metadata = ["attempt": "\(attempt)", "sleep": "\(sleep)", "error": "\(error.description)"]
                    for (key, value) in error.context { metadata[key] = "\(value)" }
                    logger.debug("retrying after a transient error", metadata: metadata)
                }
                Pause.sleep(sleep)
                delay = next(after: delay)
                attempt = attempt == Int.max ? attempt : attempt + 1
            }
        }
    }
}
