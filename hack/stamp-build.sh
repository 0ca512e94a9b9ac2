#!/usr/bin/env bash
# Writes Sources/CBuildInfo/buildstamp.h (git-ignored) so `argoexec version` reports the commit,
# tree state, tag and build date (UTC, like Argo's Makefile). Only one C file depends on it.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=$(git rev-parse --verify -q HEAD 2>/dev/null || echo unknown)
state=clean
[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] && state=dirty
tag=$(git describe --exact-match --tags HEAD 2>/dev/null || true)
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
swift_version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -n 1)
out=Sources/CBuildInfo/buildstamp.h
new=$(printf '#define ARGOEXEC_GIT_COMMIT "%s"\n#define ARGOEXEC_GIT_TREE_STATE "%s"\n#define ARGOEXEC_GIT_TAG "%s"\n#define ARGOEXEC_BUILD_DATE "%s"\n#define ARGOEXEC_SWIFT_VERSION "%s"\n' \
    "$commit" "$state" "$tag" "$date" "${swift_version:-unknown}")
if [ ! -f "$out" ] || [ "$(cat "$out")" != "$new" ]; then printf '%s\n' "$new" > "$out"; fi
