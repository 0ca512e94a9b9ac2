// libgit2 shim (docs/build.md): the static libgit2 1.5.1 + libssh2 that hack/build-git.sh installs. Swift cannot
// call C variadic functions, so each git_libgit2_opts use goes through one typed wrapper (docs/conventions.md rule 2).
#ifndef ARGOEXEC_CGIT2_SHIM_H
#define ARGOEXEC_CGIT2_SHIM_H
#include <git2.h>

/* hack/patches/libgit2-1.5-ssh-hostkey-methods.patch: the host key algorithms an SSH connection asks for, chosen by
   the application from its known_hosts files (NULL: libssh2's defaults). `payload` is the remote callbacks' payload. */
typedef const char *(*argoexec_git_hostkey_methods_cb)(const char *host, int port, void *payload);
extern void git_argoexec_set_hostkey_methods_cb(argoexec_git_hostkey_methods_cb cb);

static inline int argoexec_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}
static inline int argoexec_git_set_template_path(const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_TEMPLATE_PATH, path);
}
static inline int argoexec_git_set_ssl_cert_locations(const char *file, const char *dir) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir);
}
static inline int argoexec_git_set_user_agent(const char *agent) {
    return git_libgit2_opts(GIT_OPT_SET_USER_AGENT, agent);
}
#endif
