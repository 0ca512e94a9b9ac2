import Core
import Digest
import Testing

@Suite("Digests on libcrypto (published test vectors)")
struct DigestTests {
    @Test("CRC-64/XZ: the catalogue's check value, and incremental updates agree with one pass (crcmod's value)")
    func crc64() {
        #expect(CRC64.checksum(Array("123456789".utf8)) == 0x995D_C9BB_DF19_39FA)
        let data = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        #expect(CRC64.checksum(data) == 17_834_570_868_603_270_891)
        var split = CRC64()
        for chunk in stride(from: 0, to: data.count, by: 4093) { split.update(Array(data[chunk..<min(chunk + 4093, data.count)])) }
        #expect(split.value == CRC64.checksum(data))
        #expect(CRC64.checksum([]) == 0)
    }

    @Test("Argon2id: the reference implementation's v1.3 vector and Argo's SSE-C parameters")
    func argon2id() throws {
        // phc-winner-argon2 test.c: argon2id, t=2, m=2^16 KiB, p=1, "password" / "somesalt".
        let reference = try KeyDerivation.argon2id(password: Array("password".utf8), salt: Array("somesalt".utf8),
                                                   iterations: 2, memoryKiB: 1 << 16, lanes: 1, length: 32)
        #expect(Digest.hex(reference) == "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7")
        // minio-go's DefaultPBKDF (t=1, 64 MiB, p=4) over salt bucket+key; checked with argon2-cffi.
        let sse = try KeyDerivation.s3CustomerKey(secret: Array("my-secret-key\n".utf8), bucket: "my-bucket", key: "path/to/art.tgz")
        #expect(Digest.hex(sse) == "efec078c80fd38ee0a9f03a2d91e5f2003874064033fc134d9aa556a85773675")
        #expect(throws: ExecError.self) {
            try KeyDerivation.argon2id(password: [], salt: [1], iterations: 1, memoryKiB: 8, lanes: 1, length: 32)
        }
    }

    @Test("SHA-256 (FIPS 180-2 examples)")
    func sha256() throws {
        #expect(Digest.hex(try Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(try Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("incremental SHA-256 equals one-shot over a million 'a's")
    func incremental() throws {
        let h = try Hasher(.sha256)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { try h.update(chunk) }
        #expect(Digest.hex(try h.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(throws: (any Error).self) { try h.finish() }
    }

    @Test("MD5 (RFC 1321)")
    func md5() throws {
        #expect(Digest.hex(try Digest.md5(Array("message digest".utf8))) == "f96b697d7cb7938d525a2f31aaf161d0")
    }

    @Test("HMAC-SHA256 (RFC 4231 case 2) and HMAC-SHA1 (RFC 2202 case 2)")
    func hmac() throws {
        let key = Array("Jefe".utf8), msg = Array("what do ya want for nothing?".utf8)
        #expect(Digest.hex(try Digest.hmac(.sha256, key: key, message: msg))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Digest.hex(try Digest.hmac(.sha1, key: key, message: msg)) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }
}
