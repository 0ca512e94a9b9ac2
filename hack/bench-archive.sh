#!/usr/bin/env bash
# Archive benchmark (issues 3, 22) with the shipped static binary (dist/argoexec): generates a mixed tree (text,
# random, many small files; 512 MiB by default, SIZE_MIB=N) on tmpfs (BENCH_DIR, default /dev/shm/...: a disk
# with write-back made single runs vary 1.6-8.9 s), and times, side by side in REPEATS interleaved rounds (3):
#   our pack at levels 1/6/9 (all cores) and at level 6 on one thread (plain zlib),
#   GNU `tar czf` (gzip -6) and `tar -I "pigz -6"`, then our unpack vs `tar xzf`.
# Prints min/median/max wall seconds, MiB/s, sizes and peak RSS (GNU time), and ratios of the medians against
# gzip and pigz (not against our own one-thread pack), with the median CPU seconds (user + system; for tar -I pigz
# both processes) and the cores that kept busy (CPU / wall). Numbers, not assertions; note `uptime` with them.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${SIZE_MIB:-512}
work=${BENCH_DIR:-/dev/shm/argoexec-bench}
repeats=${REPEATS:-3}
hack/install-deps.sh >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
[ -x dist/argoexec ] || hack/build-static.sh >/dev/null
bin=$PWD/dist/argoexec

mkdir -p "$work"
tree=$work/tree
if [ ! -f "$work/tree-$size_mib.done" ]; then
  rm -rf "$tree" "$work"/tree-*.done && mkdir -p "$tree"
  echo "generating a ${size_mib} MiB mixed tree in $tree"
  python3 - "$tree" "$size_mib" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2]) << 20
rnd = random.Random(42)
words = [w.encode() for w in "the quick brown fox jumps over lazy dog lorem ipsum dolor sit amet argo workflow artifact executor pod container volume".split()]
def text(n):
    out = bytearray()
    while len(out) < n:
        out += b" ".join(rnd.choice(words) for _ in range(12)) + b"\n"
    return bytes(out[:n])
third = total // 3
os.makedirs(f"{root}/text"); os.makedirs(f"{root}/random"); os.makedirs(f"{root}/small")
chunk = text(1 << 20)
left, i = third, 0
while left > 0:  # 16 MiB text files, the last one partial, so the total is exact
    with open(f"{root}/text/log-{i}.txt", "wb") as f:
        for _ in range(min(16, (left + (1 << 20) - 1) >> 20)):
            k = rnd.randrange(1 << 20)
            piece = (chunk[k:] + chunk[:k])[:left]  # rotated text: compressible, not trivially repetitive
            f.write(piece); left -= len(piece)
    i += 1
left, i = third, 0
while left > 0:
    n = min(16 << 20, left)
    with open(f"{root}/random/blob-{i}.bin", "wb") as f: f.write(os.urandom(n))
    left -= n; i += 1
small, n = total - 2 * third, 0
while small > 0:
    d = f"{root}/small/d{n // 500:03d}"; os.makedirs(d, exist_ok=True)
    size = rnd.randrange(512, 8192)
    with open(f"{d}/f{n}.json", "wb") as f: f.write(text(size))
    small -= size; n += 1
PY
  touch "$work/tree-$size_mib.done"
fi
actual=$(du -sb "$tree" | cut -f1)
mib=$(awk "BEGIN{printf \"%.0f\", $actual/1048576}")
files=$(find "$tree" -type f | wc -l)
echo "tree: $mib MiB in $files files; $(nproc) cores; load before:$(uptime | sed 's/.*load average://')"
sync

cd "$work"
python3 - "$bin" "$mib" "$repeats" <<'PY'
import os, shutil, statistics, subprocess, sys
binary, mib, repeats = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
runs = {
    "ours-1": [binary, "artifact", "pack", "tree", "ours-1.tgz", "--level", "1"],
    "ours-6": [binary, "artifact", "pack", "tree", "ours-6.tgz", "--level", "6"],
    "ours-9": [binary, "artifact", "pack", "tree", "ours-9.tgz", "--level", "9"],
    "ours-6-1thread": [binary, "artifact", "pack", "tree", "ours-6-1t.tgz", "--level", "6", "--threads", "1"],
    "gnu-tar-gzip6": ["tar", "czf", "gnu.tgz", "tree"],
    "tar-pigz6": ["tar", "-I", "pigz -6", "-cf", "pigz.tgz", "tree"],
    "unpack-ours": [binary, "artifact", "unpack", "ours-6.tgz", "out-ours"],
    "unpack-gnu-tar": ["tar", "xzf", "ours-6.tgz", "-C", "out-gnu"],
}
outputs = {"ours-1": "ours-1.tgz", "ours-6": "ours-6.tgz", "ours-9": "ours-9.tgz", "ours-6-1thread": "ours-6-1t.tgz",
           "gnu-tar-gzip6": "gnu.tgz", "tar-pigz6": "pigz.tgz"}
secs = {k: [] for k in runs}
rss = {k: [] for k in runs}
cpu = {k: [] for k in runs}
for _ in range(repeats):
    for name, cmd in runs.items():
        if name == "unpack-ours":
            shutil.rmtree("out-ours", ignore_errors=True)
        if name == "unpack-gnu-tar":
            shutil.rmtree("out-gnu", ignore_errors=True); os.makedirs("out-gnu")
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S"] + cmd, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit("bench-archive: %s failed: %s" % (name, out.stderr[-800:]))
        t, m, u, s = out.stderr.strip().splitlines()[-1].split()
        secs[name].append(float(t)); rss[name].append(int(m) / 1024); cpu[name].append(float(u) + float(s))
same = subprocess.run(["diff", "-r", "tree", "out-ours"]).returncode == 0 and subprocess.run(["diff", "-r", "tree", "out-gnu/tree"]).returncode == 0
print("unpacked trees are identical to the source" if same else "UNPACKED TREES DIFFER")
med = statistics.median
print("\n%-16s %-20s %9s %10s %12s %8s %6s" % ("run", "seconds min/med/max", "MiB/s", "size MiB", "peak RSS MiB", "CPU s", "cores"))
for name in runs:
    size = "%.1f" % (os.path.getsize(outputs[name]) / 1048576) if name in outputs else "-"
    v = secs[name]
    print("%-16s %5.2f/%5.2f/%5.2f  %9.1f %10s %12.1f %8.2f %6.2f" % (name, min(v), med(v), max(v), mib / med(v), size, max(rss[name]),
                                                                 med(cpu[name]), med(cpu[name]) / med(v)))
print("\nratios of the medians (throughput, higher is better for us; %d rounds):" % repeats)
ours = med(secs["ours-6"])
print("  ours level 6 vs GNU tar czf (gzip -6):   %.2fx (target >= 1.7x)" % (med(secs["gnu-tar-gzip6"]) / ours))
print("  ours level 6 vs tar -I \"pigz -6\":        %.2fx (target >= 1.0x)" % (med(secs["tar-pigz6"]) / ours))
print("  ours level 6 vs our one-thread level 6:  %.2fx" % (med(secs["ours-6-1thread"]) / ours))
print("  our unpack vs tar xzf:                   %.2fx" % (med(secs["unpack-gnu-tar"]) / med(secs["unpack-ours"])))
PY
echo "load after:$(uptime | sed 's/.*load average://')"
rm -rf out-ours out-gnu ./*.tgz
