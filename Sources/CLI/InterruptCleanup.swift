import Core
import Dispatch

/// For the commands people run by hand (`artifact get/put/pack/unpack`): Ctrl-C, SIGTERM or SIGHUP
/// removes the temporary files and trees being written (`TemporaryNames`) before the process ends with
/// 128 + the signal, so an interrupted download leaves neither `.argoexec-<pid>-<n>.tmp` nor a
/// `<dest>.tmpdir` behind.
enum InterruptCleanup {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func install() {
        for sig in [Signals.interrupt, Signals.terminate, Signals.hangup] {
            Signals.ignore(sig)  // delivered to the source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                TemporaryNames.abortAll()
                ProcessControl.exitNow(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
