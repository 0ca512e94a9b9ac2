import Core
import Model

/// How init and wait reach files the main container can write (docs/security.md, "The main → wait
/// boundary"): every such path is opened below its *place*, never followed out of it.
/// - A path in a user volume: below the volume's mirror `/mainctrfs<mountPath>`; links inside the volume
///   are followed while they stay inside it (main sees them the same way), never out of it.
/// - A file the emissary staged, and main's stdout/combined logs: below `/var/run/argo`, which main can
///   also write, with every link refused.
/// - An input artifact's directory in `/argo/inputs/artifacts`: below it, links refused.
struct PodPlace {
    let anchor: String
    let relative: String
    let symlinks: SymlinkPolicy

    var label: String { relative.isEmpty ? anchor : anchor + "/" + relative }

    func open() throws(ExecError) -> LocalSource {
        try LocalSource.open(relative, beneath: anchor, symlinks: symlinks)
    }

    /// The whole of a small regular file at this place; a directory, FIFO or device is refused without
    /// blocking, more than `limit` bytes is an error.
    func readAll(limit: Int) throws(ExecError) -> [UInt8] {
        guard case .file(let file, _) = try open().node else { throw ExecError(.badRequest, "\(label) is a directory") }
        return try FileIO.readAll(file, limit: limit)
    }

    /// The place of a file that should be below `/var/run/argo` (the progress file): there, no link is
    /// followed; a path configured elsewhere is taken from its directory with its last element not
    /// followed.
    static func podFile(_ path: String, paths: PodPaths) -> PodPlace {
        let base = paths.varRunArgo + "/"
        if path.hasPrefix(base) { return varRunArgo(String(path.dropFirst(base.count)), paths: paths) }
        return PodPlace(anchor: PathRules.dir(path), relative: PathRules.base(path), symlinks: .refuse)
    }

    func destination(createParents: UInt32? = nil) throws(ExecError) -> Destination {
        try Destination.beneath(anchor, relative, symlinks: symlinks, createParents: createParents)
    }

    /// The place of `path` (clean, absolute) in the user volume mounted at `mountPath`, as the mirror
    /// under `/mainctrfs` shows it.
    static func mainVolume(_ path: String, mountPath: String, paths: PodPaths) -> PodPlace {
        let mount = PathRules.clean(mountPath)
        let clean = PathRules.clean(path)
        let rest = clean == mount ? "" : String(clean.dropFirst(mount == "/" ? 1 : mount.count + 1))
        return PodPlace(anchor: paths.mainContainerFS + (mount == "/" ? "" : mount), relative: rest, symlinks: .followInside)
    }

    /// A file below `/var/run/argo` (`outputs/...`, `ctr/main/stdout`): no link is followed.
    static func varRunArgo(_ relative: String, paths: PodPaths) -> PodPlace {
        PodPlace(anchor: paths.varRunArgo, relative: relative, symlinks: .refuse)
    }

    /// The file staged by the emissary for the output parameter or artifact at `path`.
    static func stagedParameter(_ path: String, paths: PodPaths) -> PodPlace {
        varRunArgo("outputs/parameters" + PathRules.clean(path), paths: paths)
    }

    static func stagedArtifact(_ path: String, paths: PodPaths) -> PodPlace {
        varRunArgo("outputs/artifacts" + PathRules.clean(path) + ".tgz", paths: paths)
    }

    static func containerFile(_ container: String, _ file: String, paths: PodPaths) -> PodPlace {
        varRunArgo("ctr/\(container)/\(file)", paths: paths)
    }
}

extension Artifact {
    /// The artifact's name as one path component (`/argo/inputs/artifacts/<name>`, `<name>.tgz`): what
    /// the controller's validation allows (`[-a-zA-Z0-9_]+`) always is; `..`, `/` or NUL never is.
    func nameAsComponent() throws(ExecError) -> String {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw ExecError(.badRequest, "artifact name \"\(name)\" cannot be used as a file name")
        }
        return name
    }
}
