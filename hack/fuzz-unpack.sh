#!/usr/bin/env bash
# Fuzzes the unpacker with libFuzzer (+ AddressSanitizer) for a given time:  hack/fuzz-unpack.sh [SECONDS]
# The corpus starts from Fuzz/corpus/unpack (first byte: even = tar.gz, odd = zip); new interesting inputs
# are kept in .build-fuzz/corpus, crashes in .build-fuzz/crash-*. The target aborts when extraction leaves
# anything outside its target, so a crash means a security or memory bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
hack/install-deps.sh >/dev/null
# Linked with lld: gold crashes (internal error in dwarf_reader) on libFuzzer's runtime.
mkdir -p .build-fuzz
printf '{"schemaVersion": "1.0", "swiftCompiler": {"extraCLIOptions": ["-use-ld=lld"]}}\n' > .build-fuzz/toolset.json
flags=(-c release --scratch-path .build-fuzz --toolset "$PWD/.build-fuzz/toolset.json"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
swift build "${flags[@]}" --product argoexec-fuzz-unpack 2>&1 | tail -n 1
bin=$(swift build "${flags[@]}" --show-bin-path)/argoexec-fuzz-unpack
mkdir -p .build-fuzz/corpus
cp -n Fuzz/corpus/unpack/* .build-fuzz/corpus/ 2>/dev/null || true
cd .build-fuzz
"$bin" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 corpus
