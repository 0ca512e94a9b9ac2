import CLI

#if canImport(Glibc)
import Glibc
#endif

// The executable only hands argv to the CLI, which owns exit codes (executor.md §1.4).
await Argoexec.runMain(Array(CommandLine.arguments.dropFirst()))
