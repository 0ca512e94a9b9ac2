/// The path an open file or directory is known by, for error messages only: a chain of names built when a
/// child is opened (constant time) and spelled out only when a message needs it, so walking a tree 100,000
/// levels deep does not copy a 100,000-level path at every step.
public final class PathLabel: Sendable, CustomStringConvertible {
    private let parent: PathLabel?
    private let name: RawPath
    private let root: String

    public init(_ path: String) {
        parent = nil
        name = .empty
        root = path
    }

    init(parent: PathLabel, name: RawPath) {
        self.parent = parent
        self.name = name
        root = ""
    }

    func child(_ name: RawPath) -> PathLabel { PathLabel(parent: self, name: name) }

    /// The directory this one was opened from, when known.
    var up: PathLabel? { parent }

    /// The path, spelled out (names that are not UTF-8 shown with `\xNN`).
    public var description: String {
        var names: [RawPath] = []
        var node: PathLabel? = self
        var base = ""
        while let current = node {
            if current.parent == nil { base = current.root } else { names.append(current.name) }
            node = current.parent
        }
        var out = base
        for name in names.reversed() {
            if !out.hasSuffix("/") { out += "/" }
            out += name.description
        }
        return out
    }
}
