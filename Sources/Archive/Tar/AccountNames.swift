import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// uid → user name and gid → group name for tar headers, read from `/etc/passwd` and `/etc/group` the way
/// Go's pure-Go `os/user` does (a static binary cannot use NSS). Missing files or ids give empty names,
/// which tar readers show as numeric owners.
final class AccountNames: Sendable {
    static let system = AccountNames(passwd: "/etc/passwd", group: "/etc/group")

    private let users: [Int: String]
    private let groups: [Int: String]

    init(passwd: String, group: String) {
        users = Self.parse(passwd)
        groups = Self.parse(group)
    }

    func user(_ uid: Int) -> String { users[uid] ?? "" }
    func group(_ gid: Int) -> String { groups[gid] ?? "" }

    /// `name:password:id:...` lines; the first name for an id wins.
    static func parse(_ path: String) -> [Int: String] {
        guard let file = fopen(path, "r") else { return [:] }
        defer { fclose(file) }
        var out: [Int: String] = [:]
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let fields = String(cString: line).split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count > 2, let id = Int(fields[2]), out[id] == nil else { continue }
            out[id] = String(fields[0])
        }
        return out
    }
}
