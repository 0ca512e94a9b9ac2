// libargon2 (the reference implementation, Debian's libargon2-dev): Argon2id key derivation for S3 SSE-C keys.
#ifndef ARGOEXEC_CARGON2_SHIM_H
#define ARGOEXEC_CARGON2_SHIM_H
#include <argon2.h>
#endif
