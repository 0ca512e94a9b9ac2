#!/usr/bin/env bash
# Emissary start-up of two argoexec binaries side by side (issue 6): `true`, `OLD emissary -- true` and
# `NEW emissary -- true`, interleaved so the machine's drift hits all three alike; prints medians and the
# time each binary adds over `true`.
#   [TEMPLATE_FILE=examples/artifacts/template.json] hack/bench-emissary-compare.sh OLD_BINARY NEW_BINARY [RUNS]
# The template is `{}` unless TEMPLATE_FILE names a controller-shaped one.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY [RUNS]" >&2; exit 2; }
python3 - "$1" "$2" "${3:-300}" <<'PY'
import os, shutil, subprocess, sys, time, statistics, tempfile
old, new, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
work = tempfile.mkdtemp(prefix="argoexec-bench-compare-")
template = open(os.environ["TEMPLATE_FILE"]).read() if os.environ.get("TEMPLATE_FILE") else "{}"
env = dict(os.environ, ARGOEXEC_ROOT=work, ARGO_CONTAINER_NAME="main", ARGO_TEMPLATE=template, ARGO_INCLUDE_SCRIPT_OUTPUT="false")
def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
r = {"true": [], "old": [], "new": []}
for _ in range(runs):
    r["true"].append(timed(["/bin/true"]))
    r["old"].append(timed([old, "emissary", "--", "/bin/true"]))
    r["new"].append(timed([new, "emissary", "--", "/bin/true"]))
shutil.rmtree(work, ignore_errors=True)
m = {k: statistics.median(v) * 1000 for k, v in r.items()}
print("medians of %d interleaved runs: true %.2f ms, old %.2f ms (+%.2f), new %.2f ms (+%.2f); target <= 3 ms added"
      % (runs, m["true"], m["old"], m["old"] - m["true"], m["new"], m["new"] - m["true"]))
PY
