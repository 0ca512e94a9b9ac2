import Dispatch
import Synchronization

/// Runs `count` blocking jobs with at most `width` in flight on Dispatch threads (docs/conventions.md rule 7: bounded
/// parallelism). The first error stops new jobs from starting, jobs already running finish, and that first
/// error is thrown once all are done.
public enum ParallelWork {
    public static func run(count: Int, width: Int, label: String, _ job: @escaping @Sendable (Int) throws(ExecError) -> Void) throws(ExecError) {
        guard count > 0 else { return }
        let queue = BoundedWorkQueue(width: width, label: label)
        for index in 0..<count {
            guard queue.submit({ () throws(ExecError) in try job(index) }) else { break }
        }
        try queue.wait()
    }
}

/// Jobs submitted one by one (for example the parts of a stream as they fill), at most `width` running:
/// `submit` blocks while all slots are busy, which is the producer's backpressure, so memory held by queued
/// work stays bounded. The first failure is kept; later submissions are refused.
public final class BoundedWorkQueue: Sendable {
    private let failure = Mutex<ExecError?>(nil)
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue: DispatchQueue

    public init(width: Int, label: String) {
        slots = DispatchSemaphore(value: max(width, 1))
        queue = DispatchQueue(label: label, attributes: .concurrent)
    }

    /// The first error of any job so far.
    public var firstError: ExecError? { failure.withLock { $0 } }

    /// Waits for a free slot and starts `job`; returns false (without running it) once a job has failed.
    @discardableResult
    public func submit(_ job: @escaping @Sendable () throws(ExecError) -> Void) -> Bool {
        slots.wait()
        if firstError != nil {
            slots.signal()
            return false
        }
        queue.async(group: group) { [self] in
            defer { slots.signal() }
            do throws(ExecError) {
                try job()
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        return true
    }

    /// Waits for every submitted job, then throws the first error.
    public func wait() throws(ExecError) {
        group.wait()
        if let error = firstError { throw error }
    }
}
