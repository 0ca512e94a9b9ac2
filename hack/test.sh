#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, then runs every test with `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
hack/stamp-build.sh
swift build            # builds the argoexec binary that the CLI tests run as a real process
swift test "$@"
# The fuzz corpora, replayed through the same harnesses libFuzzer uses (hack/fuzz.sh).
"$(swift build --show-bin-path)/argoexec-fuzz" unpack Fuzz/corpus/unpack/*
"$(swift build --show-bin-path)/argoexec-fuzz" init Fuzz/corpus/init/*
"$(swift build --show-bin-path)/argoexec-fuzz" json Fuzz/corpus/json/*
