import CLI
import Core

// A closed pipe or socket must be an EPIPE error where it happens (a download streaming into an unpacker
// that stopped), not a silent death of the whole executor.
Signals.ignore(Signals.brokenPipe)

// The executable only hands argv to the CLI, which owns exit codes (Argo's `cmd/argoexec/main.go`): `runMain`
// always ends the process with `exit`. Every command is synchronous and runs on this main thread; the
// threads it starts are described in docs/threading.md.
let arguments = Array(CommandLine.arguments.dropFirst())
// The emissary runs synchronously here (no concurrency, no Dispatch) and never returns.
Argoexec.runEmissaryIfRequested(arguments)
Argoexec.captureUmask()  // still single-threaded: archive modes go through the umask, as Argo's do
Argoexec.runMain(arguments)
