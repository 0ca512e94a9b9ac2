#!/usr/bin/env bash
# Builds the argoexec images with podman from the static binary (docs/image.md): localhost/argoexec:<version>
# (root, as Argo's default image) and localhost/argoexec:<version>-nonroot (uid 8737), FROM scratch with the
# binary at /bin/argoexec, the lean one for main containers at /bin/argoexec-lean (init copies it;
# docs/build.md, "Two binaries"), the CA bundle, /etc/mime.types and an (empty) /etc/ssh/ssh_known_hosts. Builds
# dist/argoexec first when it is missing; prints each image's uncompressed and gzip-compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/hack/image/containers.conf"
command -v podman >/dev/null || hack/install-deps.sh --engine
[ -x dist/argoexec ] && [ -x dist/argoexec-lean ] || hack/build-static.sh
version=$(dist/argoexec version --short | awk '{print $2}')
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/rootfs/bin" "$context/rootfs/etc/ssl/certs" "$context/rootfs/etc/ssh" "$context/rootfs/tmp"
cp dist/argoexec "$context/rootfs/bin/argoexec"
cp dist/argoexec-lean "$context/rootfs/bin/argoexec-lean"
cp /etc/ssl/certs/ca-certificates.crt "$context/rootfs/etc/ssl/certs/ca-certificates.crt"
cp /etc/mime.types "$context/rootfs/etc/mime.types"
: >"$context/rootfs/etc/ssh/ssh_known_hosts"
chmod 1777 "$context/rootfs/tmp"
cp hack/image/Containerfile "$context/Containerfile"
for variant in root nonroot; do
    tag="localhost/argoexec:$version"
    user=0
    if [ "$variant" = nonroot ]; then tag="$tag-nonroot"; user=8737; fi
    podman build --quiet --build-arg EXECUTOR_USER=$user -t "$tag" -f "$context/Containerfile" "$context" >/dev/null
    size=$(podman image inspect --format '{{.Size}}' "$tag")
    gz=$(podman save --format docker-archive "$tag" | gzip -c | wc -c)
    echo "build-image: $tag: $size bytes unpacked, $gz bytes gzip-compressed"
done
