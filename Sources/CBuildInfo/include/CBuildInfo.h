// Build stamp: git commit, tree state, tag and build date. hack/stamp-build.sh writes the git-ignored
// buildstamp.h next to this file before release builds; a plain `swift build` reports "unknown".
#ifndef ARGOEXEC_CBUILDINFO_H
#define ARGOEXEC_CBUILDINFO_H
const char *argoexec_build_git_commit(void);
const char *argoexec_build_git_tree_state(void);
const char *argoexec_build_git_tag(void);
const char *argoexec_build_date(void);
const char *argoexec_build_swift_version(void);
#endif
