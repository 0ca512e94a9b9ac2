#if canImport(Glibc)
import Glibc
#endif

/// The machine's processors, for sizing worker pools.
public enum Processors {
    /// Online CPUs (`sysconf(_SC_NPROCESSORS_ONLN)`), at least 1.
    public static var online: Int { max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1) }
}
