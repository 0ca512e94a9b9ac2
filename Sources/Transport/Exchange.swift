internal import CCurl
import Core
import Model

/// Owns one curl easy handle and the state its C callbacks reach through `userdata` (docs/conventions.md rule 3).
final class Exchange {
    private let handle: UnsafeMutableRawPointer
    private let request: HTTPRequest
    private let sink: (any ByteSink)?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var responseHeaders: [(String, String)] = []
    private var status = 0
    /// The body of a non-2xx response (an S3/Kubernetes error document), kept apart from the caller's sink
    /// and capped: an error page must never end up in an artifact.
    private var errorBody: [UInt8] = []
    private var sinkError: ExecError?
    private var bodyOffset = 0
    private var fileLeft: Int64 = 0
    private var fileOffset: Int64 = 0
    /// The transfer ran to completion (the handle may go back to the pool).
    private var completed = false

    init(request: HTTPRequest, sink: (any ByteSink)?) throws(ExecError) {
        guard let h = HandlePool.take() else { throw ExecError(.internal, "curl_easy_init failed") }
        handle = h
        self.request = request
        self.sink = sink
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_slist_free_all(headerList)
        HandlePool.give(handle, reusable: completed)
        errorBuffer.deallocate()
    }

    func run() throws(ExecError) -> HTTPResponse {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_NOSIGNAL, long: 1)
        // Object keys are sent as they are: `a/../b` is a key, not a path to normalise (and it is signed).
        try set(CURLOPT_PATH_AS_IS, long: 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, long: request.connectTimeoutMs)
        try set(CURLOPT_LOW_SPEED_LIMIT, long: request.lowSpeedBytesPerSecond)
        try set(CURLOPT_LOW_SPEED_TIME, long: request.lowSpeedSeconds)
        if let total = request.totalTimeoutSeconds { try set(CURLOPT_TIMEOUT, long: total) }
        // 512 KiB buffers (libcurl's default is 16 KiB): a GiB moves in about 2,000 recv/write pairs instead of
        // 65,000, each with its poll (issue 22: the S3 download's system calls and CPU).
        try set(CURLOPT_BUFFERSIZE, long: 512 * 1024)
        try set(CURLOPT_UPLOAD_BUFFERSIZE, long: 512 * 1024)
        if let ca = request.caFile {
            try set(CURLOPT_CAINFO, string: ca)
        } else if request.caPEM == nil {
            let store = TrustStore.current
            if let file = store.file { try set(CURLOPT_CAINFO, string: file) }
            if let directory = store.directory { try set(CURLOPT_CAPATH, string: directory) }
        }
        if var cert = request.clientCertPEM, var key = request.clientKeyPEM {
            try set(CURLOPT_SSLCERTTYPE, string: "PEM")
            try check(cert.withUnsafeMutableBytes { argoexec_curl_easy_setopt_blob(handle, CURLOPT_SSLCERT_BLOB, $0.baseAddress, $0.count) },
                      "CURLOPT_SSLCERT_BLOB")
            try set(CURLOPT_SSLKEYTYPE, string: "PEM")
            try check(key.withUnsafeMutableBytes { argoexec_curl_easy_setopt_blob(handle, CURLOPT_SSLKEY_BLOB, $0.baseAddress, $0.count) },
                      "CURLOPT_SSLKEY_BLOB")
        }
        if var pem = request.caPEM {
            let rc = pem.withUnsafeMutableBytes { argoexec_curl_easy_setopt_blob(handle, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) }
            try check(rc, "CURLOPT_CAINFO_BLOB")
        }
        if request.followRedirects {
            // curl drops Authorization and Cookie headers when a redirect leaves the original host.
            try set(CURLOPT_FOLLOWLOCATION, long: 1)
            try set(CURLOPT_MAXREDIRS, long: 10)
            try set(CURLOPT_UNRESTRICTED_AUTH, long: 0)
            try set(CURLOPT_POSTREDIR, long: 7)  // CURL_REDIR_POST_ALL (a macro): keep POST on 301/302/303
        }
        if let proxy = request.proxy { try set(CURLOPT_PROXY, string: proxy) }
        if let noProxy = request.noProxy { try set(CURLOPT_NOPROXY, string: noProxy) }
        if request.insecureSkipVerify {
            try set(CURLOPT_SSL_VERIFYPEER, long: 0)
            try set(CURLOPT_SSL_VERIFYHOST, long: 0)
        }
        try setMethodAndBody()
        // "Expect: 100-continue" adds a round trip per upload; S3 does not need it.
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, value.isEmpty ? "\(name):" : "\(name): \(value)")
        }
        try check(argoexec_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "CURLOPT_HTTPHEADER")
        try check(argoexec_curl_easy_setopt_data_cb(handle, CURLOPT_WRITEFUNCTION, { data, size, count, user in
            Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue().received(data, size * count)
        }), "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: me)
        try check(argoexec_curl_easy_setopt_data_cb(handle, CURLOPT_HEADERFUNCTION, { data, size, count, user in
            Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue().headerLine(data, size * count)
        }), "CURLOPT_HEADERFUNCTION")
        try set(CURLOPT_HEADERDATA, pointer: me)

        let rc = curl_easy_perform(handle)
        if let sinkError { throw sinkError }
        guard rc == CURLE_OK else { throw transportError(rc) }
        completed = true
        var code = 0
        _ = argoexec_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return HTTPResponse(status: code, headers: responseHeaders, errorBody: errorBody)
    }

    private func setMethodAndBody() throws(ExecError) {
        switch request.method {
        case "GET":
            // An upload turns curl's GET into PUT; a GET with a body (HTTP templates may send one, as Go does)
            // names its method explicitly.
            if case .none = request.body {} else { try set(CURLOPT_CUSTOMREQUEST, string: "GET") }
        case "HEAD": try set(CURLOPT_NOBODY, long: 1)
        default: try set(CURLOPT_CUSTOMREQUEST, string: request.method)
        }
        let length: Int64
        switch request.body {
        case .none:
            guard request.method == "PUT" || request.method == "POST" else { return }
            length = 0
        case .bytes(let b): length = Int64(b.count)
        case .file(_, let n):
            length = n
            fileLeft = n
        case .fileRange(_, let offset, let n):
            length = n
            fileLeft = n
            fileOffset = offset
        }
        try set(CURLOPT_UPLOAD, long: 1)
        try check(argoexec_curl_easy_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(length)), "CURLOPT_INFILESIZE_LARGE")
        try check(argoexec_curl_easy_setopt_data_cb(handle, CURLOPT_READFUNCTION, { buffer, size, count, user in
            Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue().send(buffer, size * count)
        }), "CURLOPT_READFUNCTION")
        try set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
        // A 307/308 redirect or a retried request on a dead reused connection re-sends the body from the start.
        try check(argoexec_curl_easy_setopt_seek_cb(handle, CURLOPT_SEEKFUNCTION, { user, offset, origin in
            Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue().rewind(to: Int64(offset), origin: origin)
        }), "CURLOPT_SEEKFUNCTION")
        try set(CURLOPT_SEEKDATA, pointer: Unmanaged.passUnretained(self).toOpaque())
    }

    private func rewind(to offset: Int64, origin: Int32) -> Int32 {
        // A negative offset would read before the body (out of bounds): refused, so curl fails the resend.
        guard origin == SEEK_SET, offset >= 0 else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
        switch request.body {
        case .none: return Int32(CURL_SEEKFUNC_OK)
        case .bytes(let b):
            guard offset <= Int64(b.count) else { return Int32(CURL_SEEKFUNC_FAIL) }
            bodyOffset = Int(offset)
        case .file: return Int32(CURL_SEEKFUNC_CANTSEEK)
        case .fileRange(_, let start, let n):
            guard offset <= n else { return Int32(CURL_SEEKFUNC_FAIL) }
            fileOffset = start + offset
            fileLeft = n - offset
        }
        return Int32(CURL_SEEKFUNC_OK)
    }

    // MARK: callbacks (return values follow libcurl's contracts)

    private func received(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return count }
        guard (200..<300).contains(status) else {
            let room = max(0, 64 * 1024 - errorBody.count)
            errorBody += UnsafeRawBufferPointer(start: data, count: min(count, room))
            return count
        }
        guard let sink else { return count }
        do throws(ExecError) {
            try sink.write(UnsafeRawBufferPointer(start: data, count: count))
            TransferMeter.didReceive(count)
            return count
        } catch {
            sinkError = error
            return 0  // makes curl fail with CURLE_WRITE_ERROR; the sink's error is reported instead
        }
    }

    private func headerLine(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data else { return count }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {  // a new response (redirect, 100-continue): "HTTP/1.1 200 OK"
            responseHeaders = []
            errorBody = []
            status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        }
        if let colon = line.firstIndex(of: ":") {
            responseHeaders.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
        return count
    }

    private func send(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int) -> Int {
        guard let buffer else { return 0 }
        switch request.body {
        case .none:
            return 0
        case .bytes(let bytes):
            let n = min(capacity, bytes.count - bodyOffset)
            // An empty array may have no base address: nothing to copy, and no `!` to trap on.
            guard n > 0 else { return 0 }
            bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress! + bodyOffset, byteCount: n) }
            bodyOffset += n
            TransferMeter.didSend(n)
            return n
        case .file(let fd, _):
            guard fileLeft > 0 else { return 0 }
            let want = UnsafeMutableRawBufferPointer(start: buffer, count: Int(min(Int64(capacity), fileLeft)))
            guard let n = try? FileIO.read(fd, into: want, name: "request body") else { return Int(CURL_READFUNC_ABORT) }
            fileLeft -= Int64(n)
            TransferMeter.didSend(n)
            return n
        case .fileRange(let fd, _, _):
            guard fileLeft > 0 else { return 0 }
            let want = UnsafeMutableRawBufferPointer(start: buffer, count: Int(min(Int64(capacity), fileLeft)))
            guard let n = try? FileIO.read(fd, into: want, at: fileOffset, name: "request body") else { return Int(CURL_READFUNC_ABORT) }
            fileLeft -= Int64(n)
            fileOffset += Int64(n)
            TransferMeter.didSend(n)
            return n
        }
    }

    // MARK: option helpers, each checked (docs/conventions.md rule 2)

    private func set(_ option: CURLoption, long value: Int) throws(ExecError) {
        try check(argoexec_curl_easy_setopt_long(handle, option, value), "\(option)")
    }

    private func set(_ option: CURLoption, string value: String) throws(ExecError) {
        try check(argoexec_curl_easy_setopt_string(handle, option, value), "\(option)")
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer) throws(ExecError) {
        try check(argoexec_curl_easy_setopt_pointer(handle, option, value), "\(option)")
    }

    private func check(_ code: CURLcode, _ what: String) throws(ExecError) {
        try CurlLibrary.check(code, "curl option \(what)")
    }

    private func transportError(_ rc: CURLcode) -> ExecError {
        let detail = String(cString: errorBuffer)
        let text = detail.isEmpty ? CurlLibrary.text(rc) : detail
        let transient = [CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
                         CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST].contains(rc)
        // No HTTP answer at all is a network failure; a transfer cut by our own callback keeps its cause.
        let code: ExecError.Code = rc == CURLE_OPERATION_TIMEDOUT ? .timeout
            : [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
               CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION].contains(rc) ? .network
            : .internal
        return ExecError(code, "\(request.method) \(request.url): \(text)", context: ["curlCode": String(rc.rawValue)],
                         transient: transient)
    }
}
