#if canImport(Glibc)
import Glibc
#endif
import ModelBase

/// The init-less pod's status marker `/var/run/argo/status` (docs/supervisor.md; Argo's
/// `cmd/argoexec/commands/supervisor.go`): the supervisor writes `RUNNING` (rewritten every 5 s while pre-main
/// runs), then `READY` or `FAILED` followed by the cause; main's emissary reads it before starting the user's
/// command. Written only by rename, so a reader never sees half a marker.
public enum SupervisorStatus: Sendable, Equatable {
    case running
    case ready
    case failed(message: String)
    /// Anything else: a marker from some other writer, or unreadable.
    case unknown

    /// How often the supervisor rewrites `RUNNING`.
    public static let heartbeatInterval: Duration = .seconds(5)
    /// How long main tolerates a marker that has neither appeared nor advanced.
    public static let presumedDeadAfter: Duration = .seconds(30)

    /// The marker's text: the token on the first line, a failure's message on the next ones.
    public var text: String {
        switch self {
        case .running: return "RUNNING\n"
        case .ready: return "READY\n"
        case .failed(let message): return message.isEmpty ? "FAILED" : "FAILED\n" + message
        case .unknown: return ""
        }
    }

    /// Argo's `parseSupervisorStatus`: the first line's token and the rest, each trimmed.
    public init(text: [UInt8]) {
        let newline = text.firstIndex(of: 0x0A)
        let first = String(decoding: text[..<(newline ?? text.endIndex)], as: UTF8.self).trimmingSpaces()
        let rest = newline.map { String(decoding: text[($0 + 1)...], as: UTF8.self).trimmingSpaces() } ?? ""
        switch first {
        case "RUNNING": self = .running
        case "READY": self = .ready
        case "FAILED": self = .failed(message: rest)
        default: self = .unknown
        }
    }

    /// Writes the marker: a new file under a temporary name renamed over `status`, nothing followed on the way
    /// (main can write `/var/run/argo` too). Not fsynced: the marker lives as long as the pod.
    public func write(paths: PodPaths) throws(ExecError) {
        let target = try Destination.beneath(paths.varRunArgo, "status", symlinks: .refuse)
        try target.writeFile(mode: 0o644, durable: false) { (sink) throws(ExecError) in try sink.write(Array(text.utf8)) }
    }

    /// The marker and when it last changed, or nil when there is none. A marker that is not a regular file
    /// (a FIFO, a directory, a link someone planted) or cannot be read reads as `.unknown`: the reader then
    /// judges it by its age, and never blocks on it.
    public static func read(paths: PodPaths) throws(ExecError) -> (status: SupervisorStatus, modified: UTCTime)? {
        guard let st = try FileIO.lstatIfExists(paths.status) else { return nil }
        let modified = UTCTime(secondsSinceEpoch: Int64(st.st_mtim.tv_sec), nanoseconds: Int32(st.st_mtim.tv_nsec))
        // Only a regular file is read, below /var/run/argo with no link followed; one replaced between the
        // lstat and the open (a rename racing us) is simply read on the next look.
        // A long cause is cut at 64 KiB rather than lost.
        guard st.st_mode & S_IFMT == S_IFREG,
              let bytes = try? FileIO.readPrefix("status", beneath: paths.varRunArgo, limit: 64 << 10) else { return (.unknown, modified) }
        return (SupervisorStatus(text: bytes), modified)
    }
}
