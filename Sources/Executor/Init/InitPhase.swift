import Core
import Logging
import Drivers
import Model

/// `argoexec init` (Argo's `cmd/argoexec/commands/init.go`, `workflow/executor/executor.go`): copy of our own binary for the emissary, the template for
/// the other containers, the script and resource manifest staged, and every input artifact loaded.
/// A class, not a struct: it holds a `Template`, whose value witnesses would otherwise be copied
/// into every containing type (tens of KiB each in the static binary).
public final class InitPhase: Sendable {
    public let config: ExecutorConfig
    public let template: Template
    /// The template JSON as received (written verbatim, so fields this executor does not model survive).
    public let templateJSON: String
    public let context: StoreContext
    /// Path of the running executable, copied for the emissary.
    public let executable: String
    public let logger: Logger

    public init(config: ExecutorConfig, template: Template, templateJSON: String, context: StoreContext,
                executable: String = "/proc/self/exe", logger: Logger = .disabled) {
        self.config = config
        self.template = template
        self.templateJSON = templateJSON
        self.context = context
        self.executable = executable
        self.logger = logger
    }

    public func run() throws(ExecError) {
        FileCreationMask.clear()
        let paths = config.paths
        try prepareSharedDirectory()
        FileIO.removeIfPresent(paths.binaryCopy)
        try FileCopy.copy(from: executable, to: paths.binaryCopy)
        try FileIO.setMode(paths.binaryCopy, 0o555)
        try writeTemplate()
        try stageFiles()
        let loader = InputLoader(template: template, paths: paths, context: context, logger: logger)
        try loader.loadAll()
    }

    /// `/var/run/argo`, sticky like /tmp: every container may add files, but only their owner may replace
    /// or remove them, so a main container running as another user cannot swap the template wait reads or
    /// the binary the other containers run. The mode is best effort: a non-root init may not own the volume.
    func prepareSharedDirectory() throws(ExecError) {
        try Directories.makeAll(config.paths.varRunArgo, mode: 0o777)
        try? FileIO.setMode(config.paths.varRunArgo, 0o1777)
    }

    /// The template for the other containers, written as received (`-r--r--r--`).
    func writeTemplate() throws(ExecError) {
        try write(config.paths.template, templateJSON, mode: 0o444)
    }

    /// `StageFiles`: the script or the resource manifest for the other containers (`StagedFiles`).
    func stageFiles() throws(ExecError) {
        try StagedFiles.stage(template, paths: config.paths)
    }

    private func write(_ path: String, _ text: String, mode: UInt32) throws(ExecError) {
        try StagedFiles.write(path, text, mode: mode)
    }
}
