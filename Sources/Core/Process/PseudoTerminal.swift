#if canImport(Glibc)
import Glibc
#endif

/// A container with `tty: true` (stdin a terminal): the child runs on a pseudo-terminal in its own session, as
/// Argo's emissary has done since v3.4 (Argo's `workflow/executor/osspecific/command_unix.go`, creack/pty's
/// `Start`): the terminal is put in raw mode, what is typed goes to the pty, what the child writes comes back
/// on stdout (and the capture files), and window-size changes are passed on (`inheritSize`, on SIGWINCH).
/// The emissary restores the terminal's settings when the child exits.
public final class PseudoTerminal: @unchecked Sendable {
    /// The master side (close-on-exec; the child never sees it).
    public let master: Int32
    /// `/dev/pts/N`: opened by the child after `setsid`, so it becomes the child's controlling terminal.
    public let slavePath: String
    private let input: Int32
    private var saved: termios?

    /// Whether `fd` is a terminal (Argo's `term.IsTerminal(stdin)`).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether the emissary's stdin is a terminal (a container with `tty: true` and `stdin: true`).
    public static var stdinIsTerminal: Bool { isTerminal(STDIN_FILENO) }

    /// Linux's `TIOCGPTN` and `TIOCSPTLCK` (`_IOR('T', 0x30, unsigned int)`, `_IOW('T', 0x31, int)`: function-like
    /// macros Swift does not import; posix_openpt/unlockpt/ptsname are hidden behind `_XOPEN_SOURCE` too).
    static let getPTYNumber: UInt = 0x8004_5430
    static let setPTYLock: UInt = 0x4004_5431

    /// glibc's posix_openpt + grantpt (nothing to do on devpts) + unlockpt + ptsname, on `/dev/ptmx`.
    public init(input: Int32 = STDIN_FILENO) throws(ExecError) {
        self.input = input
        let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw ExecError.system("open", "/dev/ptmx", errno) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(fd, Self.setPTYLock, &unlock) == 0, ioctl(fd, Self.getPTYNumber, &number) == 0 else {
            let e = errno
            close(fd)
            throw ExecError.system("unlockpt", "/dev/ptmx", e)
        }
        master = fd
        slavePath = "/dev/pts/\(number)"
        inheritSize()
    }

    deinit { close(master) }

    /// The input terminal's window size onto the pty (the kernel then signals the child's foreground group).
    public func inheritSize() {
        var size = winsize()
        if ioctl(input, UInt(TIOCGWINSZ), &size) == 0 { _ = ioctl(master, UInt(TIOCSWINSZ), &size) }
    }

    /// Raw mode on the input terminal (`term.MakeRaw`): keys reach the child's own line discipline unchanged.
    public func makeInputRaw() {
        var attributes = termios()
        guard tcgetattr(input, &attributes) == 0 else { return }
        saved = attributes
        cfmakeraw(&attributes)
        _ = tcsetattr(input, TCSANOW, &attributes)
    }

    /// The input terminal's settings as they were before `makeInputRaw`.
    public func restoreInput() {
        guard var attributes = saved else { return }
        _ = tcsetattr(input, TCSANOW, &attributes)
        saved = nil
    }

    /// Copies what is typed to the pty on a thread of its own, until the input ends or the pty goes away; the
    /// thread is never joined (the emissary exits with `_exit`).
    public func forwardInput() throws(ExecError) {
        let (from, to) = (input, master)
        try DetachedThread.start {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                let written = buffer.withUnsafeBytes { (try? FileIO.writeAll(to, UnsafeRawBufferPointer(rebasing: $0[0..<n]), name: "pty")) != nil }
                if !written { return }
            }
        }
    }
}
