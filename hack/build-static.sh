#!/usr/bin/env bash
# Builds the fully static argoexec at dist/argoexec and the lean one (emissary, kill, version: what main
# containers run) at dist/argoexec-lean (docs/build.md, "The static build", "Two binaries"):
#  1. a minimal static libcurl (HTTP/HTTPS/FILE, OpenSSL, zlib) from Debian's own curl source package;
#  2. override .pc files so pkg-config hands SwiftPM static archives (-l:libX.a) and no system -L path;
#  3. swift build -c release -static-executable in its own scratch path, optimised for size with full LTO
#     (LTO lets the linker drop unreachable Swift code across modules) and identical-code folding (Swift's
#     many identical generic specialisations; -0.5 MiB); strip; report file/ldd/size and fail above 28 MiB
#     (the lean binary: above 8 MiB, or when it holds libcurl, OpenSSL, Foundation or Swift's regex engine).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
work=$top/.build-static
prefix=$work/curl-prefix
pcdir=$work/pkgconfig
mkdir -p "$work" "$pcdir" dist

hack/install-deps.sh static

if [ ! -f "$prefix/lib/libcurl.a" ]; then
  rm -rf "$work/curl-src" && mkdir -p "$work/curl-src"
  (cd "$work/curl-src" && apt-get source --download-only curl >/dev/null 2>&1 && dpkg-source -x --no-check ./curl_*.dsc src >/dev/null)
  cd "$work/curl-src/src"
  echo "build-static: configuring libcurl"
  ./configure --prefix="$prefix" --disable-shared --enable-static --with-pic --with-openssl --with-zlib \
    --without-brotli --without-zstd --without-libpsl --without-libidn2 --without-nghttp2 --without-nghttp3 \
    --without-ngtcp2 --without-libssh2 --without-libssh --without-librtmp --without-gssapi --without-libgsasl \
    --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp --disable-pop3 \
    --disable-imap --disable-smb --disable-smtp --disable-gopher --disable-mqtt --disable-ftp --disable-manual \
    --disable-ntlm-wb --disable-docs --with-ca-bundle=/etc/ssl/certs/ca-certificates.crt >"$work/curl-configure.log" 2>&1
  echo "build-static: compiling libcurl"
  make -j"$(nproc)" -C lib >"$work/curl-make.log" 2>&1
  make -C lib install >/dev/null && make -C include install >/dev/null
  cd "$top"
fi

# Static archives are resolved left to right, so each .pc lists the archives its library needs after it.
cat >"$pcdir/libcurl.pc" <<PC
Name: libcurl
Description: minimal static libcurl for argoexec
Version: 7.88.1
Cflags: -I$prefix/include
Libs: -L$prefix/lib -l:libcurl.a -l:libssl.a -l:libcrypto.a -l:libz.a -lpthread -ldl
PC
cat >"$pcdir/zlib.pc" <<PC
Name: zlib
Description: static zlib
Version: 1.2.13
Cflags:
Libs: -l:libz.a
PC
cat >"$pcdir/libcrypto.pc" <<PC
Name: libcrypto
Description: static OpenSSL libcrypto
Version: 3.0
Cflags:
Libs: -l:libcrypto.a -lpthread -ldl
PC
cat >"$pcdir/libargon2.pc" <<PC
Name: libargon2
Description: static libargon2
Version: 20171227
Cflags:
Libs: -l:libargon2.a -lpthread
PC
cat >"$pcdir/yaml-0.1.pc" <<PC
Name: yaml-0.1
Description: static libyaml
Version: 0.2.5
Cflags:
Libs: -l:libyaml.a
PC

hack/stamp-build.sh
echo "build-static: swift build (release, static executable)"
# --no-eh-frame-hdr: the unwind tables' binary-search index (0.45 MiB) goes; the tables stay (docs/build.md,
# "Unwind tables and crash reports": libargon2's pthread_exit unwinds through them; crash reports do not use them).
flags=(-c release --scratch-path "$work/swift" --static-swift-stdlib -Xswiftc -static-executable -Xswiftc -Osize
       --experimental-lto-mode=full -Xlinker --icf=all -Xlinker --no-eh-frame-hdr)
# MAP=/path/argoexec.map writes the linker map (which archive members the bytes come from).
[ -n "${MAP:-}" ] && flags+=(-Xlinker "-Map=$MAP")
PKG_CONFIG_PATH=$pcdir swift build "${flags[@]}" --product argoexec 2>&1 | grep -Ev "warning: Using '(getaddrinfo|getpwuid_r|getpwnam_r|getgrgid_r|getgrnam_r|dlopen|getpwuid|getpwnam)'" | tail -n 5
bin=$(PKG_CONFIG_PATH=$pcdir swift build "${flags[@]}" --show-bin-path)/argoexec
cp "$bin" dist/argoexec
strip dist/argoexec
file dist/argoexec
ldd dist/argoexec 2>&1 | sed 's/^\s*/ldd: /' || true
size=$(stat -c %s dist/argoexec)
echo "build-static: dist/argoexec is $size bytes ($(awk "BEGIN{printf \"%.1f\", $size/1048576}") MiB, stripped)"
dist/argoexec version
[ -n "${MAP:-}" ] && python3 hack/map-sizes.py "$MAP"
# FoundationEssentials only: an `import Foundation` anywhere pulls the whole of Foundation and ICU's data (+40 MiB).
if grep -aq -- '10Foundation' dist/argoexec; then
  echo "build-static: FAIL: dist/argoexec links the whole of Foundation (an \`import Foundation\` outside #else)" >&2
  exit 1
fi
budget=$((28 * 1048576))  # docs/build.md, "The static build": the budget for wave 2 (issues 17-21)
if [ "$size" -gt "$budget" ]; then
  echo "build-static: FAIL: $size bytes is over the 28 MiB budget ($budget bytes)" >&2
  exit 1
fi

echo "build-static: swift build of the lean binary"
PKG_CONFIG_PATH=$pcdir swift build "${flags[@]}" --product argoexec-lean 2>&1 | grep -Ev "warning: Using '(getaddrinfo|getpwuid_r|getpwnam_r|getgrgid_r|getgrnam_r|dlopen|getpwuid|getpwnam)'" | tail -n 5
cp "$(dirname "$bin")/argoexec-lean" dist/argoexec-lean
strip dist/argoexec-lean
file dist/argoexec-lean
lean=$(stat -c %s dist/argoexec-lean)
echo "build-static: dist/argoexec-lean is $lean bytes ($(awk "BEGIN{printf \"%.2f\", $lean/1048576}") MiB, stripped)"
dist/argoexec-lean version --short
# What main runs must not carry the network, TLS, Foundation or Swift's regex engine (docs/build.md, "Two
# binaries"): their libraries' own identification strings and the mangled module names would show. The full
# binary keeps the regex engine: FoundationEssentials links it (docs/build.md, "Swift's regex engine").
for marker in 'libcurl/' 'OpenSSL 3' '10Foundation' '20FoundationEssentials' 'libgit2' '17_StringProcessing'; do
  if grep -aq -- "$marker" dist/argoexec-lean; then
    echo "build-static: FAIL: dist/argoexec-lean contains \"$marker\"" >&2
    exit 1
  fi
done
if [ "$lean" -gt $((8 * 1048576)) ]; then
  echo "build-static: FAIL: the lean binary's $lean bytes are over its 8 MiB budget" >&2
  exit 1
fi
