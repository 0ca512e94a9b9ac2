import Synchronization

/// The CA certificates TLS connections trust when a request brings none of its own (`caSecret`, a CA
/// file): the compiled-in bundle, unless the CLI configured `SSL_CERT_FILE` / `SSL_CERT_DIR`, which Go's
/// crypto/x509, and so Argo's executor, use instead of the system's. Set once at start-up.
public enum TrustStore {
    private static let configured = Mutex<(file: String?, directory: String?)>((nil, nil))

    public static func configure(file: String?, directory: String?) {
        configured.withLock { $0 = (file, directory) }
    }

    static var current: (file: String?, directory: String?) { configured.withLock { $0 } }
}
