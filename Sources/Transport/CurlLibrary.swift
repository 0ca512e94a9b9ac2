internal import CCurl
import Core
import Synchronization

/// Process-wide libcurl state. `curl_global_init` must run once before any handle is created and is not
/// thread-safe, so it is guarded here; every later transport type calls `CurlLibrary.ensureInitialized()`.
public enum CurlLibrary {
    private static let state = Mutex<CURLcode?>(nil)

    /// Initialises libcurl once; throws curl's own message if that failed.
    public static func ensureInitialized() throws(ExecError) {
        let code = state.withLock { current -> CURLcode in
            if let current { return current }
            let rc = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
            current = rc
            return rc
        }
        try check(code, "curl_global_init")
    }

    /// libcurl's version line (`libcurl/7.88.1 OpenSSL/3.0.x zlib/1.2.13 ...`), for `argoexec version`.
    public static var version: String { String(cString: curl_version()) }

    /// Protocols this libcurl supports (the static build keeps only http, https and file).
    public static var protocols: [String] {
        guard let info = argoexec_curl_version_info(), var p = info.pointee.protocols else { return [] }
        var out: [String] = []
        while let name = p.pointee {
            out.append(String(cString: name))
            p += 1
        }
        return out
    }

    /// The one check of a curl return code (docs/conventions.md rule 2): set-up calls and options.
    static func check(_ code: CURLcode, _ operation: String) throws(ExecError) {
        guard code != CURLE_OK else { return }
        throw ExecError(.internal, "\(operation) failed: \(text(code))", context: ["curlCode": String(code.rawValue)])
    }

    /// curl's own text for a return code.
    static func text(_ code: CURLcode) -> String { String(cString: curl_easy_strerror(code)) }
}
