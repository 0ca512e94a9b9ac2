#if canImport(Glibc)
import Glibc
#endif

/// Anonymous pipes between threads of this process or into a child.
public enum Pipes {
    /// A pipe whose ends both close on exec (a child gets only the ends it is given explicitly).
    public static func make(label: @autoclosure () -> String) throws(ExecError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ExecError.system("pipe", label(), errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }  // (pipe2 is not exported by the Glibc module)
        return (fds[0], fds[1])
    }

    /// Closes one end; a writer still writing to a closed read end gets EPIPE (SIGPIPE is ignored).
    public static func close(_ fd: Int32) { _ = Glibc.close(fd) }
}

extension SystemError {
    /// EPIPE: the reading end went away.
    public var isBrokenPipe: Bool { errno == EPIPE }
}
