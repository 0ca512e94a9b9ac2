import Core
import Digest
@testable import Drivers
import Foundation
import Signing
import Testing
import TestSupport

@Suite("S3 multipart upload against moto_server", .serialized)
struct S3MultipartTests {
    func client(_ moto: MotoServer) -> S3Client {
        S3Client(.init(endpoint: String(moto.endpoint.dropFirst("http://".count)), secure: false,
                       credentials: AWSCredentials(accessKeyID: moto.accessKey, secretAccessKey: moto.secretKey)))
    }

    static let MiB: Int64 = 1 << 20
    static let partTable: [(Int64, Int?, Int64)] = [
        (1024 * MiB, nil, 16 * MiB), (5 * 1024 * 1024 * MiB, nil, 528 * MiB), (1024 * MiB, 64, 64 * MiB),
        (100 * 1024 * MiB, 5, 16 * MiB), (10 * MiB, 3, 16 * MiB),
    ]

    @Test("part sizes keep any object within 10,000 parts", arguments: partTable)
    func partSizes(size: Int64, configured: Int?, expected: Int64) {
        let part = S3Multipart.partSize(for: size, configuredMiB: configured)
        #expect(part == expected)
        #expect((size + part - 1) / part <= 10_000)
    }

    @Test("64 MiB + 123 bytes in five parts, four in flight, round-trips byte-exact")
    func roundTrip() throws {
        let moto = try MotoServer()
        let s3 = client(moto)
        try s3.createBucket("argo")
        let size = (64 << 20) + 123
        var bytes = [UInt8](repeating: 0, count: size)
        var rng = SystemRandomNumberGenerator()
        for i in stride(from: 0, to: size, by: 8) {
            let v = rng.next() as UInt64
            for j in 0..<min(8, size - i) { bytes[i + j] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(j))) }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("argoexec-mp-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        try S3Multipart(client: s3, concurrency: 4).upload(bucket: "argo", key: "wf/pod/big.bin", fd: fd, size: Int64(size), partSize: 16 << 20)
        #expect(try s3.headObject(bucket: "argo", key: "wf/pod/big.bin") == Int64(size))
        let back = MemorySink(limit: .max)
        try s3.getObject(bucket: "argo", key: "wf/pod/big.bin", into: back)
        #expect(back.bytes.count == size)
        #expect(Digest.hex(try Digest.sha256(back.bytes)) == Digest.hex(try Digest.sha256(bytes)))
    }

    @Test("a failing part aborts the upload: no object, no open multipart upload")
    func abortOnFailure() throws {
        let moto = try MotoServer(signatureChecking: false)
        let s3 = client(moto)
        try s3.createBucket("argo")
        let closed = open("/dev/null", O_RDONLY)
        close(closed)  // reading parts from a closed descriptor fails every part
        do {
            try S3Multipart(client: s3, concurrency: 2, retry: Backoff(steps: 2, duration: .milliseconds(1), factor: 1))
                .upload(bucket: "argo", key: "wf/pod/partial.bin", fd: closed, size: 12 << 20, partSize: 5 << 20)
            Issue.record("upload from a closed descriptor succeeded")
        } catch {}
        #expect(throws: ExecError.self) { _ = try s3.headObject(bucket: "argo", key: "wf/pod/partial.bin") }
        let uploads = MemorySink()
        let r = try s3.send("GET", bucket: "argo", key: "", query: [("uploads", "")], into: uploads)
        #expect(r.status == 200)
        #expect(!String(decoding: uploads.bytes, as: UTF8.self).contains("<UploadId>"))
    }
}
