#!/usr/bin/env bash
# Pod benchmark (issue 6), with the release binary (dist/argoexec when built by hack/build-static.sh):
#  1. emissary overhead: `argoexec emissary -- true` vs `true`, N runs each, interleaved; ms added per run
#     (target <= 3 ms), with capture off and on;
#  2. wait's reaction: a pod whose main sleeps 1 s, through hack/pod-sim; time from main's exitcode file
#     (its mtime) to wait's "main containers exited" log line (target <= 50 ms), over R pods;
#  3. a pod producing a 1 GiB output artifact (SIZE_MIB) on a volume: wall time, wait's peak RSS (target
#     <= 64 MiB), and the pod's extra disk (target: nothing beyond the artifact itself).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
pods=${PODS:-5}
size_mib=${SIZE_MIB:-1024}
hack/install-deps.sh >/dev/null
if [ -x dist/argoexec ]; then bin=$PWD/dist/argoexec; else
  hack/stamp-build.sh; swift build -c release --product argoexec 2>&1 | tail -n 1
  bin=$(swift build -c release --show-bin-path)/argoexec
fi
echo "binary: $bin ($(stat -c %s "$bin") bytes)"
work=$(mktemp -d /tmp/argoexec-bench-pod.XXXXXX)
trap 'rm -rf "$work" /tmp/argo-bench-vol' EXIT

python3 - "$bin" "$runs" "$work" <<'PY'
import os, subprocess, sys, time, statistics
binary, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def timed(cmd, env):
    t = time.perf_counter(); subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); return time.perf_counter() - t
for capture in ("false", "true"):
    env = dict(os.environ, ARGOEXEC_ROOT=work, ARGO_CONTAINER_NAME="main", ARGO_TEMPLATE="{}", ARGO_INCLUDE_SCRIPT_OUTPUT=capture)
    plain, wrapped = [], []
    for _ in range(runs):
        plain.append(timed(["/bin/true"], env)); wrapped.append(timed([binary, "emissary", "--", "/bin/true"], env))
    p, w = statistics.median(plain) * 1000, statistics.median(wrapped) * 1000
    print("emissary (capture %-5s): true %.2f ms, emissary -- true %.2f ms (medians of %d) -> %.2f ms added per run (target <= 3 ms)"
          % (capture, p, w, runs, w - p))
PY

mkdir -p "$work/ex-sleep" "$work/ex-big"
cat > "$work/ex-sleep/template.json" <<'JSON'
{"name": "sleeper", "container": {"command": ["sleep", "1"]}}
JSON
python3 hack/pod-sim --json --keep --bin "$bin" $(for _ in $(seq "$pods"); do echo "$work/ex-sleep"; done) > "$work/sleep.jsonl"
python3 - "$work/sleep.jsonl" <<'PY'
import json, os, re, sys, datetime, statistics
lat = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    mtime = os.stat(os.path.join(r["root"], "var/run/argo/ctr/main/exitcode")).st_mtime
    m = re.search(r'time="?([^" ]+)"? level=(?:info|INFO) msg="main containers exited"', r["logs"]["wait"])
    seen = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
    lat.append((seen - mtime) * 1000)
    os.system("rm -rf '%s'" % r["root"])
print("wait notices main's exit: median %.1f ms, max %.1f ms over %d pods (log timestamps have 1 ms resolution; target <= 50 ms)"
      % (statistics.median(lat), max(lat), len(lat)))
PY

cat > "$work/ex-big/template.json" <<JSON
{"name": "big-output",
 "container": {"command": ["sh", "-c", "head -c $((size_mib << 20)) /dev/urandom > /tmp/argo-bench-vol/big.bin"],
               "volumeMounts": [{"name": "work", "mountPath": "/tmp/argo-bench-vol"}]},
 "outputs": {"artifacts": [{"name": "big", "path": "/tmp/argo-bench-vol/big.bin", "archive": {"tar": {"compressionLevel": 1}}}]}}
JSON
start=$(date +%s.%N)
python3 hack/pod-sim --json --keep --bin "$bin" "$work/ex-big" > "$work/big.json"
end=$(date +%s.%N)
python3 - "$work/big.json" "$start" "$end" "$size_mib" <<'PY'
import json, os, subprocess, sys
r = json.loads(open(sys.argv[1]).read())
wall = float(sys.argv[3]) - float(sys.argv[2])
binary_copy = os.path.getsize(os.path.join(r["root"], "var/run/argo/argoexec")) // 1024
extra = r["podRootKiB"] - binary_copy
objects = r["objects"]
print("%s MiB artifact pod: phase %s, wall %.1f s (including writing %s MiB from /dev/urandom and moto's upload), objects %s"
      % (sys.argv[4], r["phase"], wall, sys.argv[4], [(k.split("/")[-1], s) for k, s in objects]))
print("  wait peak RSS %.1f MiB (target <= 64 MiB); pod disk beyond the artifact: %d KiB (pod root %d KiB minus the %d KiB binary copy; target: none)"
      % (r["containers"]["wait"]["maxRSSKiB"] / 1024, extra, r["podRootKiB"], binary_copy))
os.system("rm -rf '%s'" % r["root"])
PY
