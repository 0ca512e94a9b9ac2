// OpenSSL libcrypto shim: one-shot HMAC(), the EVP digest API (the HMAC_CTX family is deprecated in 3.0), and PEM/DER
// private keys read from memory BIOs for RS256 signatures (GCS service-account JWTs).
#ifndef ARGOEXEC_CCRYPTO_SHIM_H
#define ARGOEXEC_CCRYPTO_SHIM_H
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#endif
