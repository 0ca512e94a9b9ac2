import ModelBase
import Core
import Digest

/// Azure Storage Shared Key authorization (`Authorization: SharedKey <account>:<base64 HMAC-SHA256>`), the
/// string-to-sign as the Blob service recomputes it and as azblob (Argo's `workflow/artifacts/azure/azure.go`
/// uses `azblob.NewSharedKeyCredential`) and azure-storage-blob build it: the verb, eleven standard headers
/// (Content-Length empty when 0; Date empty because x-ms-date is sent), the `x-ms-*` headers in the
/// service's order, then `/<account><escaped path>` and one `name:value` line per query parameter. Checked
/// against the official Python SDK through the fake (docs/artifacts.md, "Azure").
public struct AzureSharedKeySigner: Sendable {
    public let account: String
    private let key: [UInt8]

    /// `accountKey` is the base64 key the portal shows; anything else is refused here, naming no part of it.
    public init(account: String, accountKey: String) throws(ExecError) {
        guard let key = Base64.decodeIfValid(accountKey), !key.isEmpty else {
            throw ExecError(.badRequest, "unable to create Azure shared key credential: decode account key: the key is not valid base64")
        }
        self.account = account
        self.key = key
    }

    /// What is signed. `escapedPath` is the path exactly as it appears in the request URL; `query` holds the
    /// decoded names and values; `headers` every header sent that the signature may cover.
    public struct Request: Sendable {
        public var method: String
        public var escapedPath: String
        public var query: [(String, String)]
        public var headers: [(String, String)]

        public init(method: String, escapedPath: String, query: [(String, String)] = [], headers: [(String, String)] = []) {
            self.method = method
            self.escapedPath = escapedPath
            self.query = query
            self.headers = headers
        }
    }

    /// The `Authorization` header for `request`, whose headers already include `x-ms-date` and `x-ms-version`.
    public func authorization(_ request: Request) throws(ExecError) -> (String, String) {
        let mac = try Digest.hmac(.sha256, key: key, message: Array(Self.stringToSign(request, account: account).utf8))
        return ("Authorization", "SharedKey \(account):\(Base64.encode(mac))")
    }

    static let standardHeaders = ["content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
                                  "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"]

    public static func stringToSign(_ request: Request, account: String) -> String {
        func header(_ name: String) -> String {
            let value = request.headers.filter { $0.0.lowercased() == name }.map(\.1).joined(separator: ",")
            return name == "content-length" && value == "0" ? "" : value
        }
        var lines = [request.method] + standardHeaders.map(header)
        lines += canonicalizedHeaders(request.headers)
        lines.append(canonicalizedResource(request, account: account))
        return lines.joined(separator: "\n")
    }

    /// `name:value` for every `x-ms-` header (names lower-cased, repeated values joined with `,`), ordered
    /// as the service orders them (`headerPrecedes`).
    static func canonicalizedHeaders(_ headers: [(String, String)]) -> [String] {
        var values: [String: [String]] = [:]
        for (name, value) in headers where name.lowercased().hasPrefix("x-ms-") { values[name.lowercased(), default: []].append(value) }
        return values.keys.sorted(by: headerPrecedes).map { "\($0):\(values[$0, default: []].joined(separator: ","))" }
    }

    /// The service orders header names by a culture-aware collation, which azure-storage-blob reproduces in
    /// `_storage_header_sort`: first by primary weights (letters case-insensitive after digits after the
    /// punctuation that counts; `-` and `'` count nothing), then, when those tie, by where the ignored
    /// characters stand. Byte order differs, for example `x-ms-meta-a_b` comes before `x-ms-meta-a1`.
    static func headerPrecedes(_ a: String, _ b: String) -> Bool { collate(Array(a.utf8), Array(b.utf8)) < 0 }

    static func collate(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        var (level, i, j) = (0, 0, 0)
        while level < 2 {
            if level == 1 && i != j { return i > j ? -1 : 1 }
            let w1 = i < lhs.count ? weight(lhs[i], level: level) : 1
            let w2 = j < rhs.count ? weight(rhs[j], level: level) : 1
            if w1 == 1 && w2 == 1 {
                (i, j, level) = (0, 0, level + 1)
            } else if w1 == w2 {
                (i, j) = (i + 1, j + 1)
            } else if w1 == 0 {
                i += 1
            } else if w2 == 0 {
                j += 1
            } else {
                return w1 < w2 ? -1 : 1
            }
        }
        return 0
    }

    /// The collation's weights for ASCII (the SDK's `table_lv0` and `table_lv4`); 0 means ignored at that level.
    static func weight(_ c: UInt8, level: Int) -> Int {
        if level == 1 { return c == UInt8(ascii: "'") ? 0x8012 : c == UInt8(ascii: "-") ? 0x8212 : 0 }
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return letterWeights[Int(c - UInt8(ascii: "a"))]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return letterWeights[Int(c - UInt8(ascii: "A"))]
        case UInt8(ascii: "0"): return 0xD03
        case UInt8(ascii: "1")...UInt8(ascii: "9"): return 0xD1A + 2 * Int(c - UInt8(ascii: "1"))
        default: return punctuationWeights[c] ?? 0
        }
    }

    static let letterWeights = [0xE02, 0xE09, 0xE0A, 0xE1A, 0xE21, 0xE23, 0xE25, 0xE2C, 0xE32, 0xE35, 0xE36, 0xE48, 0xE51,
                                0xE70, 0xE7C, 0xE7E, 0xE89, 0xE8A, 0xE91, 0xE99, 0xE9F, 0xEA2, 0xEA4, 0xEA6, 0xEA7, 0xEA9]
    static let punctuationWeights: [UInt8: Int] = [
        UInt8(ascii: "!"): 0x71C, UInt8(ascii: "#"): 0x71F, UInt8(ascii: "$"): 0x721, UInt8(ascii: "%"): 0x723,
        UInt8(ascii: "&"): 0x725, UInt8(ascii: "*"): 0x72D, UInt8(ascii: "+"): 0x803, UInt8(ascii: "."): 0x733,
        UInt8(ascii: "^"): 0x743, UInt8(ascii: "_"): 0x744, UInt8(ascii: "`"): 0x748, UInt8(ascii: "|"): 0x74C, UInt8(ascii: "~"): 0x750,
    ]

    /// `/<account><escaped path>` (`/` for an empty path), then `\nname:v1,v2` per parameter, names
    /// lower-cased and sorted, values decoded and sorted.
    static func canonicalizedResource(_ request: Request, account: String) -> String {
        var resource = "/" + account + (request.escapedPath.isEmpty ? "/" : request.escapedPath)
        var grouped: [String: [String]] = [:]
        for (name, value) in request.query { grouped[name.lowercased(), default: []].append(value) }
        for name in grouped.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let values = grouped[name, default: []].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            resource += "\n\(name):" + values.joined(separator: ",")
        }
        return resource
    }
}
