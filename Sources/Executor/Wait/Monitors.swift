import Core
import Logging
import Kube
import Model
import Synchronization

/// The deadline monitor (Argo's `workflow/executor/executor.go`): at `ARGO_DEADLINE`, "Step exceeded its deadline" goes to
/// the termination log and the main containers are stopped through their signal files (SIGTERM, then
/// SIGKILL after the grace period). It keeps running after the wait returns, as Argo's does.
public enum DeadlineMonitor {
    public static let message = "Step exceeded its deadline"

    public static func start(deadline: UTCTime, config: ExecutorConfig, mains: [String], logger: Logger) throws(ExecError) {
        let files = ContainerFiles(paths: config.paths)
        try DetachedThread.start {
            while true {
                let left = UTCTime.now().seconds(until: deadline)
                if left <= 0 { break }
                Pause.sleep(seconds: min(left, 3600))
            }
            logger.warning("\(message)")
            do throws(ExecError) {
                try TerminationLog.write(message, to: config.paths.terminationLog)
            } catch {
                logger.error("failed to write termination message: \(error.description)")
            }
            files.kill(mains.filter { !config.artifactPluginNames.contains($0) }, grace: config.terminationGracePeriod)
        }
    }
}

/// The progress monitor (Argo's `workflow/executor/executor.go`): every file tick the last non-empty line of the progress file
/// is read; a new valid `N/M` is reported at the next patch tick.
public final class ProgressMonitor: Sendable {
    private let pending = Mutex<String?>(nil)
    private let running = Atomic<Bool>(true)

    public init() {}

    /// `N/M` with integers, 0 <= N <= M, M > 0.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]) else { return false }
        return n >= 0 && m > 0 && n <= m
    }

    public func start(_ progress: ExecutorConfig.ProgressConfig, paths: PodPaths, reporter: OutputReporter,
                      logger: Logger) throws(ExecError) {
        try? Directories.makeAll(PathRules.dir(progress.file), mode: 0o755)
        // Main writes this file: read below its place, no link followed (main could point it at wait's token,
        // whose text would then be logged as an unparsable progress line).
        let place = PodPlace.podFile(progress.file, paths: paths)
        try DetachedThread.start { [self] in
            var last = ""
            var lastPatch = UTCTime.now()
            while running.load(ordering: .relaxed) {
                if let bytes = try? place.readAll(limit: 1 << 20) {
                    let line = String(decoding: bytes, as: UTF8.self).trimmingSpaces().split(separator: "\n").last.map { String($0).trimmingSpaces() } ?? ""
                    if !line.isEmpty && line != last {
                        last = line
                        if Self.isValid(line) { pending.withLock { $0 = line } } else { logger.warning("unable to parse progress \(line)") }
                    }
                }
                if lastPatch.adding(progress.patchTick) <= .now(), let value = pending.withLock({ $0 }) {
                    lastPatch = .now()
                    if (try? reporter.reportProgress(value)) != nil {
                        pending.withLock { if $0 == value { $0 = nil } }
                    }
                }
                Pause.sleep(progress.fileTick)
            }
        }
    }

    public func stop() { running.store(false, ordering: .relaxed) }

}
