#!/usr/bin/env bash
# The main job (README): builds argoexec and shows what it is. Until the pod simulator lands (issue 6) this
# runs `argoexec version` and `argoexec --help`; afterwards it will run a simulated pod end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
hack/stamp-build.sh
swift build
bin=$(swift build --show-bin-path)/argoexec
echo "== argoexec version"
"$bin" version
echo
echo "== argoexec --help"
"$bin" --help
