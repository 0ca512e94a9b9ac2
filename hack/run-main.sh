#!/usr/bin/env bash
# The main job (README): builds argoexec and runs simulated pods end to end with hack/pod-sim: for each
# example under examples/, init, then emissary (the main command) and wait as separate processes, with the
# volume repository (a directory) and a local Kubernetes API (hack/kube-fake.py); prints each pod's
# containers, phase, WorkflowTaskResult and the objects stored. Pass example directories to run only those,
# or `--repo s3` first to use a local S3 (moto_server) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/install-deps.sh
hack/stamp-build.sh
swift build --product argoexec 2>&1 | tail -n 1
bin=$(swift build --show-bin-path)/argoexec
"$bin" version --short
if [ $# -eq 0 ]; then set -- examples/*/; fi
exec python3 hack/pod-sim --bin "$bin" "$@"
