import Dispatch

/// Runs blocking work (libarchive, libcurl, file I/O) on a Dispatch thread instead of a Swift concurrency
/// cooperative thread, so a long synchronous C call never starves the async executor (docs/conventions.md rule 7).
public enum Blocking {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws(ExecError) -> T) async throws(ExecError) -> T {
        let result: Result<T, ExecError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(ExecError) -> T in try work() })
            }
        }
        return try result.get()
    }
}
