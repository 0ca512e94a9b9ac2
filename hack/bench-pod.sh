#!/usr/bin/env bash
# Pod benchmark (issues 6, 22), with the shipped static binaries (dist/argoexec, and dist/argoexec-lean, which main
# containers run; hack/build-static.sh builds both when missing):
#  1. emissary overhead: `argoexec-lean emissary -- true` vs `true`, N runs each, interleaved; ms added per run
#     (target <= 3 ms), with capture off and on;
#  2. wait's reaction: a pod whose main sleeps 1 s, through hack/pod-sim; time from the emissary's "sub-process
#     exited" log line (written just before the exit code file) to wait's "main containers exited" line, both
#     stamped with the same clock at 1 ms (target <= 50 ms), over R pods;
#  3. a pod producing a 1 GiB output artifact (SIZE_MIB) on a user volume, uploaded to moto_server: wall time,
#     wait's peak RSS (its own VmHWM sampled from /proc, not wait4's, which carries the simulator's) (target
#     <= 64 MiB), and the pod's peak extra disk sampled during the run (target: nothing beyond the artifact).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-200}
pods=${PODS:-5}
size_mib=${SIZE_MIB:-1024}
hack/install-deps.sh >/dev/null
[ -x dist/argoexec ] && [ -x dist/argoexec-lean ] || hack/build-static.sh >/dev/null
bin=$PWD/dist/argoexec
lean=$PWD/dist/argoexec-lean
echo "binaries: $bin ($(stat -c %s "$bin") bytes), $lean ($(stat -c %s "$lean") bytes)"
work=$(mktemp -d /tmp/argoexec-bench-pod.XXXXXX)
trap 'rm -rf "$work" /tmp/argo-bench-vol' EXIT

python3 - "$lean" "$runs" "$work" <<'PY'
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
    def stamp(log, message):
        m = re.search(r'time="?([^" ]+)"? level=(?:info|INFO) msg="%s' % message, log)
        return datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
    exited = stamp(r["logs"]["main"], "sub-process exited")
    seen = stamp(r["logs"]["wait"], "main containers exited")
    lat.append((seen - exited) * 1000)
    os.system("rm -rf '%s'" % r["root"])
print("wait notices main's exit: median %.1f ms, max %.1f ms over %d pods (emissary's and wait's log stamps, 1 ms resolution; target <= 50 ms)"
      % (statistics.median(lat), max(lat), len(lat)))
PY

cat > "$work/ex-big/template.json" <<JSON
{"name": "big-output",
 "container": {"command": ["sh", "-c", "head -c $((size_mib << 20)) /dev/urandom > /tmp/argo-bench-vol/big.bin"],
               "volumeMounts": [{"name": "work", "mountPath": "/tmp/argo-bench-vol"}]},
 "outputs": {"artifacts": [{"name": "big", "path": "/tmp/argo-bench-vol/big.bin", "archive": {"tar": {"compressionLevel": 1}}}]}}
JSON
start=$(date +%s.%N)
python3 hack/pod-sim --json --keep --repo s3 --bin "$bin" "$work/ex-big" > "$work/big.json"
end=$(date +%s.%N)
python3 - "$work/big.json" "$start" "$end" "$size_mib" <<'PY'
import json, os, subprocess, sys
r = json.loads(open(sys.argv[1]).read())
wall = float(sys.argv[3]) - float(sys.argv[2])
binary_copy = os.path.getsize(os.path.join(r["root"], "var/run/argo/argoexec")) // 1024
extra = r["podRootPeakKiB"] - binary_copy
objects = r["objects"]
print("%s MiB artifact pod: phase %s, wall %.1f s (including writing %s MiB from /dev/urandom and moto's upload), objects %s"
      % (sys.argv[4], r["phase"], wall, sys.argv[4], [(k.split("/")[-1], s) for k, s in objects]))
print("  wait peak RSS %.1f MiB (VmHWM; target <= 64 MiB); pod disk beyond the artifact at its peak: %d KiB (pod root's peak %d KiB, at the end %d KiB, minus the %d KiB binary copy; target: none)"
      % (r["containers"]["wait"]["maxRSSKiB"] / 1024, extra, r["podRootPeakKiB"], r["podRootKiB"], binary_copy))
os.system("rm -rf '%s'" % r["root"])
PY
