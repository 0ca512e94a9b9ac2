import Core
import LeanCLI

// The lean executable (docs/build.md, "Two binaries"): only what main containers run. A closed pipe must be
// an EPIPE error where it happens, not a silent death, as in the full binary.
Signals.ignore(Signals.brokenPipe)
LeanMain.run(Array(CommandLine.arguments.dropFirst()))
