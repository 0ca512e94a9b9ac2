import Core
import Drivers
import Executor
import Foundation
import Model

#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target `init`: the whole input path of `argoexec init` (template → store → detection → unpacking
/// → placing → mode) on a scratch pod root. The first byte picks the artifact's strategy (bits 0-1: none,
/// tar, zip, none given), whether its path lies in a user volume (bit 2) and `recurseMode` (bit 3);
/// bytes 1-2 are its `mode` (0: none); the rest is the object in a volume repository. After every input,
/// whatever init did or refused: the sentinels (the binary at /var/run/argo/argoexec, a file outside) are
/// untouched, nothing new exists outside the destination, no temporary name is left, every path below the
/// pod root resolves inside it (realpath), and nothing under the destination is setuid, setgid or sticky.
enum InitFuzzer {
    static let root: String = {
        let dir = "/tmp/argoexec-fuzz-init-\(getpid())"
        for sub in ["/argo/inputs/artifacts", "/mainctrfs/data", "/var/run/argo", "/outside", "/repo"] {
            try? FileManager.default.createDirectory(atPath: dir + sub, withIntermediateDirectories: true)
        }
        FileManager.default.createFile(atPath: dir + "/var/run/argo/argoexec", contents: Data("binary".utf8))
        FileManager.default.createFile(atPath: dir + "/outside/sentinel", contents: Data("keep".utf8))
        return dir
    }()

    static func run(_ data: UnsafeRawBufferPointer) {
        guard data.count > 3 else { return }
        let flags = data[0]
        let mode = Int(UInt16(data[1]) << 8 | UInt16(data[2])) & 0o7777
        FileManager.default.createFile(atPath: root + "/repo/key", contents: Data(data[3...]))
        let archive = ["\"archive\":{\"none\":{}},", "\"archive\":{\"tar\":{}},", "\"archive\":{\"zip\":{}},", ""][Int(flags & 3)]
        let path = flags & 4 != 0 ? "/data/in/x" : "/tmp/x"
        let json = """
        {"container":{"volumeMounts":[{"name":"data","mountPath":"/data"}]},"inputs":{"artifacts":[{"name":"in","path":"\(path)",
         \(archive) \(mode != 0 ? "\"mode\":\(mode)," : "") "recurseMode":\(flags & 8 != 0),"volume":{"path":"\(root)/repo","key":"key"}}]}}
        """
        guard let template = try? JSONDecoder().decode(Template.self, from: Data(json.utf8)) else { fatalError("bad harness template") }
        let loader = InputLoader(template: template, paths: PodPaths(root: root), context: StoreContext(secrets: SecretFiles(directory: "/nonexistent")))
        _ = try? loader.loadAll()
        check()
        try? Destination.path(root + "/argo/inputs/artifacts/in").removeTree()
        try? Destination.path(root + "/mainctrfs/data/in").removeTree()
    }

    static func check() {
        let fm = FileManager.default
        guard (try? String(contentsOfFile: root + "/var/run/argo/argoexec", encoding: .utf8)) == "binary",
              (try? fm.contentsOfDirectory(atPath: root + "/var/run/argo")) == ["argoexec"],
              (try? String(contentsOfFile: root + "/outside/sentinel", encoding: .utf8)) == "keep",
              (try? fm.contentsOfDirectory(atPath: root + "/outside")) == ["sentinel"],
              (try? fm.contentsOfDirectory(atPath: root + "/repo")) == ["key"] else {
            fatalError("init wrote outside its destination")
        }
        for top in ["/argo/inputs/artifacts", "/mainctrfs/data"] {
            let names = (try? fm.contentsOfDirectory(atPath: root + top)) ?? []
            if !names.allSatisfy({ $0 == "in" }) { fatalError("init left \(names) in \(top)") }
        }
        guard let rootReal = realpath(root, nil).map({ p in defer { free(p) }; return String(cString: p) }) else { return }
        var stack = [root]
        while let dir = stack.popLast() {
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                let p = dir + "/" + name
                var st = stat()
                guard lstat(p, &st) == 0 else { continue }
                if st.st_mode & S_IFMT == S_IFDIR { stack.append(p) }
                if st.st_mode & 0o7000 != 0 { fatalError("\(p) has mode \(String(st.st_mode & 0o7777, radix: 8))") }
                if name.contains(".argoexec-") || name.hasSuffix(".tmpdir") { fatalError("temporary name left: \(p)") }
                if let resolved = realpath(p, nil) {
                    let text = String(cString: resolved)
                    free(resolved)
                    if text != rootReal && !text.hasPrefix(rootReal + "/") { fatalError("\(p) resolves to \(text)") }
                }
            }
        }
    }

    static func cleanUp() { try? Destination.path(root).removeTree() }
}
