import Core

#if canImport(Glibc)
import Glibc
#endif

/// Descriptor-relative copying for the volume repository: never follows a symlink on the repository
/// side, streams in 256 KiB chunks.
enum VolumeCopy {
    static func pump(_ fd: Int32, into sink: any ByteSink, name: String) throws(ExecError) {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = try buffer.withMutableBytes { (b) throws(ExecError) -> Int in try FileIO.read(fd, into: b, name: name) }
            if n == 0 { return }
            try buffer.withBytes { (b) throws(ExecError) in try sink.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
        }
    }

    /// Copies the local tree at `source` into a new directory `name` under `parent`: directories,
    /// regular files (written with `fileMode`, fsynced) and symlinks as symlinks; nothing is followed.
    static func treeIn(from source: String, into parent: Int32, name: String, fileMode: mode_t) throws(ExecError) {
        guard mkdirat(parent, name, 0o755) == 0 else { throw ExecError.system("mkdir", name, errno) }
        let dir = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard dir >= 0 else { throw ExecError.system("open", name, errno) }
        defer { close(dir) }
        for entry in try DirectoryListing.sortedNames(source) {
            let path = source + "/" + entry
            guard let st = try FileIO.lstatIfExists(path) else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                try treeIn(from: path, into: dir, name: entry, fileMode: fileMode)
            case S_IFREG:
                let input = try FileIO.open(path, O_RDONLY)
                defer { close(input) }
                let output = openat(dir, entry, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
                guard output >= 0 else { throw ExecError.system("open", entry, errno) }
                defer { close(output) }
                try pump(input, into: FileDescriptorSink(fd: output, name: entry), name: path)
                try FileIO.sync(output, name: entry)
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = readlink(path, &buffer, buffer.count - 1)
                guard n >= 0 else { throw ExecError.system("readlink", path, errno) }
                let target = String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                guard symlinkat(target, dir, entry) == 0 else { throw ExecError.system("symlink", entry, errno) }
            default:
                continue
            }
        }
        _ = fsync(dir)
    }

    /// Copies a repository directory (by descriptor) to the local `target`, which must not exist.
    static func treeOut(_ dir: Int32, to target: String, name: String) throws(ExecError) {
        guard mkdir(target, 0o755) == 0 else { throw ExecError.system("mkdir", target, errno) }
        for entry in try names(dir, label: name) {
            var st = stat()
            guard fstatat(dir, entry, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                let child = openat(dir, entry, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw ExecError.system("open", name + "/" + entry, errno) }
                defer { close(child) }
                try treeOut(child, to: target + "/" + entry, name: name + "/" + entry)
            case S_IFREG:
                let fd = openat(dir, entry, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else { throw ExecError.system("open", name + "/" + entry, errno) }
                defer { close(fd) }
                try AtomicFile.write(target + "/" + entry, mode: st.st_mode & 0o777) { (sink) throws(ExecError) in
                    try pump(fd, into: sink, name: name + "/" + entry)
                }
            default:
                continue  // symlinks in the repository are not materialised on load
            }
        }
    }

    /// Puts the new tree `temp` in place of `final` (moving an old one aside first, then removing it).
    static func swap(_ parent: Int32, temp: String, final: String, label: String) throws(ExecError) {
        var st = stat()
        let trash = ".\(final).argo-\(UInt32.random(in: 0...UInt32.max)).trash"
        let hadOld = fstatat(parent, final, &st, AT_SYMLINK_NOFOLLOW) == 0
        if hadOld { guard renameat(parent, final, parent, trash) == 0 else { throw ExecError.system("rename", label, errno) } }
        guard renameat(parent, temp, parent, final) == 0 else { throw ExecError.system("rename", label, errno) }
        _ = fsync(parent)
        if hadOld { remove(parent, trash) }
    }

    /// Removes `name` under `parent` (a file or a whole tree), never following symlinks.
    static func remove(_ parent: Int32, _ name: String) {
        var st = stat()
        guard fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            let dir = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if dir >= 0 {
                for entry in (try? names(dir, label: name)) ?? [] { remove(dir, entry) }
                close(dir)
            }
            unlinkat(parent, name, AT_REMOVEDIR)
        } else {
            unlinkat(parent, name, 0)
        }
    }

    /// Entry names of an open directory, sorted (`.` and `..` left out).
    static func names(_ dir: Int32, label: String) throws(ExecError) -> [String] {
        let copy = dup(dir)
        guard copy >= 0, let stream = fdopendir(copy) else { throw ExecError.system("opendir", label, errno) }
        defer { closedir(stream) }
        var out: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out.sorted()
    }
}
