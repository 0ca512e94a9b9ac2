#!/usr/bin/env bash
# Builds the jq library the JQ target links (resource templates' jqFilter; docs/build.md): Debian's own jq 1.6
# and oniguruma source packages, with our hack/patches/jq-1.6-dot-bracket.patch (jq 1.7's `.a.[]`, which Argo's
# gojq accepts), as static PIC archives installed into /usr/local:
#   /usr/local/lib/argoexec-jq/libjq.a, libonig.a   /usr/local/include/argoexec-jq/{jq,jv,oniguruma}.h
#   /usr/local/lib/pkgconfig/argoexec-jq.pc         (-l:libjq.a -l:libonig.a: the dev and the static build alike)
# Idempotent: returns at once when the installed stamp matches this script and the patch.
#   hack/build-jq.sh           build and install unless up to date
#   hack/build-jq.sh --check   exit 0 if up to date, 1 if not (hack/install-deps.sh decides on it)
# Needs dpkg-dev, bison, autoconf, automake, libtool and a deb-src entry (hack/install-deps.sh sees to them).
set -euo pipefail
shopt -s inherit_errexit   # keep set -e inside $(...) too (unpack below runs there)
cd "$(dirname "$0")/.."
top=$PWD
libdir=/usr/local/lib/argoexec-jq
incdir=/usr/local/include/argoexec-jq
pcfile=/usr/local/lib/pkgconfig/argoexec-jq.pc
patchfile=$top/hack/patches/jq-1.6-dot-bracket.patch
work=$top/.build-jq-src
stamp=$(cat "$top/hack/build-jq.sh" "$patchfile" | sha256sum | cut -d' ' -f1)

up_to_date() {
  [ -f "$libdir/libjq.a" ] && [ -f "$libdir/libonig.a" ] && [ -f "$incdir/jq.h" ] && [ -f "$pcfile" ] &&
    [ "$(cut -d' ' -f1 "$libdir/stamp" 2>/dev/null)" = "$stamp" ]
}
if [ "${1:-}" = --check ]; then up_to_date; exit; fi
up_to_date && exit 0
# Other checkouts (helpers, CI) may run this at the same time: one builds, the others wait and find it done.
exec 9>"${TMPDIR:-/tmp}/argoexec-build-jq.lock"
flock 9
up_to_date && exit 0

# Unpacks Debian's source package $1 (with Debian's patches, security fixes included) into $work/$1/src and
# prints the version. The newest version first; a mirror that lacks it (a security upload not mirrored yet)
# falls back to the other versions the index lists.
unpack() {
  local pkg=$1 dir=$work/$1 v
  rm -rf "$dir" && mkdir -p "$dir"
  for v in "" $(apt-cache showsrc "$pkg" | awk '/^Version:/ {print $2}' | sort -ruV); do
    if (cd "$dir" && apt-get source --download-only "$pkg${v:+=$v}") >>"$dir/source.log" 2>&1; then
      (cd "$dir" && dpkg-source -x --no-check ./*.dsc src) >>"$dir/source.log" 2>&1
      sed -n 's/^Version: //p' "$dir"/*.dsc
      return 0
    fi
    rm -f "$dir"/*.dsc "$dir"/*.tar.*
  done
  echo "build-jq: cannot fetch the $pkg source package" >&2
  return 1
}

mkdir -p "$work"
# Each step's output goes to its log; a failing step (set -e holds inside the subshells) names its log.
trap '[ $? -eq 0 ] || echo "build-jq: failed, see $log" >&2' EXIT
stage=$work/stage
rm -rf "$stage"
jobs=$(nproc)

echo "build-jq: oniguruma (Debian's libonig source)"
log=$work/libonig/source.log
onig_version=$(unpack libonig)
log=$work/onig-build.log
(
  cd "$work/libonig/src"
  autoreconf -fi
  ./configure --prefix="$stage" --disable-shared --enable-static --with-pic
  make -j"$jobs" -C src
  make -C src install
) >"$log" 2>&1

echo "build-jq: jq (Debian's jq source + hack/patches/jq-1.6-dot-bracket.patch)"
log=$work/jq/source.log
jq_version=$(unpack jq)
log=$work/jq-build.log
(
  cd "$work/jq/src"
  patch -p1 <"$patchfile"
  # The grammar changed, so the shipped parser (bison 3.0.4) is regenerated; the lexer is untouched.
  bison --warnings=none -d -o src/parser.c src/parser.y
  autoreconf -fi
  # No maintainer mode: make must not try to regenerate the parser or the lexer on its own.
  ./configure --prefix="$stage" --disable-shared --enable-static --with-pic --with-oniguruma="$stage" \
    --disable-maintainer-mode --disable-docs --disable-valgrind
  make src/builtin.inc src/version.h   # generated sources `make all` would make first
  make -j"$jobs" libjq.la
  # jq's own test suites on the patched library (the jq binary links it): the grammar change must break nothing.
  make -j"$jobs" jq
  ./jq -L tests/modules --run-tests tests/jq.test | tail -n 1
  ./jq --run-tests tests/onig.test | tail -n 1
  ./jq --run-tests tests/base64.test | tail -n 1
) >"$log" 2>&1

# Install: replace each file with a rename so a build that links at the same moment sees old or new, never half.
put() { install -D -m 644 "$1" "$2.tmp$$" && mv -f "$2.tmp$$" "$2"; }
put "$work/jq/src/.libs/libjq.a" "$libdir/libjq.a"
put "$stage/lib/libonig.a" "$libdir/libonig.a"
put "$work/jq/src/src/jq.h" "$incdir/jq.h"
put "$work/jq/src/src/jv.h" "$incdir/jv.h"
put "$stage/include/oniguruma.h" "$incdir/oniguruma.h"
# Static archives named with -l: so the same file serves the dev build and hack/build-static.sh; no system -L
# path, so nothing can resolve to a shared object. libonig after libjq: archives resolve left to right.
cat >"$work/argoexec-jq.pc" <<PC
Name: argoexec-jq
Description: static libjq (Debian jq $jq_version + jq 1.7 dot-bracket syntax) with oniguruma $onig_version
Version: 1.6
Cflags: -I$incdir
Libs: -L$libdir -l:libjq.a -l:libonig.a -lm
PC
put "$work/argoexec-jq.pc" "$pcfile"
echo "$stamp jq=$jq_version onig=$onig_version" >"$libdir/stamp"
echo "build-jq: installed jq $jq_version, oniguruma $onig_version into $libdir"
