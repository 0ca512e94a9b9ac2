// zlib shim: deflateInit2 / inflateInit2 are macros that pass the library version and the stream size;
// Swift does not import function-like macros, so they are wrapped.
#ifndef ARGOEXEC_CZLIB_SHIM_H
#define ARGOEXEC_CZLIB_SHIM_H
#include <zlib.h>

static inline int argoexec_deflate_init2(z_streamp s, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(s, level, method, windowBits, memLevel, strategy);
}
static inline int argoexec_inflate_init2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }
#endif
