import Core
import Digest

/// OpenSSH known_hosts files, read as go-git reads them (golang.org/x/crypto/ssh/knownhosts through
/// skeema/knownhosts, `plumbing/transport/ssh/common.go`): host patterns with `*` and `?` wildcards and `!`
/// negation, `[host]:port` for ports other than 22, hashed names (`|1|salt|hash`, HMAC-SHA1), `@revoked` keys.
/// `@cert-authority` lines are skipped (no host certificates here), as are lines that do not parse (x/crypto
/// refuses the whole file; a bad line can never make a key trusted, so skipping it is the friendlier choice).
struct KnownHosts: Sendable {
    struct Entry: Sendable {
        var revoked: Bool
        var hosts: Hosts
        var keyType: String
        var key: [UInt8]
    }

    enum Hosts: Sendable {
        case patterns([(negated: Bool, host: String, port: Int)])
        case hashed(salt: [UInt8], hash: [UInt8])
    }

    enum Verdict: Sendable, Equatable { case match, mismatch, unknown, revoked }

    var entries: [Entry] = []
    /// The files that existed, for messages.
    var files: [String] = []

    /// Reads the files that exist (go-git's `filterKnownHostsFiles`); none existing is go-git's error.
    static func load(_ paths: [String]) throws(ExecError) -> KnownHosts {
        var known = KnownHosts()
        for path in paths {
            let bytes: [UInt8]
            do {
                guard try FileIO.lstatIfExists(path) != nil else { continue }
                bytes = try FileIO.readAll(path, limit: 16 << 20)
            } catch {
                throw ExecError(error.code, "cannot read known_hosts file \(path): \(error.message)", cause: error)
            }
            known.files.append(path)
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                if let entry = parse(String(decoding: line, as: UTF8.self)) { known.entries.append(entry) }
            }
        }
        guard !known.files.isEmpty else {
            throw ExecError(.invalidConfig, "unable to find any valid known_hosts file, set SSH_KNOWN_HOSTS env variable")
        }
        return known
    }

    static func parse(_ text: String) -> Entry? {
        var fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var revoked = false
        if first.hasPrefix("@") {
            guard first == "@revoked" else { return nil }  // @cert-authority: not supported, skipped
            revoked = true
            fields.removeFirst()
        }
        guard fields.count >= 3, let key = Base64Decoding.decode(fields[2]) else { return nil }
        let hosts: Hosts
        if fields[0].hasPrefix("|1|") {
            let parts = fields[0].split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 4, let salt = Base64Decoding.decode(String(parts[2])), let hash = Base64Decoding.decode(String(parts[3])) else {
                return nil
            }
            hosts = .hashed(salt: salt, hash: hash)
        } else {
            var patterns: [(Bool, String, Int)] = []
            for raw in fields[0].split(separator: ",") {
                var pattern = Substring(raw)
                let negated = pattern.hasPrefix("!")
                if negated { pattern = pattern.dropFirst() }
                guard let (host, port) = Self.address(String(pattern)) else { return nil }
                patterns.append((negated, host, port))
            }
            hosts = .patterns(patterns)
        }
        return Entry(revoked: revoked, hosts: hosts, keyType: fields[1], key: key)
    }

    /// `host` or `[host]:port` (x/crypto's `splitHostPort` for patterns: no brackets means port 22).
    static func address(_ text: String) -> (String, Int)? {
        guard text.hasPrefix("[") else { return text.isEmpty ? nil : (text, 22) }
        guard let close = text.firstIndex(of: "]") else { return nil }
        let host = String(text[text.index(after: text.startIndex)..<close])
        let rest = text[text.index(after: close)...]
        guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (0...65535).contains(port), !host.isEmpty else { return nil }
        return (host, port)
    }

    /// x/crypto's `Normalize`: `host` for port 22, `[host]:port` otherwise.
    static func normalized(host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    func matching(host: String, port: Int) -> [Entry] {
        entries.filter { Self.matches($0.hosts, host: host, port: port) }
    }

    /// A `@revoked` key refuses whatever else matches; otherwise the key must equal one listed for the host.
    func check(host: String, port: Int, key: [UInt8]) -> Verdict {
        let listed = matching(host: host, port: port)
        if entries.contains(where: { $0.revoked && $0.key == key }) { return .revoked }
        let plain = listed.filter { !$0.revoked }
        if plain.contains(where: { $0.key == key }) { return .match }
        return plain.isEmpty ? .unknown : .mismatch
    }

    /// The key types listed for the host, first seen first (skeema/knownhosts' `HostKeyAlgorithms`).
    func keyTypes(host: String, port: Int) -> [String] {
        var seen: [String] = []
        for entry in matching(host: host, port: port) where !entry.revoked && !seen.contains(entry.keyType) {
            seen.append(entry.keyType)
        }
        return seen
    }

    static func matches(_ hosts: Hosts, host: String, port: Int) -> Bool {
        switch hosts {
        case .hashed(let salt, let hash):
            let mac = try? Digest.hmac(.sha1, key: salt, message: Array(normalized(host: host, port: port).utf8))
            return mac == hash
        case .patterns(let patterns):
            var matched = false
            for p in patterns where p.port == port && wildcard(Array(p.host.utf8), Array(host.utf8)) {
                if p.negated { return false }
                matched = true
            }
            return matched
        }
    }

    /// OpenSSH's `match_pattern`: `*` any run, `?` any one byte. Iterative, so no pattern can make it recurse deeply.
    static func wildcard(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var (p, t) = (0, 0)
        var star: (p: Int, t: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if let s = star {
                p = s.p + 1
                t = s.t + 1
                star = (s.p, s.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

/// Standard base64 decoding (RFC 4648, padding optional), for known_hosts fields and OpenSSH key files.
enum Base64Decoding {
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = false
        for c in text.utf8 {
            let value: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding = true
                continue
            default: return nil
            }
            if padding { return nil }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }
}
