/// A compiled regular expression with Go regexp's syntax and match semantics for `matches` (an
/// unanchored search, true when any substring matches). Matching is a Pike VM: a breadth-first walk
/// of the compiled program in lockstep over the input, so time is O(input × program) and there is no
/// backtracking to blow up on patterns such as `(a+)+$`.
struct Regex: Sendable {
    enum Instruction: Sendable {
        case set(Int)
        case any(dotAll: Bool)
        case split(Int, Int)
        case jump(Int)
        case assertion(RegexNode.Assertion)
        case match
    }

    /// Programs larger than this are refused, as Go refuses "expression too large".
    static let maxProgram = 100_000

    let program: [Instruction]
    let sets: [CharSet]

    init(_ pattern: String) throws(RegexError) {
        let node = try RegexParser.parse(pattern)
        var compiler = RegexCompiler()
        do {
            try compiler.emit(node)
        } catch {
            throw RegexError(code: "expression too large", fragment: pattern)
        }
        compiler.program.append(.match)
        program = compiler.program
        sets = compiler.sets
    }

    /// Whether the pattern matches anywhere in `bytes` (UTF-8; an invalid byte reads as U+FFFD).
    func matches(_ bytes: [UInt8]) -> Bool {
        let input = Regex.decode(bytes)
        var current = ThreadList(capacity: program.count)
        var next = ThreadList(capacity: program.count)
        for position in 0...input.count {
            // Unanchored search: a new thread starts at every position.
            addThread(0, position, input, &current)
            if current.containsMatch { return true }
            guard position < input.count else { break }
            let c = input[position]
            next.clear()
            for pc in current.pcs {
                switch program[pc] {
                case .set(let i) where sets[i].contains(c): addThread(pc + 1, position + 1, input, &next)
                case .any(let dotAll) where dotAll || c != "\n": addThread(pc + 1, position + 1, input, &next)
                default: break
                }
            }
            swap(&current, &next)
            next.clear()
            if current.containsMatch { return true }
        }
        return false
    }

    /// Follows jumps, splits and assertions from `pc` at `position`, adding the instructions that
    /// consume input (and `match`) to `list`.
    private func addThread(_ pc: Int, _ position: Int, _ input: [Unicode.Scalar], _ list: inout ThreadList) {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let target): stack.append(target)
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .assertion(let kind):
                if Regex.holds(kind, position, input) { stack.append(pc + 1) }
            case .match: list.containsMatch = true
            case .set, .any: list.pcs.append(pc)
            }
        }
    }

    private static func holds(_ kind: RegexNode.Assertion, _ i: Int, _ input: [Unicode.Scalar]) -> Bool {
        switch kind {
        case .beginText: return i == 0
        case .endText: return i == input.count
        case .beginLine: return i == 0 || input[i - 1] == "\n"
        case .endLine: return i == input.count || input[i] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && CharSet.word.contains(input[i - 1])
            let after = i < input.count && CharSet.word.contains(input[i])
            return (before != after) == (kind == .wordBoundary)
        }
    }

    /// UTF-8 decoding where each invalid byte is one U+FFFD, as Go's utf8.DecodeRune reads it.
    static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(bytes.count)
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: break loop
            case .error: out.append("\u{FFFD}")
            }
        }
        return out
    }
}

/// A sparse set of program counters with insertion order.
struct ThreadList {
    var pcs: [Int] = []
    private var seen: [Bool]
    private var touched: [Int] = []
    var containsMatch = false

    init(capacity: Int) { seen = Array(repeating: false, count: capacity) }

    mutating func insert(_ pc: Int) -> Bool {
        if seen[pc] { return false }
        seen[pc] = true
        touched.append(pc)
        return true
    }

    mutating func clear() {
        for pc in touched { seen[pc] = false }
        touched.removeAll(keepingCapacity: true)
        pcs.removeAll(keepingCapacity: true)
        containsMatch = false
    }
}
