// OpenSSL libcrypto shim: one-shot HMAC() and the EVP digest API (the HMAC_CTX family is deprecated in 3.0).
#ifndef ARGOEXEC_CCRYPTO_SHIM_H
#define ARGOEXEC_CCRYPTO_SHIM_H
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#endif
