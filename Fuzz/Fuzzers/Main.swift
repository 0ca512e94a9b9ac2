#if canImport(Glibc)
import Glibc
#endif

/// The fuzz targets, selected by the first argument: `unpack` (the unpacker), `init` (init's whole input
/// path) or `json` (the emissary's template reader). Built with -DFUZZING (hack/fuzz.sh) the rest of the arguments go to libFuzzer;
/// a plain build replays files: `argoexec-fuzz TARGET FILE...` runs each file once (hack/test.sh).
enum FuzzTarget: String {
    case unpack, json
    case initPath = "init"

    func run(_ data: UnsafeRawBufferPointer) {
        switch self {
        case .unpack: UnpackFuzzer.run(data)
        case .initPath: InitFuzzer.run(data)
        case .json: JSONFuzzer.run(data)
        }
    }

    /// The target named by argv[1]; exits 2 with the usage otherwise.
    static func fromArguments(_ arguments: [String]) -> FuzzTarget {
        guard arguments.count > 1, let target = FuzzTarget(rawValue: arguments[1]) else {
            failure("usage: argoexec-fuzz unpack|init|json [FILE... | libFuzzer flags and corpus]")
            exit(2)
        }
        return target
    }
}

/// A line on standard error.
func failure(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

#if FUZZING
/// libFuzzer's driver (exported by its runtime since LLVM 11).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

nonisolated(unsafe) var selected = FuzzTarget.unpack

/// SwiftPM points the executable's `main` at `<module>_main`; hand control to libFuzzer from there, without
/// the target name (libFuzzer would take it for a corpus directory).
@_cdecl("argoexec_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    selected = FuzzTarget.fromArguments(CommandLine.arguments)
    var count = argc - 1
    var vector = argv
    vector?[1] = vector?[0]
    vector = vector.map { $0 + 1 }
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        selected.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
#else
@main
struct Replay {
    static func main() {
        let target = FuzzTarget.fromArguments(CommandLine.arguments)
        let files = CommandLine.arguments.dropFirst(2)
        for path in files {
            guard let f = fopen(path, "rb") else {
                failure("cannot open \(path)")
                exit(1)
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while case let n = fread(&chunk, 1, chunk.count, f), n > 0 { bytes += chunk[0..<n] }
            fclose(f)
            bytes.withUnsafeBytes { target.run($0) }
        }
        if target == .unpack { UnpackFuzzer.cleanUp() }
        if target == .initPath { InitFuzzer.cleanUp() }
        print("\(target.rawValue): replayed \(files.count) inputs: invariant held")
    }
}
#endif
