import CLI

#if canImport(Glibc)
import Glibc
#endif

// A closed pipe or socket must be an EPIPE error where it happens (a download streaming into an unpacker
// that stopped), not a silent death of the whole executor.
signal(SIGPIPE, SIG_IGN)

// The executable only hands argv to the CLI, which owns exit codes (Argo's `cmd/argoexec/main.go`): `runMain` always
// ends the process with `exit`. It runs as a detached task (top-level code is main-actor isolated) while
// the main thread just blocks: a top-level `await`
// would make this an async main, whose `dispatch_main` ends the main thread with `pthread_exit`, and that
// forced unwind makes libgcc sort every FDE of this 20 MB static binary first (measured: ~10 ms of CPU at
// every start, more than half of a wrapped container's overhead).
let arguments = Array(CommandLine.arguments.dropFirst())
// The emissary runs synchronously here (no concurrency, no Dispatch) and never returns.
Argoexec.runEmissaryIfRequested(arguments)
Argoexec.captureUmask()  // still single-threaded: archive modes go through the umask, as Argo's do
Task.detached { await Argoexec.runMain(arguments) }
while true { pause() }
