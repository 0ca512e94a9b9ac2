import Foundation
import Testing
import TestSupport

/// The Azure fake is only worth its checks if Microsoft's SDK agrees with it: `azure-storage-blob` (PyPI,
/// test-only) runs a client session against it with Shared Key (single and multi-block uploads, whole,
/// chunked and ranged downloads, paged and hierarchical listings, deletes, metadata headers whose order
/// differs between byte order and the service's collation) and with service and account SAS tokens; a
/// tampered signature, a wrong key, an expired or under-privileged SAS and a SAS for another blob all fail
/// with 403.
@Suite("Azure fake agrees with the azure-storage-blob SDK")
struct AzureFakeFidelityTests {
    static let session = """
    import sys, datetime
    from azure.storage.blob import (BlobServiceClient, BlobClient, ContainerClient, generate_blob_sas, generate_container_sas,
        generate_account_sas, ResourceTypes, AccountSasPermissions, BlobSasPermissions, ContainerSasPermissions)
    from azure.core.exceptions import ResourceNotFoundError, HttpResponseError
    ep, acct, key = sys.argv[1:4]
    small = dict(max_single_put_size=4 << 20, max_block_size=1 << 20, max_single_get_size=1 << 20, max_chunk_get_size=1 << 20)
    svc = BlobServiceClient(ep, credential={'account_name': acct, 'account_key': key}, **small)
    c = svc.get_container_client('fidelity')
    c.create_container()
    assert c.get_container_properties().name == 'fidelity'
    c.upload_blob('wf/pod/hello.txt', b'hello\\n', metadata={'a1': 'x', 'a_b': 'y', 'Zeta': 'z'})
    assert c.download_blob('wf/pod/hello.txt').readall() == b'hello\\n'
    assert c.get_blob_client('wf/pod/hello.txt').get_blob_properties().size == 6
    big = bytes(range(256)) * (6 * 4096 + 7)
    c.upload_blob('big.bin', big, max_concurrency=3)
    blocks, _ = c.get_blob_client('big.bin').get_block_list('all')
    assert len(blocks) == 7, blocks
    assert c.download_blob('big.bin', max_concurrency=3).readall() == big
    assert c.download_blob('big.bin', offset=1000, length=5000).readall() == big[1000:6000]
    c.upload_blob('empty', b'')
    assert c.download_blob('empty').readall() == b''
    c.upload_blob('日本/ü x+y.txt', b'u')
    assert c.download_blob('日本/ü x+y.txt').readall() == b'u'
    pages = list(c.list_blobs(name_starts_with='', results_per_page=2).by_page())
    assert len(pages) == 2, len(pages)
    assert [b.name for p in pages for b in p] == ['big.bin', 'empty', 'wf/pod/hello.txt', '日本/ü x+y.txt']
    assert sorted(b.name for b in c.walk_blobs(delimiter='/')) == ['big.bin', 'empty', 'wf/', '日本/']
    c.delete_blob('wf/pod/hello.txt')
    try:
        c.download_blob('wf/pod/hello.txt').readall(); raise SystemExit('expected BlobNotFound')
    except ResourceNotFoundError as e:
        assert e.error_code == 'BlobNotFound', e.error_code
    try:
        svc.get_container_client('missing').upload_blob('x', b'x'); raise SystemExit('expected ContainerNotFound')
    except ResourceNotFoundError as e:
        assert e.error_code == 'ContainerNotFound', e.error_code

    def forbidden(call, code):
        try:
            call(); raise SystemExit('expected 403 ' + code)
        except HttpResponseError as e:
            assert e.status_code == 403 and e.error_code == code, (e.status_code, e.error_code)

    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
    blob_sas = generate_blob_sas(acct, 'fidelity', 'big.bin', account_key=key, permission=BlobSasPermissions(read=True), expiry=soon)
    assert BlobClient.from_blob_url(ep + '/fidelity/big.bin?' + blob_sas, **small).download_blob().readall() == big
    forbidden(lambda: BlobClient.from_blob_url(ep + '/fidelity/empty?' + blob_sas).download_blob().readall(), 'AuthenticationFailed')
    forbidden(lambda: BlobClient.from_blob_url(ep + '/fidelity/big.bin?' + blob_sas).upload_blob(b'x', overwrite=True),
              'AuthorizationPermissionMismatch')
    tampered = blob_sas.replace('sig=', 'sig=A', 1)
    forbidden(lambda: BlobClient.from_blob_url(ep + '/fidelity/big.bin?' + tampered).download_blob().readall(), 'AuthenticationFailed')
    expired = generate_blob_sas(acct, 'fidelity', 'big.bin', account_key=key, permission='r', expiry=past)
    forbidden(lambda: BlobClient.from_blob_url(ep + '/fidelity/big.bin?' + expired).download_blob().readall(), 'AuthenticationFailed')
    container_sas = generate_container_sas(acct, 'fidelity', account_key=key,
                                           permission=ContainerSasPermissions(read=True, list=True, write=True, delete=True), expiry=soon)
    cc = ContainerClient.from_container_url(ep + '/fidelity?' + container_sas, **small)
    cc.upload_blob('via-sas.bin', big[:3 << 20], max_concurrency=2)
    assert cc.download_blob('via-sas.bin').readall() == big[:3 << 20]
    assert 'via-sas.bin' in [b.name for b in cc.list_blobs()]
    cc.delete_blob('via-sas.bin')
    account_sas = generate_account_sas(acct, key, ResourceTypes(container=True, object=True),
                                       AccountSasPermissions(read=True, list=True, write=True, delete=True, create=True), soon)
    ac = BlobServiceClient(ep, credential=account_sas)
    ac.create_container('by-account-sas')
    ac.get_container_client('by-account-sas').upload_blob('a.txt', b'a')
    assert [b.name for b in ac.get_container_client('by-account-sas').list_blobs()] == ['a.txt']
    objects_only = generate_account_sas(acct, key, ResourceTypes(object=True), AccountSasPermissions(read=True, list=True), soon)
    forbidden(lambda: list(BlobServiceClient(ep, credential=objects_only).get_container_client('fidelity').list_blobs()),
              'AuthorizationResourceTypeMismatch')
    wrong = key[:-6] + ('AAAA==' if not key.endswith('AAAA==') else 'BBBB==')
    bad = BlobServiceClient(ep, credential={'account_name': acct, 'account_key': wrong}).get_container_client('fidelity')
    forbidden(lambda: bad.download_blob('big.bin').readall(), 'AuthenticationFailed')
    forbidden(lambda: bad.upload_blob('new.bin', b'x'), 'AuthenticationFailed')
    print('session ok')
    """

    @Test("a Shared Key and SAS session of the official SDK passes; tampered, wrong, expired and under-privileged credentials get 403")
    func session() throws {
        try ExternalTool.requirePython("azure.storage.blob")
        let fake = try AzureFake(containers: [])
        let text = try Self.python(Self.session, [fake.endpoint, fake.account, fake.accountKey])
        #expect(text.contains("session ok"), "\(text)")
        let requests = fake.requests()
        #expect(requests.contains { $0["auth"] as? String == "sas-service" && $0["status"] as? Int == 200 })
        #expect(requests.contains { $0["auth"] as? String == "sas-account" && $0["status"] as? Int == 201 })
        #expect(requests.contains { ($0["query"] as? [[String]])?.contains(["comp", "blocklist"]) == true && $0["status"] as? Int == 201 })
        #expect(requests.filter { $0["status"] as? Int == 403 }.count >= 7)
    }

    @Test("the same session with blobs kept on disk")
    func sessionOnDisk() throws {
        try ExternalTool.requirePython("azure.storage.blob")
        let fake = try AzureFake(containers: [], disk: true)
        let text = try Self.python(Self.session, [fake.endpoint, fake.account, fake.accountKey])
        #expect(text.contains("session ok"), "\(text)")
        #expect(try fake.blobs("fidelity")["big.bin"]?["size"] as? Int == 256 * (6 * 4096 + 7))
    }

    /// Runs `script` with `arguments` and returns its combined output.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }
}
