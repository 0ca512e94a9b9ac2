/// Where a label requirement looks its key up: apimachinery's `labels.Labels` (pkg/labels/labels.go) reduced to
/// `Lookup`, since `Has(key)` is `Lookup(key)` existing. Argo's resource conditions use the live object's JSON
/// through gjson (`gjsonLabels` in workflow/executor/resource.go: `GJSON` here).
public protocol LabelSource {
    /// The value for `key`, nil when it is absent (an empty string is a present, empty value).
    func lookup(_ key: String) -> String?
}

/// A plain label set (apimachinery's `labels.Set`).
extension Dictionary: LabelSource where Key == String, Value == String {
    public func lookup(_ key: String) -> String? { self[key] }
}
