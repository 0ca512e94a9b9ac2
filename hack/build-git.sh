#!/usr/bin/env bash
# Builds the git library the Git driver links (git input artifacts, docs/artifacts.md#git): Debian's own libgit2
# 1.5.1 and libssh2 1.10.0 source packages (Debian's patches, security fixes included), rebuilt on the OpenSSL the
# binary already links instead of Debian's mbedTLS and libgcrypt, with three patches of ours: hack/patches/
# libgit2-1.5-ssh-hostkey-methods.patch (the driver chooses the SSH host key algorithms from its known_hosts files, as
# go-git does), libgit2-1.5-openssl-ip-san.patch (upstream's fix of the inverted IP subjectAltName check, which
# refused a certificate for the right address and accepted one for any other) and libssh2-1.10-rsa-sha2.patch
# (libssh2 1.11's rsa-sha2-512/256 for RSA user and host keys: OpenSSH 8.8+ and GitHub refuse ssh-rsa's SHA-1).
# Static PIC archives:
#   /usr/local/lib/argoexec-git/lib/{libgit2,libssh2,libhttp_parser}.a   /usr/local/lib/argoexec-git/include
#   /usr/local/lib/pkgconfig/argoexec-git.pc   (-l:lib….a for ours; -lssl -lcrypto -lz resolve to the shared
#   objects in the dev build and to the archives under -static-executable: one file serves both builds)
# Features: https (OpenSSL), ssh (libssh2, OpenSSL backend), SHA-1 with collision detection, POSIX regcomp; no
# GSSAPI, no NTLM, no iconv. Idempotent: returns at once when the installed stamp matches this script and the patches
# (so changing either rebuilds: hack/install-deps.sh asks --check). /usr/local/lib/argoexec-git is a symlink to the
# build's own directory beside it, switched in one rename at the end: builds linking meanwhile see one tree or the other.
#   hack/build-git.sh           build and install unless up to date
#   hack/build-git.sh --check   exit 0 if up to date, 1 if not (hack/install-deps.sh decides on it)
# Needs dpkg-dev, cmake, gcc, libssl-dev, zlib1g-dev, libhttp-parser-dev and a deb-src entry (install-deps.sh).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
top=$PWD
prefix=/usr/local/lib/argoexec-git
pcfile=/usr/local/lib/pkgconfig/argoexec-git.pc
patches=("$top/hack/patches/libgit2-1.5-ssh-hostkey-methods.patch" "$top/hack/patches/libgit2-1.5-openssl-ip-san.patch")
ssh2_patches=("$top/hack/patches/libssh2-1.10-rsa-sha2.patch")
work=$top/.build-git-src
stamp=$(cat "$top/hack/build-git.sh" "${patches[@]}" "${ssh2_patches[@]}" | sha256sum | cut -d' ' -f1)

up_to_date() {
  [ -f "$prefix/lib/libgit2.a" ] && [ -f "$prefix/lib/libssh2.a" ] && [ -f "$prefix/lib/libhttp_parser.a" ] &&
    [ -f "$prefix/include/git2.h" ] && [ -f "$pcfile" ] &&
    [ "$(cut -d' ' -f1 "$prefix/stamp" 2>/dev/null)" = "$stamp" ]
}
if [ "${1:-}" = --check ]; then up_to_date; exit; fi
up_to_date && exit 0
# Other checkouts (helpers, CI) may run this at the same time: one builds, the others wait and find it done.
exec 9>"${TMPDIR:-/tmp}/argoexec-build-git.lock"
flock 9
up_to_date && exit 0

# Unpacks Debian's source package $1 into $work/$1/src and prints the version. The newest version first. A
# security upload can be listed in the index while the mirror lacks some of its files (its .dsc, say): then the
# upstream tarball and Debian's tarball of that version, if apt fetched both (each checked against the index),
# are put together by hand, Debian's patches applied in series order; otherwise the next version is tried.
unpack() {
  local pkg=$1 dir=$work/$1 v upstream orig debian p
  rm -rf "$dir" && mkdir -p "$dir"
  for v in $(apt-cache showsrc "$pkg" | awk '/^Version:/ {print $2}' | sort -ruV); do
    upstream=${v#*:}
    upstream=${upstream%-*}
    if (cd "$dir" && apt-get source --download-only "$pkg=$v") >>"$dir/source.log" 2>&1; then
      (cd "$dir" && dpkg-source -x --no-check ./*.dsc src) >>"$dir/source.log" 2>&1
      echo "$v"
      return 0
    fi
    orig=$(ls "$dir/${pkg}_${upstream}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1 || true)
    debian=$(ls "$dir/${pkg}_${v#*:}".debian.tar.* 2>/dev/null | head -n 1 || true)
    if [ -n "$orig" ] && [ -n "$debian" ]; then
      mkdir -p "$dir/src"
      tar -xf "$orig" -C "$dir/src" --strip-components=1
      tar -xf "$debian" -C "$dir/src"
      if [ -f "$dir/src/debian/patches/series" ]; then
        while read -r p _; do
          case $p in ''|'#'*) continue ;; esac
          patch -d "$dir/src" -p1 --batch <"$dir/src/debian/patches/$p" >>"$dir/source.log" 2>&1
        done <"$dir/src/debian/patches/series"
      fi
      echo "$v"
      return 0
    fi
    rm -f "$dir"/*.dsc "$dir"/*.tar.*
  done
  echo "build-git: cannot fetch the $pkg source package" >&2
  return 1
}

mkdir -p "$work"
trap '[ $? -eq 0 ] || echo "build-git: failed, see $log" >&2' EXIT
stage=$work/stage
rm -rf "$stage"
jobs=$(nproc)
# Size first (the static binary has a budget); sections so the final link can drop what is never called.
cflags="-Os -ffunction-sections -fdata-sections"

echo "build-git: libssh2 (Debian's source, OpenSSL backend, + rsa-sha2)"
log=$work/libssh2/source.log
ssh2_version=$(unpack libssh2)
log=$work/libssh2-build.log
(
  for p in "${ssh2_patches[@]}"; do patch -d "$work/libssh2/src" -p1 --batch <"$p"; done
  cmake -S "$work/libssh2/src" -B "$work/libssh2/build" -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS="$cflags" \
    -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DCRYPTO_BACKEND=OpenSSL \
    -DENABLE_ZLIB_COMPRESSION=OFF
  cmake --build "$work/libssh2/build" -j "$jobs"
  cmake --install "$work/libssh2/build"
) >"$log" 2>&1

echo "build-git: libgit2 (Debian's source, OpenSSL, libssh2, + our two patches)"
log=$work/libgit2/source.log
git2_version=$(unpack libgit2)
log=$work/libgit2-build.log
(
  cd "$work/libgit2/src"
  for p in "${patches[@]}"; do patch -p1 --batch <"$p"; done
  # Debian's source has no bundled dependencies (deps/ is excluded): http-parser is Debian's, regex is libc's.
  # The memory-key check links a test program against static libssh2 without OpenSSL and would fail: libssh2
  # 1.10 has libssh2_userauth_publickey_frommemory, so it is stated.
  PKG_CONFIG_PATH=$stage/lib/pkgconfig cmake -S . -B build -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS="$cflags" \
    -DCMAKE_INSTALL_PREFIX="$stage" -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_PREFIX_PATH="$stage" \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTS=OFF -DBUILD_CLI=OFF \
    -DBUILD_EXAMPLES=OFF -DUSE_SSH=ON -DHAVE_LIBSSH2_MEMORY_CREDENTIALS=1 -DUSE_HTTPS=OpenSSL \
    -DUSE_SHA1=CollisionDetection -DUSE_SHA256=HTTPS -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF -DUSE_ICONV=OFF \
    -DREGEX_BACKEND=regcomp -DUSE_HTTP_PARSER=system -DUSE_BUNDLED_ZLIB=OFF -DENABLE_REPRODUCIBLE_BUILDS=ON
  grep -q "GIT_SSH_MEMORY_CREDENTIALS 1" build/src/git2/sys/features.h
  cmake --build build -j "$jobs"
  cmake --install build
) >"$log" 2>&1

# Install: the new tree in a directory of its own beside the prefix, then the prefix (a symlink) pointed at it with
# one rename, so a build linking at that moment sees the old tree or the new one, never a mix or nothing.
new=$(mktemp -d "$prefix.XXXXXX")
chmod 755 "$new"
install -D -m 644 -t "$new/lib" "$stage/lib/libgit2.a" "$stage/lib/libssh2.a" \
  "/usr/lib/$(gcc -print-multiarch)/libhttp_parser.a"
cp -r "$stage/include" "$new/include"
echo "$stamp libgit2=$git2_version libssh2=$ssh2_version" >"$new/stamp"
ln -s "$(basename "$new")" "$prefix.tmp$$"
if [ -d "$prefix" ] && [ ! -L "$prefix" ]; then
  # An install from before the symlink: rename cannot replace a directory, renameat2's RENAME_EXCHANGE swaps the
  # two in one step (two renames where the filesystem cannot), and the old directory goes.
  python3 -c 'import ctypes, os, sys
if ctypes.CDLL(None, use_errno=True).renameat2(-100, os.fsencode(sys.argv[1]), -100, os.fsencode(sys.argv[2]), 2):
    sys.exit(os.strerror(ctypes.get_errno()))' "$prefix.tmp$$" "$prefix" 2>/dev/null ||
    { mv "$prefix" "$prefix.old$$" && mv -T "$prefix.tmp$$" "$prefix" && mv "$prefix.old$$" "$prefix.tmp$$"; }
  rm -rf "$prefix.tmp$$"
else
  mv -T "$prefix.tmp$$" "$prefix"
fi
# Earlier trees (a build that has one open keeps reading it: the files go when it closes them).
for old in "$prefix".*; do
  if [ "$old" != "$new" ] && [ -d "$old" ] && [ ! -L "$old" ]; then rm -rf "$old"; fi
done
# Archives resolve left to right: libgit2 needs libssh2 and http-parser, both need OpenSSL, which needs zlib.
cat >"$work/argoexec-git.pc" <<PC
Name: argoexec-git
Description: static libgit2 $git2_version (OpenSSL, libssh2 $ssh2_version + rsa-sha2) built from Debian's sources
Version: 1.5.1
Cflags: -I$prefix/include
Libs: -L$prefix/lib -l:libgit2.a -l:libssh2.a -l:libhttp_parser.a -lssl -lcrypto -lz -lpthread -ldl
PC
install -D -m 644 "$work/argoexec-git.pc" "$pcfile.tmp$$" && mv -f "$pcfile.tmp$$" "$pcfile"
echo "build-git: installed libgit2 $git2_version, libssh2 $ssh2_version into $new ($prefix)"
