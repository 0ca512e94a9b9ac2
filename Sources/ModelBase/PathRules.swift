/// Lexical path rules shared by the model and the executor: Go's `filepath.Clean`, ancestor tests and
/// the artifact `CleanPath` traversal check (Argo's `pkg/apis/workflow/v1alpha1/workflow_types.go`).
public enum PathRules {
    /// Go's `filepath.Clean` for `/`-separated paths: removes `.` and empty elements, resolves `..`
    /// lexically, never goes above `/` for absolute paths, returns `.` for an empty result.
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !rooted {
                    out.append(part)
                }
                continue
            }
            out.append(part)
        }
        let body = out.joined(separator: "/")
        if rooted { return "/" + body }
        return body.isEmpty ? "." : body
    }

    /// `path.Join`: joins non-empty elements with `/` and cleans the result ("" when all are empty).
    public static func join(_ parts: String...) -> String { join(parts) }

    public static func join(_ parts: [String]) -> String {
        let kept = parts.filter { !$0.isEmpty }
        return kept.isEmpty ? "" : clean(kept.joined(separator: "/"))
    }

    /// Last element of the path (Go's `filepath.Base`): trailing slashes ignored, `/` for the root,
    /// `path` without trailing slashes; a lone `/` stays (paths, key prefixes, URLs).
    public static func trimmingTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    /// `.` for an empty path.
    public static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        let p = Substring(trimmingTrailingSlashes(path))
        if p == "/" { return "/" }
        if let slash = p.lastIndex(of: "/") { return String(p[p.index(after: slash)...]) }
        return String(p)
    }

    /// Everything but the last element (Go's `filepath.Dir`).
    public static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return clean(String(path[...slash]))
    }

    /// True when `ancestor` equals `path` or is a path-component prefix of it (`/a` vs `/a/b`, not `/ab`).
    public static func isSameOrAncestor(_ ancestor: String, of path: String) -> Bool {
        let a = clean(ancestor), p = clean(path)
        if a == p { return true }
        let prefix = a == "/" ? "/" : a + "/"
        return p.hasPrefix(prefix)
    }

    /// Of `candidates`, the one whose directory (`directory(c)`) is `path` or a path-component ancestor of
    /// it; the longest directory wins, the first of equals (`FindOverlappingVolume`).
    public static func deepestAncestor<T>(of path: String, in candidates: [T], directory: (T) -> String) -> T? {
        var best: (T, Int)?
        for c in candidates where isSameOrAncestor(directory(c), of: path) {
            let length = directory(c).count
            if best == nil || length > best?.1 ?? 0 { best = (c, length) }
        }
        return best?.0
    }
}
