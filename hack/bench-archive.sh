#!/usr/bin/env bash
# Archive benchmark (issue 3): builds release, generates a mixed tree (text, random, many small files;
# 512 MiB by default, SIZE_MIB=N to change), and times in one run, side by side:
#   our pack at levels 1/6/9 (all cores) and at level 6 on one thread (plain zlib),
#   GNU `tar czf` (gzip -6) and `tar -I "pigz -6"`, then our unpack vs `tar xzf`.
# Prints wall times, MiB/s, ratios and peak RSS (from /usr/bin/time). Numbers, not assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${SIZE_MIB:-512}
work=${BENCH_DIR:-/tmp/argoexec-bench}
hack/install-deps.sh >/dev/null
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
hack/stamp-build.sh
swift build -c release --product argoexec 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/argoexec

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
echo "tree: $mib MiB in $files files; $(nproc) cores"
sync

# run NAME COMMAND...: wall seconds and peak RSS (KiB) into $work/NAME.{s,rss}
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  read -r secs rss < "$work/$name.time"
  echo "$secs" > "$work/$name.s"; echo "$rss" > "$work/$name.rss"
}
cd "$work"
run ours-1 "$bin" artifact pack tree ours-1.tgz --level 1
run ours-6 "$bin" artifact pack tree ours-6.tgz --level 6
run ours-9 "$bin" artifact pack tree ours-9.tgz --level 9
run ours-6-1thread "$bin" artifact pack tree ours-6-1t.tgz --level 6 --threads 1
run gnu-tar-gzip6 tar czf gnu.tgz tree
run tar-pigz6 tar -I "pigz -6" -cf pigz.tgz tree
rm -rf out-ours out-gnu && mkdir out-gnu
run unpack-ours "$bin" artifact unpack ours-6.tgz out-ours
run unpack-gnu-tar tar xzf ours-6.tgz -C out-gnu
diff -r tree out-ours && diff -r tree out-gnu/tree && echo "unpacked trees are identical to the source"

t() { cat "$work/$1.s"; }
printf '\n%-22s %8s %9s %10s %12s\n' "run" "seconds" "MiB/s" "size MiB" "peak RSS MiB"
for n in ours-1 ours-6 ours-9 ours-6-1thread gnu-tar-gzip6 tar-pigz6; do
  f=$n.tgz; case $n in ours-6-1thread) f=ours-6-1t.tgz;; gnu-tar-gzip6) f=gnu.tgz;; tar-pigz6) f=pigz.tgz;; esac
  printf '%-22s %8.2f %9.1f %10.1f %12.1f\n' "$n" "$(t $n)" "$(awk "BEGIN{print $mib/$(t $n)}")" \
    "$(awk "BEGIN{print $(stat -c %s "$f")/1048576}")" "$(awk "BEGIN{print $(cat $n.rss)/1024}")"
done
for n in unpack-ours unpack-gnu-tar; do
  printf '%-22s %8.2f %9.1f %10s %12.1f\n' "$n" "$(t $n)" "$(awk "BEGIN{print $mib/$(t $n)}")" "-" "$(awk "BEGIN{print $(cat $n.rss)/1024}")"
done
echo
echo "ratios (throughput, higher is better for us):"
awk -v a="$(t ours-6)" -v b="$(t ours-6-1thread)" 'BEGIN{printf "  ours level 6 vs single-threaded zlib level 6: %.2fx (target >= 1.7x)\n", b/a}'
awk -v a="$(t ours-6)" -v b="$(t tar-pigz6)" 'BEGIN{printf "  ours level 6 vs tar -I \"pigz -6\":            %.2fx (target >= 0.9x)\n", b/a}'
awk -v a="$(t ours-6)" -v b="$(t gnu-tar-gzip6)" 'BEGIN{printf "  ours level 6 vs GNU tar czf (gzip -6):       %.2fx\n", b/a}'
awk -v a="$(t unpack-ours)" -v b="$(t unpack-gnu-tar)" 'BEGIN{printf "  our unpack vs tar xzf:                       %.2fx\n", b/a}'
rm -rf out-ours out-gnu ./*.tgz
