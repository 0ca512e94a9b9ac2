#!/usr/bin/env bash
# Fuzzes with libFuzzer (+ AddressSanitizer) for a given time:  hack/fuzz.sh unpack|init|json|all [SECONDS]
#  unpack: the unpacker; an input's first byte picks tar.gz (even) or zip (odd) for the rest; the target
#          aborts when extraction leaves anything outside its target (a security or memory bug).
#  init:   init's whole input path (template, volume repository, detection, unpacking, placing, mode) on a
#          scratch pod root; aborts when a sentinel changes, a temporary name is left, a path resolves
#          outside the pod root or a setuid/setgid/sticky bit appears (Fuzz/Fuzzers/InitFuzzer.swift).
#  json:   the emissary's template reader (JSONParser, EmissaryTemplate); aborts when an accepted input
#          does not read back the same after JSONEncoder writes it out again.
# The corpus starts from Fuzz/corpus/<target>; new interesting inputs are kept in .build-fuzz/corpus-<target>,
# crashes in .build-fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: hack/fuzz.sh unpack|init|json|all [SECONDS]}
seconds=${2:-60}
if [ "$target" = all ]; then
  for t in unpack init json; do "$0" "$t" "$seconds"; done
  exit 0
fi
case "$target" in unpack|init|json) ;; *) echo "hack/fuzz.sh: unknown target $target (unpack, init, json or all)" >&2; exit 2 ;; esac
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
