// libcurl shim: Swift cannot call C variadic functions, so every curl_easy_setopt / curl_easy_getinfo /
// curl_multi_setopt use goes through one typed wrapper per argument type (docs/conventions.md rule 2).
#ifndef ARGOEXEC_CCURL_SHIM_H
#define ARGOEXEC_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/types.h>

typedef size_t (*argoexec_curl_data_cb)(char *buffer, size_t size, size_t nitems, void *userdata);
typedef int (*argoexec_curl_xferinfo_cb)(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);
typedef int (*argoexec_curl_seek_cb)(void *userdata, curl_off_t offset, int origin);

static inline CURLcode argoexec_curl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_data_cb(CURL *h, CURLoption o, argoexec_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_xferinfo_cb(CURL *h, CURLoption o, argoexec_curl_xferinfo_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode argoexec_curl_easy_setopt_seek_cb(CURL *h, CURLoption o, argoexec_curl_seek_cb v) { return curl_easy_setopt(h, o, v); }

/* A blob option (CURLOPT_CAINFO_BLOB): curl copies the bytes, so the caller's buffer may go away. */
static inline CURLcode argoexec_curl_easy_setopt_blob(CURL *h, CURLoption o, void *data, size_t len) {
    struct curl_blob blob = { data, len, CURL_BLOB_COPY };
    return curl_easy_setopt(h, o, &blob);
}

static inline CURLcode argoexec_curl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode argoexec_curl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode argoexec_curl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

static inline curl_version_info_data *argoexec_curl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
static inline CURLMcode argoexec_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
#endif
