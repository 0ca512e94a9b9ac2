import Core
@testable import Drivers
import Synchronization
import Testing
@testable import Transport

/// Hostile numbers in HTTP answers (headers, S3/OSS XML) and degenerate part sizes go through the real
/// parsing code; each must come back as an `ExecError` or Go's documented value, never a trap. No server is
/// needed: the answers are built as libcurl hands them over (`HTTPResponse`) or as the XML scanner sees them.
@Suite("Integer traps: HTTP headers, S3/OSS listings, multipart counts")
struct HeaderTrapTests {
    static func response(_ headers: [(String, String)], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers)
    }

    // MARK: Retry-After (client-go's strconv.Atoi reading)

    @Test("Retry-After is read as strconv.Atoi: overflow, floats and dates are ignored", arguments: [
        ("99999999999999999999", nil), ("inf", nil), ("1e3", nil), ("1.5", nil), ("Wed, 21 Oct 2015 07:28:00 GMT", nil),
        ("", nil), ("120", 120), ("-3", -3), ("9223372036854775807", Int64.max),
    ] as [(String, Int64?)])
    func retryAfter(value: String, expected: Int64?) {
        #expect(Self.response([("Retry-After", value)]).retryAfterSeconds == expected)
    }

    @Test("a Retry-After of Int64.max seconds ends the retries at the deadline instead of trapping")
    func retryAfterThroughBackoff() {
        let answer = Self.response([("retry-after", "9223372036854775807")], status: 429)
        let attempts = Mutex(0)
        #expect(throws: ExecError.self) {
            try Backoff(steps: 5, duration: .milliseconds(1), factor: 2).retrySync(giveUpAt: UTCTime.now().adding(.seconds(30))) {
                () throws(ExecError) -> Int in
                attempts.withLock { $0 += 1 }
                throw ExecError(.internal, "TooManyRequests", transient: true, retryAfter: answer.retryAfterSeconds.map { .seconds($0) })
            }
        }
        #expect(attempts.withLock { $0 } == 1)
    }

    // MARK: Content-Length

    @Test("a Content-Length that is not a non-negative Int64 is an error", arguments: [
        "-1", "18446744073709551616", "9223372036854775808", "12abc", "+5", " ", "0x10",
    ])
    func badContentLength(value: String) {
        #expect { try Self.response([("Content-Length", value)]).contentLength("HeadObject s3://b/k") } throws: { error in
            (error as? ExecError)?.message.hasPrefix("HeadObject s3://b/k: Content-Length") == true
        }
    }

    @Test("valid and absent Content-Length")
    func contentLength() throws {
        #expect(try Self.response([("content-length", "9223372036854775807")]).contentLength("x") == .max)
        #expect(try Self.response([("Content-Length", "0")]).contentLength("x") == 0)
        #expect(try Self.response([]).contentLength("x") == nil)
    }

    // MARK: <Size> in listings

    static func listing(size: String) -> XMLScanner {
        XMLScanner("<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>a%2Fb</Key><Size>\(size)</Size></Contents>"
            + "<CommonPrefixes><Prefix>p%2F</Prefix></CommonPrefixes></ListBucketResult>")
    }

    @Test("an S3 or OSS <Size> past Int64 fails the listing, as Go's encoding/xml does", arguments: [
        "99999999999999999999", "18446744073709551616", "12kB", "1e3", "--1",
    ])
    func badSizes(size: String) {
        #expect { try S3Client.page(Self.listing(size: size), what: "ListObjectsV2 s3://b/p") } throws: { error in
            (error as? ExecError)?.message == "ListObjectsV2 s3://b/p: <Size> \"\(size)\" is not a 64-bit integer"
        }
        #expect { try OSSClient.entries(Self.listing(size: size), what: "ListObjects oss://b/p") } throws: { error in
            (error as? ExecError)?.message == "ListObjects oss://b/p: <Size> \"\(size)\" is not a 64-bit integer"
        }
    }

    @Test("sizes Go reads: trimmed, empty or absent (0), the Int64 ends")
    func goodSizes() throws {
        #expect(try S3Client.page(Self.listing(size: " 12\n"), what: "x").objects == [.init(key: "a/b", size: 12)])
        #expect(try S3Client.page(Self.listing(size: ""), what: "x").objects.first?.size == 0)
        #expect(try OSSClient.entries(Self.listing(size: "9223372036854775807"), what: "x").objects.first?.size == .max)
        #expect(try OSSClient.entries(Self.listing(size: "-9223372036854775808"), what: "x").objects.first?.size == .min)
        #expect(try OSSClient.entries(XMLScanner("<Contents><Key>k</Key></Contents>"), what: "x").objects.first?.size == 0)
    }

    // MARK: multipart part counts

    /// Records the calls a multipart engine makes; uploads succeed with a fixed ETag.
    final class FakeTarget: MultipartTarget {
        let calls = Mutex<[String]>([])
        var name: String { "s3://b/k" }
        func initiate() throws(ExecError) -> String { calls.withLock { $0.append("initiate") }; return "id" }
        func uploadPart(uploadID: String, number: Int, body: HTTPRequest.Body) throws(ExecError) -> String {
            var length = 0
            if case .bytes(let b) = body { length = b.count }
            calls.withLock { $0.append("part \(number) \(length)") }
            return "e\(number)"
        }
        func complete(uploadID: String, etags: [String]) throws(ExecError) { calls.withLock { $0.append("complete \(etags.count)") } }
        func abort(uploadID: String) { calls.withLock { $0.append("abort") } }
        func putWhole(_ bytes: [UInt8]) throws(ExecError) { calls.withLock { $0.append("put \(bytes.count)") } }
    }

    @Test("a zero, negative or too small part size is refused before anything is initiated", arguments: [
        (10, 0), (10, -1), (-1, 5 << 20), (1 << 40, 1), (Int64.max, 5 << 20),
    ] as [(Int64, Int64)])
    func badPartCounts(size: Int64, partSize: Int64) {
        let target = FakeTarget()
        #expect(throws: ExecError.self) {
            try MultipartUpload.fromFile(target, fd: -1, size: size, partSize: partSize, concurrency: 2)
        }
        #expect(target.calls.withLock { $0 }.isEmpty)
    }

    @Test("part counts are ceiling divisions that cannot overflow")
    func partCounts() throws {
        #expect(try MultipartUpload.partCount(size: 0, partSize: 5, name: "x") == 1)
        #expect(try MultipartUpload.partCount(size: 10_000 * 7, partSize: 7, name: "x") == 10_000)
        #expect(throws: ExecError.self) { try MultipartUpload.partCount(size: 10_000 * 7 + 1, partSize: 7, name: "x") }
        #expect(MultipartUpload.ceilDiv(.max, 1 << 20) == (Int64.max >> 20) + 1)
        let part = S3Multipart.partSize(for: .max)
        #expect(part > 0 && MultipartUpload.ceilDiv(.max, part) <= 10_000)
    }

    @Test("a streamed upload with a non-positive base part size uploads 1-byte parts instead of trapping")
    func streamedTinyParts() throws {
        let target = FakeTarget()
        let upload = StreamedUpload(target, basePartSize: -5, concurrency: 1)
        try upload.upload { (sink) throws(ExecError) in try sink.write(Array("abc".utf8)) }
        let calls = target.calls.withLock { $0 }
        #expect(calls.first == "initiate" && calls.last == "complete 3")
        #expect(Set(calls.dropFirst().dropLast()) == ["part 1 1", "part 2 1", "part 3 1"])
    }
}
