import Core
import Dispatch
import Synchronization

/// A gzip compressor that uses every core (the pigz technique): the input is cut into blocks, each block
/// is deflated independently on a worker, primed with the previous block's last 32 KiB as dictionary and
/// ended with a sync flush; the pieces are written in order as one standard gzip member, so gunzip, tar,
/// Go's compress/gzip and Python's gzip all read it. Memory is bounded by `blockSize x inFlight` (input and
/// output: about 4 MiB with the defaults on 2 cores), whatever the stream length. Blocks are 256 KiB, twice
/// pigz's: half the dictionary priming per byte (`deflateSetDictionary` was 0.9% of the CPU at 128 KiB).
///
/// The caller's thread reads (the tar packer), cuts blocks and writes the finished ones in order; a pool of
/// `threads` workers deflates. Two things keep every core busy (docs/archives.md, "Benchmark"): up to
/// `threads x 2 + 4` blocks are in flight, so a slow block at the head does not idle the other workers while
/// it finishes, and when that bound is reached the caller does not sleep until the oldest block is done: it
/// deflates blocks no worker has started yet, oldest first, as one more worker would.
public final class ParallelGzipWriter: ByteSink {
    public static let defaultBlockSize = 256 * 1024
    static let dictionarySize = 32 * 1024

    private let sink: any ByteSink
    private let level: Int32
    private let blockSize: Int
    private let maxInFlight: Int
    private let pool: StreamPool
    private let queue = DispatchQueue(label: "argoexec.gzip", attributes: .concurrent)
    /// The block being filled (`filled` bytes so far) and the 32 KiB that primes it: the end of the block
    /// before, shared rather than copied.
    private var current: Block
    private var dictionary = Window(block: nil, range: 0..<0)
    private var pending: [CompressionJob] = []
    private var crc: UInt = 0
    private var length: UInt64 = 0
    private var wroteHeader = false

    /// - Parameters:
    ///   - level: Argo's compression level (-1 default, 0...9).
    ///   - threads: worker count; defaults to the number of online CPUs.
    public init(sink: any ByteSink, level: Int = -1, threads: Int? = nil, blockSize: Int = defaultBlockSize) throws(ExecError) {
        self.sink = sink
        self.level = try GzipFraming.zlibLevel(level)
        self.blockSize = max(blockSize, Self.dictionarySize)
        let workers = max(threads ?? Processors.online, 1)
        maxInFlight = workers * 2 + 4
        pool = StreamPool(level: self.level)
        current = Block(capacity: self.blockSize)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(ExecError) {
        var offset = 0
        while offset < bytes.count {
            if current.filled == blockSize { try submit(last: false) }
            let n = min(blockSize - current.filled, bytes.count - offset)
            UnsafeMutableRawBufferPointer(rebasing: current.memory[current.filled...]).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]))
            current.filled += n
            offset += n
        }
    }

    /// Lets `read` put up to `limit` bytes straight into the block being filled (no copy through a buffer of
    /// the caller's: the tar packer reads files this way); returns what `read` returned, 0 at the end.
    func fill(upTo limit: Int, _ read: (UnsafeMutableRawBufferPointer) throws(ExecError) -> Int) throws(ExecError) -> Int {
        if current.filled == blockSize { try submit(last: false) }
        let room = UnsafeMutableRawBufferPointer(rebasing: current.memory[current.filled..<min(blockSize, current.filled + limit)])
        let n = try read(room)
        current.filled += n
        return n
    }

    public func finish() throws(ExecError) {
        try submit(last: true)
        while !pending.isEmpty { try drainOldest() }
        try sink.write(GzipFraming.trailer(crc: crc, length: length))
        try sink.finish()
    }

    /// Hands the current block to a worker. A full block is only submitted once more input arrives, so the
    /// last block is always the one `finish` submits with `last: true`.
    private func submit(last: Bool) throws(ExecError) {
        let input = current
        let job = CompressionJob(input: input, dictionary: dictionary, last: last)
        if input.filled >= Self.dictionarySize {
            dictionary = Window(block: input, range: (input.filled - Self.dictionarySize)..<input.filled)
        } else {
            // Only a short last block is under 32 KiB (nothing follows it); kept general all the same.
            let bytes = Array((Array(dictionary.bytes) + Array(input.bytes)).suffix(Self.dictionarySize))
            let copy = Block(capacity: max(bytes.count, 1))
            bytes.withUnsafeBytes { copy.memory.copyMemory(from: $0) }
            copy.filled = bytes.count
            dictionary = Window(block: copy, range: 0..<bytes.count)
        }
        current = Block(capacity: blockSize)
        let pool = self.pool
        queue.async { if job.claim() { job.run(pool: pool) } }
        pending.append(job)
        while pending.count >= maxInFlight { try drainOldest() }
    }

    /// Waits for the oldest block and writes it: output order is input order. While it is not done, the
    /// caller deflates the blocks no worker has claimed yet (the oldest first) instead of sleeping.
    private func drainOldest() throws(ExecError) {
        let job = pending.removeFirst()
        if !job.finished {
            if job.claim() {
                job.run(pool: pool)
            } else {
                for later in pending where !job.finished {
                    if later.claim() { later.run(pool: pool) }
                }
            }
        }
        job.done.wait()
        if let error = job.error { throw error }
        if !wroteHeader {
            try sink.write(GzipFraming.header)
            wroteHeader = true
        }
        try sink.write(job.output)
        crc = Zlib.crc32Combine(crc, job.crc, length: job.input.filled)
        length += UInt64(job.input.filled)
    }
}

/// A block's bytes in memory of its own (read into directly, deflated in place, never copied), freed with
/// the last job that refers to it (its own, and the next block's dictionary).
final class Block: @unchecked Sendable {
    let memory: UnsafeMutableRawBufferPointer
    /// Bytes written so far; fixed once the block is submitted.
    var filled = 0

    init(capacity: Int) { memory = .allocate(byteCount: capacity, alignment: 16) }
    deinit { memory.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: memory[0..<filled]) }
}

/// Part of a block: the dictionary a block is primed with.
struct Window: @unchecked Sendable {
    let block: Block?
    let range: Range<Int>

    var bytes: UnsafeRawBufferPointer {
        guard let block else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: block.memory[range])
    }
}

/// One block's work; its fields are written by the worker before `done` is signalled and read after.
final class CompressionJob: @unchecked Sendable {
    let input: Block
    let dictionary: Window
    let last: Bool
    let done = DispatchSemaphore(value: 0)
    var output: [UInt8] = []
    var crc: UInt = 0
    var error: ExecError?
    /// Whoever claims the job runs it: a worker, or the writer's own thread while it waits.
    private let claimed = Atomic<Bool>(false)
    private let completed = Atomic<Bool>(false)

    init(input: Block, dictionary: Window, last: Bool) {
        self.input = input
        self.dictionary = dictionary
        self.last = last
    }

    /// True for exactly one caller.
    func claim() -> Bool { claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged }

    /// Whether `run` has ended (then `done` is or is about to be signalled); a hint only, `done` is the fence.
    var finished: Bool { completed.load(ordering: .acquiring) }

    func run(pool: StreamPool) {
        defer {
            completed.store(true, ordering: .releasing)
            done.signal()
        }
        do {
            let stream = try pool.take()
            defer { pool.give(stream) }
            output = try stream.compressBlock(input.bytes, dictionary: dictionary.bytes, last: last)
            crc = Zlib.crc32(0, input.bytes)
        } catch {
            self.error = error
        }
    }
}

/// Reusable deflate streams: initialising one costs ~270 KiB of allocations, so workers borrow them.
final class StreamPool: Sendable {
    private let level: Int32
    private let idle = Mutex<[DeflateStream]>([])

    init(level: Int32) { self.level = level }

    func take() throws(ExecError) -> DeflateStream {
        if let s = idle.withLock({ $0.popLast() }) { return s }
        return try DeflateStream(level: level)
    }

    func give(_ stream: DeflateStream) { idle.withLock { $0.append(stream) } }
}
