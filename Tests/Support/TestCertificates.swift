import Foundation

/// A throw-away CA, a server certificate for 127.0.0.1 / localhost signed by it and, when asked, a client
/// certificate (`CN=argo-client`): the TLS material of the loopback peers (moto_server, nginx), made with
/// the openssl CLI in `dir`.
public struct TestCertificates {
    public let dir: String
    public var ca: String { dir + "/ca.pem" }
    public var serverCert: String { dir + "/server.pem" }
    public var serverKey: String { dir + "/server.key" }
    public var clientCert: String { dir + "/client.pem" }
    public var clientKey: String { dir + "/client.key" }

    public init(in dir: String, clientCertificate: Bool = false) throws {
        self.dir = dir
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var script = """
        set -e; cd "$1"
        openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=argoexec-test-ca 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost' > ext.cnf
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile ext.cnf 2>/dev/null

        """
        if clientCertificate {
            script += """
            openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=argo-client 2>/dev/null
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 2>/dev/null

            """
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, "sh", dir]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw MotoServer.SetupError(message: "openssl could not make test certificates in \(dir)") }
    }
}
