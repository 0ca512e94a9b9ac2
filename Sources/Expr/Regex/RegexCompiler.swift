/// Compiles a regexp syntax tree into Pike VM instructions; counted repetitions are expanded, within
/// `Regex.maxProgram`.
struct RegexCompiler {
    struct TooLarge: Error {}

    var program: [Regex.Instruction] = []
    var sets: [CharSet] = []

    mutating func emit(_ node: RegexNode) throws(TooLarge) {
        guard program.count < Regex.maxProgram else { throw TooLarge() }
        switch node {
        case .empty: break
        case .set(let set):
            sets.append(set)
            program.append(.set(sets.count - 1))
        case .any(let dotAll): program.append(.any(dotAll: dotAll))
        case .assertion(let kind): program.append(.assertion(kind))
        case .concat(let items):
            for item in items { try emit(item) }
        case .alternate(let branches):
            // split L1, next; L1: a; jump end; next: split L2, ...
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(branch)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // Each optional copy: split body, end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(0, 0))
                    try emit(inner)
                }
                for s in splits { program[s] = .split(s + 1, program.count) }
            } else {
                // L: split body, end; body; jump L
                let loop = program.count
                program.append(.split(0, 0))
                try emit(inner)
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
    }
}
