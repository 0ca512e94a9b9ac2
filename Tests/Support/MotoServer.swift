import Foundation

/// Test support shared by the test targets (never linked into argoexec).
///
/// A moto_server on loopback with SigV4 checking switched on (docs/build.md, "Test peers"): an IAM user with an
/// s3:* policy is created first, then `reset-auth` makes every later request need a valid signature.
public final class MotoServer {
    public let endpoint: String
    public let accessKey: String
    public let secretKey: String
    /// An IAM role with an s3:* policy, for AssumeRole / AssumeRoleWithWebIdentity through moto's STS.
    public let roleARN: String
    /// With `tls: true`: the CA that signed the server's certificate (for 127.0.0.1).
    public let caFile: String?
    private let process: Process

    /// `signatureChecking: false` for listing tests: moto rejects valid signatures on percent-encoded
    /// query characters when checking is on (docs/build.md, "Test peers").
    public init(signatureChecking: Bool = true, tls: Bool = false) throws {
        try ExternalTool.require("moto_server")
        try ExternalTool.requirePython("boto3")
        let port = try Self.freePort()
        var arguments = ["moto_server", "-H", "127.0.0.1", "-p", String(port)]
        if tls {
            let certificates = try TestCertificates(in: NSTemporaryDirectory() + "moto-tls-\(UUID().uuidString)")
            arguments += ["-c", certificates.serverCert, "-k", certificates.serverKey]
            caFile = certificates.ca
        } else {
            caFile = nil
        }
        endpoint = (tls ? "https" : "http") + "://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let setup = """
        import sys, time, ssl, urllib.request, boto3
        e, ca = sys.argv[1], (sys.argv[3] or None)
        ctx = ssl.create_default_context(cafile=ca) if ca else None
        for _ in range(300):
            try: urllib.request.urlopen(e + '/moto-api/', context=ctx); break
            except Exception: time.sleep(0.05)
        iam = boto3.client('iam', endpoint_url=e, region_name='us-east-1', aws_access_key_id='testing', aws_secret_access_key='testing', verify=ca or True)
        role = iam.create_role(RoleName='argo-role', AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"*"},"Action":"sts:AssumeRoleWithWebIdentity"},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}')['Role']['Arn']
        iam.put_role_policy(RoleName='argo-role', PolicyName='s3all', PolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}')
        iam.create_user(UserName='argo')
        iam.put_user_policy(UserName='argo', PolicyName='s3all', PolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","sts:AssumeRole"],"Resource":"*"}]}')
        k = iam.create_access_key(UserName='argo')['AccessKey']
        if sys.argv[2] == 'on':
            urllib.request.urlopen(urllib.request.Request(e + '/moto-api/reset-auth', data=b'0', headers={'Content-Type': 'text/plain'}, method='POST'), context=ctx)
        print(k['AccessKeyId'], k['SecretAccessKey'], role)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", setup, endpoint, signatureChecking ? "on" : "off", caFile ?? ""]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let keys = String(decoding: data, as: UTF8.self).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard p.terminationStatus == 0, keys.count == 3 else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw SetupError(message: "moto_server set-up failed")
        }
        accessKey = keys[0]
        secretKey = keys[1]
        roleARN = keys[2]
    }

    /// SIGKILL: processes started from the test runner inherit an ignored SIGTERM (ignored dispositions
    /// survive exec), so terminate() would leave moto running and waitUntilExit() would hang.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public static func freePort() throws -> Int {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard let port = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SetupError(message: "no free port")
        }
        return port
    }

    public struct SetupError: Error { public let message: String }
}
