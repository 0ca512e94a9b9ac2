#include "CBuildInfo.h"
#if __has_include("buildstamp.h")
#include "buildstamp.h"
#endif
#ifndef ARGOEXEC_GIT_COMMIT
#define ARGOEXEC_GIT_COMMIT "unknown"
#endif
#ifndef ARGOEXEC_GIT_TREE_STATE
#define ARGOEXEC_GIT_TREE_STATE "unknown"
#endif
#ifndef ARGOEXEC_GIT_TAG
#define ARGOEXEC_GIT_TAG ""
#endif
#ifndef ARGOEXEC_BUILD_DATE
#define ARGOEXEC_BUILD_DATE "unknown"
#endif
const char *argoexec_build_git_commit(void) { return ARGOEXEC_GIT_COMMIT; }
const char *argoexec_build_git_tree_state(void) { return ARGOEXEC_GIT_TREE_STATE; }
const char *argoexec_build_git_tag(void) { return ARGOEXEC_GIT_TAG; }
const char *argoexec_build_date(void) { return ARGOEXEC_BUILD_DATE; }
#ifndef ARGOEXEC_SWIFT_VERSION
#define ARGOEXEC_SWIFT_VERSION "unknown"
#endif
const char *argoexec_build_swift_version(void) { return ARGOEXEC_SWIFT_VERSION; }
