import Core
import Digest
import Model

/// The bucket lifecycle document Argo writes for `lifecycleRule` (Argo's `workflow/artifacts/oss/oss.go`): one rule whose ID
/// is the hex SHA-256 of the key and whose prefix is the key, expiring after `markDeletionAfterDays`,
/// moving to IA after `markInfrequentAccessAfterDays`, aborting multipart uploads after the deletion days.
/// It replaces the bucket's whole lifecycle configuration, as Argo's does. A zero IA day count leaves the
/// transition out (Argo would send an empty one).
enum OSSLifecycle {
    static func document(_ rule: OSSLifecycleRule?, key: String) throws(ExecError) -> String? {
        let ia = Int(rule?.markInfrequentAccessAfterDays ?? 0)
        let deletion = Int(rule?.markDeletionAfterDays ?? 0)
        guard ia != 0 || deletion != 0 else { return nil }
        guard ia <= deletion else {
            throw ExecError(.badRequest, "oss lifecycleRule: markInfrequentAccessAfterDays (\(ia)) cannot be larger than markDeletionAfterDays (\(deletion))")
        }
        let id = Digest.hex(try Digest.sha256(Array(key.utf8)))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LifecycleConfiguration><Rule><ID>\(id)</ID><Prefix>\(key.replacingXMLSpecials())</Prefix>"
        xml += "<Status>Enabled</Status><Expiration><Days>\(deletion)</Days></Expiration>"
        if ia > 0 { xml += "<Transition><Days>\(ia)</Days><StorageClass>IA</StorageClass></Transition>" }
        xml += "<AbortMultipartUpload><Days>\(deletion)</Days></AbortMultipartUpload></Rule></LifecycleConfiguration>"
        return xml
    }
}
