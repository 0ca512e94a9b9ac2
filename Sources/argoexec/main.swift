import CLI

#if canImport(Glibc)
import Glibc
#endif

// A closed pipe or socket must be an EPIPE error where it happens (a download streaming into an unpacker
// that stopped), not a silent death of the whole executor.
signal(SIGPIPE, SIG_IGN)

// The executable only hands argv to the CLI, which owns exit codes (executor.md §1.4).
await Argoexec.runMain(Array(CommandLine.arguments.dropFirst()))
