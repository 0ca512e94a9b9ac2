import Core

extension TerminationLog {
    /// The CLI's last word: a failure to write is only reported on stderr, as in Argo's
    /// `util.WriteTerminateMessage`.
    public static func record(_ message: String, to path: String) {
        do {
            try write(message, to: path)
        } catch {
            StandardError.print("failed to write termination message to \(path): \(error.description)")
        }
    }
}
