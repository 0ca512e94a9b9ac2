import Core
import ModelBase

/// The command line the emissary runs (Argo's `cmd/argoexec/commands/emissary.go`).
public enum EmissaryArguments {
    /// Arguments longer than this go through a file (`@/tmp/argo_arg_<i>.txt`), as the controller offloads.
    public static let offloadThreshold = 131_072

    /// `command` (CMD + ARGS after `--`) plus the decoded `ARGO_CONTAINER_ARGS_FILE` arguments, with every
    /// argument over 128 KiB written to `/tmp/argo_arg_<i>.txt` and replaced by `@<file>`.
    public static func resolve(_ command: [String], extra: [String], paths: PodPaths) throws(ExecError) -> [String] {
        guard let executable = command.first else { throw ExecError(.badRequest, "no command given after --") }
        var arguments = Array(command.dropFirst()) + extra
        for (index, argument) in arguments.enumerated() where argument.utf8.count > offloadThreshold {
            let file = paths.offloadedArgument(index)
            try Directories.makeAll(PathRules.dir(file), mode: 0o777)
            try AtomicFile.write(file, text: argument, mode: 0o644)
            arguments[index] = "@" + file
        }
        return [executable] + arguments
    }

    /// `exec.LookPath`: a name with a `/` is used as is; otherwise the first executable regular file named
    /// so in `searchPath` (the container's `PATH`).
    public static func lookPath(_ name: String, searchPath: String) throws(ExecError) -> String {
        if name.contains("/") {
            // Go's `findExecutable`: the stat error, `is a directory`, or the access error, as `exec: "name": ...`.
            let problem: String?
            do {
                let info = try FileIO.info(name)
                problem = info.isDirectory ? "is a directory" : FileIO.executableProblem(name)?.description
            } catch {
                problem = error.description
            }
            if let problem {
                throw ExecError(.notFound, "failed to find name in PATH: exec: \"\(name)\": \(problem)")
            }
            return name
        }
        for dir in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            if (try? FileIO.info(candidate))?.isRegular == true, FileIO.executableProblem(candidate) == nil { return candidate }
        }
        throw ExecError(.notFound, "failed to find name in PATH: exec: \"\(name)\": executable file not found in $PATH")
    }
}

/// A user sidecar ends itself once every main container has exited (Argo's `cmd/argoexec/commands/emissary.go`).
enum SidecarWatch {
    static func start(_ files: ContainerFiles, config: ExecutorConfig, template: EmissaryTemplate, name: String) throws(ExecError) {
        let mains = template.mainContainerNames
        let grace = config.terminationGracePeriod
        try DetachedThread.start {
            _ = files.waitForExit(mains, timeout: nil)
            files.kill([name], grace: grace)
        }
    }
}
