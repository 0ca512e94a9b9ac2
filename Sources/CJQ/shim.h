// jq 1.6 (Debian's source with hack/patches/jq-1.6-dot-bracket.patch) and oniguruma, built static by
// hack/build-jq.sh: libjq's public API, plus the one oniguruma call the JQ target makes itself.
#ifndef ARGOEXEC_CJQ_SHIM_H
#define ARGOEXEC_CJQ_SHIM_H
#include <jq.h>
#include <jv.h>
#include <oniguruma.h>

/* Oniguruma initialises itself lazily on the first regex it compiles, with an unguarded global flag: two
 * threads compiling their first regex at once would race. The JQ target calls this once, behind a Swift
 * global's thread-safe lazy initialiser, before any jq program runs. */
static inline int argoexec_onig_initialize(void) {
    OnigEncoding encodings[1] = { ONIG_ENCODING_UTF8 };
    return onig_initialize(encodings, 1);
}
#endif
