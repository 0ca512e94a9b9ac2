#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, then runs every test with `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
hack/stamp-build.sh
swift build            # builds the argoexec binary that the CLI tests run as a real process
swift test "$@"
# The unpacker's fuzz corpus, replayed through the same harness libFuzzer uses (hack/fuzz-unpack.sh).
"$(swift build --show-bin-path)/argoexec-fuzz-unpack" Fuzz/corpus/unpack/*
