#!/usr/bin/env bash
# Regenerates the tar-reader fixtures (TarReaderTests.swift): archives written by real tar writers (GNU tar,
# Python's tarfile) and hand-crafted ones (generate.py). Run from anywhere:
#   bash Tests/ArchiveTests/Fixtures/tar-reader/generate.sh
# Needs GNU tar (1.34 was used), gzip, truncate, dd and python3 (3.11 was used). Output is gzip -n -9 with
# fixed owners and mtimes; only GNU tar's PAX atime/ctime records and its GNUSparseFile.<pid> header names
# change from run to run (neither is read by the tests).
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export TZ=UTC LC_ALL=C
T=(--owner=0 --group=0 --numeric-owner --sort=name --mtime=@1700000000)

gz() { gzip -n -9 <"$1" >"$out/$2"; }

# 1. Long names and link targets (> 100 and > 255 bytes). The link points at the long file, inside.
A=$(printf 'a%.0s' {1..100}); B=$(printf 'b%.0s' {1..100}); C=$(printf 'c%.0s' {1..100})
mkdir -p "long/$A/$B"
printf 'deep file\n' >"long/$A/$B/$C.txt"
ln -s "$A/$B/$C.txt" long/link-to-deep
printf 'short\n' >long/short.txt
tar "${T[@]}" --format=gnu -cf t.tar long && gz t.tar gnutar-gnu-long.tgz
tar "${T[@]}" --format=posix -cf t.tar long && gz t.tar gnutar-posix-long.tgz
# USTAR: names of 100..255 bytes split into prefix/name; targets <= 100.
D=$(printf 'd%.0s' {1..90}); F=$(printf 'f%.0s' {1..99})
mkdir -p "split/$D"
printf 'split file\n' >"split/$D/$F"
ln -s "$D" "split/$F"
tar "${T[@]}" --format=ustar -cf t.tar split && gz t.tar gnutar-ustar-split.tgz

# 2. Names that are not UTF-8 (Latin-1 bytes); caf\xe9 and caf\xe8 differ only in invalid bytes.
mkdir -p latin1/"$(printf 'r\xe9p')"
printf 'e-acute\n' >latin1/"$(printf 'caf\xe9')"
printf 'e-grave\n' >latin1/"$(printf 'caf\xe8')"
printf 'inner\n' >latin1/"$(printf 'r\xe9p')"/"$(printf 'na\xefve-%s' "$A")"
ln -s "$(printf 'caf\xe9')" latin1/"$(printf 'lien-\xe0')"
tar "${T[@]}" --format=gnu -cf t.tar latin1 && gz t.tar gnutar-gnu-latin1.tgz
tar "${T[@]}" --format=posix -cf t.tar latin1 && gz t.tar gnutar-posix-latin1.tgz

# 3. Base-256 numbers: uid/gid past 7 octal digits, a negative and a huge mtime (GNU format).
mkdir b256 && printf 'old\n' >b256/past && printf 'new\n' >b256/future
tar --owner=3000000 --group=4000000 --numeric-owner --mtime=@-1000 --format=gnu -cf t.tar b256/past
tar --owner=3000000 --group=4000000 --numeric-owner --mtime=@100000000000 --format=gnu -rf t.tar b256/future
gz t.tar gnutar-gnu-base256.tgz

# 4. V7 (no magic).
mkdir -p v7/sub && printf 'seven\n' >v7/sub/file && ln -s sub/file v7/link
tar "${T[@]}" --format=v7 -cf t.tar v7 && gz t.tar gnutar-v7.tgz

# 5. A PAX global header first (GNU tar names it /tmp/GlobalHead.1: absolute).
mkdir glob && printf 'global\n' >glob/a && printf 'second\n' >glob/b
TMPDIR=/tmp tar "${T[@]}" --format=posix --pax-option=comment=hello -cf t.tar glob && gz t.tar gnutar-posix-global.tgz

# 6. Sparse files: 1 MiB + 100 with six data fragments 64 KiB apart (old GNU needs an extension block past
# four), a hole at the end; a second one that ends in data. Each archive also holds a plain file after it.
mkdir sparse
truncate -s $((1024 * 1024 + 100)) sparse/holes
for i in 1 2 3 4 5 6; do
  for ((k = 0; k < 250; k++)); do printf 'fragment-%d \n' "$i"; done >frag  # 3000 bytes
  dd if=frag of=sparse/holes bs=1 seek=$((i * 65536 + 7 * i)) conv=notrunc status=none
done
truncate -s $((300 * 1024)) sparse/tail
printf 'the end' | dd of=sparse/tail bs=1 seek=$((300 * 1024 - 7)) conv=notrunc status=none
printf 'after\n' >sparse/zz-after
for v in 0.0 0.1 1.0; do
  tar "${T[@]}" --format=posix --sparse-version=$v -cf t.tar sparse && gz t.tar "gnutar-sparse-pax-$v.tgz"
done
tar "${T[@]}" --format=posix --sparse -cf t.tar sparse && gz t.tar gnutar-sparse-pax-default.tgz
tar "${T[@]}" --format=gnu --sparse -cf t.tar sparse && gz t.tar gnutar-sparse-oldgnu.tgz

# Python's tarfile on the same trees, and the hand-crafted archives.
python3 "$out/generate.py" "$out" "$work"
ls -l "$out"
