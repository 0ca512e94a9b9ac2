#!/usr/bin/env bash
# The Debian user image hack/pod-e2e runs python, debian and ubuntu examples on (docs/image.md): python3
# (with `python`), bash, dash as /bin/sh, GNU coreutils, gawk, grep, sed, findutils and gzip, FROM scratch
# out of Debian's own packages, so nothing is pulled from a registry. Prints the image's tag,
# localhost/argoexec-e2e-debian:<key>, where <key> hashes the exact package versions apt resolves and this
# script: a re-run with the same key reuses the image (in about 1.5 s, apt's resolution); a security update
# or an edit here builds a new one (about 5 s).
#
# The rootfs is what an install into an empty system would unpack: apt resolves the Depends/Pre-Depends
# closure (OR-groups as apt picks them, no Recommends) against an empty dpkg status, `apt-get download`
# fetches those .debs, and each one's data is unpacked over a merged-/usr skeleton (bin, lib, lib64, sbin
# as links into /usr, as bookworm's debootstrap lays it out). Maintainer scripts do not run: the one effect
# the examples need is gawk's `update-alternatives` link /usr/bin/awk, made here, and ldconfig writes the
# loader cache. Documentation (but the copyright files), manual pages and translations are left out, as
# Debian's slim images leave them out.
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$self")/../.."
export CONTAINERS_CONF="$PWD/hack/image/containers.conf"
repo=localhost/argoexec-e2e-debian
packages=(python3 python-is-python3 bash dash coreutils gawk grep sed findutils gzip)

closure() {
    apt-get -s -o Dir::State::status=/dev/null -o APT::Install-Recommends=false -o APT::Install-Suggests=false \
        install "${packages[@]}" 2>/dev/null | awk '$1 == "Inst" { sub(/^\(/, "", $3); print $2 "=" $3 }' | sort
}
list=$(closure)
if [ -z "$list" ]; then  # no package lists yet (a fresh machine): fetch them once
    apt-get update -qq
    list=$(closure)
fi
[ -n "$list" ] || { echo "user-image: apt cannot resolve ${packages[*]}" >&2; exit 1; }
key=$({ echo "$list"; cat "$self"; } | sha256sum | cut -c1-12)
tag="$repo:$key"
if podman image exists "$tag"; then
    echo "$tag"
    exit 0
fi

started=$(date +%s%N)
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/debs" "$context/rootfs/usr/bin" "$context/rootfs/usr/lib" "$context/rootfs/usr/lib64" "$context/rootfs/usr/sbin"
for d in bin lib lib64 sbin; do ln -s "usr/$d" "$context/rootfs/$d"; done
# APT::Sandbox::User=root: the temporary directory is root's, so apt's _apt user could not write into it.
if ! (cd "$context/debs" && apt-get download -qq -o APT::Sandbox::User=root $list); then
    # Package lists older than the mirror name versions it no longer has: refresh them once, start over.
    [ -z "${USER_IMAGE_REFRESHED:-}" ] || exit 1
    apt-get update -qq
    rm -rf "$context"
    USER_IMAGE_REFRESHED=1 exec "$self"
fi
for deb in "$context"/debs/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$context/rootfs" --keep-directory-symlink \
        --exclude='./usr/share/man/*' --exclude='./usr/share/locale/*' --exclude='./usr/share/info/*'
done
find "$context/rootfs/usr/share/doc" -type f ! -name copyright -delete  # the licences stay
find "$context/rootfs/usr/share/doc" -type l -delete
ln -s /etc/alternatives/awk "$context/rootfs/usr/bin/awk"
ln -s /usr/bin/gawk "$context/rootfs/etc/alternatives/awk"
ldconfig -r "$context/rootfs"
tar -C "$context/rootfs" -c . | podman import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "LABEL io.argoexec.e2e.packages=$(echo $list | tr ' ' ',')" - "$tag" >/dev/null
# Older keys' images are dead weight now.
podman images --format '{{.Repository}}:{{.Tag}}' "$repo" | grep -vxF "$tag" | xargs -r podman rmi >/dev/null 2>&1 || true
echo "user-image: built $tag ($(echo "$list" | wc -w) packages, $(podman image inspect --format '{{.Size}}' "$tag") bytes," \
    "$(( ($(date +%s%N) - started) / 1000000 )) ms)" >&2
echo "$tag"
