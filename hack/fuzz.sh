#!/usr/bin/env bash
# Fuzzes with libFuzzer (+ AddressSanitizer) for a given time:  hack/fuzz.sh unpack|json [SECONDS]
#  unpack: the unpacker; an input's first byte picks tar.gz (even) or zip (odd) for the rest; the target
#          aborts when extraction leaves anything outside its target (a security or memory bug).
#  json:   the emissary's template reader (JSONParser, EmissaryTemplate); aborts when an accepted input
#          does not read back the same after JSONEncoder writes it out again.
# The corpus starts from Fuzz/corpus/<target>; new interesting inputs are kept in .build-fuzz/corpus-<target>,
# crashes in .build-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: hack/fuzz.sh unpack|json [SECONDS]}
seconds=${2:-60}
case "$target" in unpack|json) ;; *) echo "hack/fuzz.sh: unknown target $target (unpack or json)" >&2; exit 2 ;; esac
hack/install-deps.sh >/dev/null
# Linked with lld: gold crashes (internal error in dwarf_reader) on libFuzzer's runtime.
mkdir -p .build-fuzz
printf '{"schemaVersion": "1.0", "swiftCompiler": {"extraCLIOptions": ["-use-ld=lld"]}}\n' > .build-fuzz/toolset.json
flags=(-c release --scratch-path .build-fuzz --toolset "$PWD/.build-fuzz/toolset.json"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING)
swift build "${flags[@]}" --product argoexec-fuzz 2>&1 | tail -n 1
bin=$(swift build "${flags[@]}" --show-bin-path)/argoexec-fuzz
mkdir -p ".build-fuzz/corpus-$target"
cp -n "Fuzz/corpus/$target"/* ".build-fuzz/corpus-$target/" 2>/dev/null || true
cd .build-fuzz
"$bin" "$target" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "corpus-$target"
