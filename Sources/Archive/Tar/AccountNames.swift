import Core
import Synchronization

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
        guard let bytes = try? FileIO.readAll(path, limit: 16 << 20) else { return [:] }
        var out: [Int: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = String(decoding: line, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count > 2, let id = Int(fields[2]), out[id] == nil else { continue }
            out[id] = String(fields[0])
        }
        return out
    }
}
