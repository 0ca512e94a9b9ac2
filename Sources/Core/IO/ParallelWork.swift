import Dispatch
import Synchronization

/// Runs `count` blocking jobs with at most `width` in flight on Dispatch threads (style.md rule 7: bounded
/// parallelism). The first error stops new jobs from starting, jobs already running finish, and that first
/// error is thrown once all are done.
public enum ParallelWork {
    public static func run(count: Int, width: Int, label: String, _ job: @escaping @Sendable (Int) throws(ExecError) -> Void) throws(ExecError) {
        guard count > 0 else { return }
        let failure = Mutex<ExecError?>(nil)
        let slots = DispatchSemaphore(value: max(width, 1))
        let group = DispatchGroup()
        let queue = DispatchQueue(label: label, attributes: .concurrent)
        for index in 0..<count {
            slots.wait()
            if failure.withLock({ $0 != nil }) {
                slots.signal()
                break
            }
            queue.async(group: group) {
                defer { slots.signal() }
                do throws(ExecError) {
                    try job(index)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
