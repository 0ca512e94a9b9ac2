#!/usr/bin/env bash
# The house's shape in numbers (issue 15's before/after table): files importing Glibc, `@unchecked Sendable`
# declarations, Swift lines and files under Sources/, and with --frames the call depth from `main` to
# `curl_easy_perform` during an S3 upload (`artifact put` to a moto_server, stack taken by gdb).
# Usage: hack/house-stats.sh [GIT-REV ...]      counts for each revision (default: the working tree)
#        hack/house-stats.sh --frames BINARY    stack depth of BINARY's S3 upload
set -euo pipefail
cd "$(dirname "$0")/.."

count_tree() {  # $1: a git revision, or "" for the working tree
    local rev=$1 files
    if [[ -z $rev ]]; then
        files=$(git ls-files -co --exclude-standard 'Sources/*.swift')
        show() { cat "$1"; }
    else
        files=$(git ls-tree -r --name-only "$rev" -- Sources | grep '\.swift$')
        show() { git show "$rev:$1"; }
    fi
    local glibc=0 unchecked=0 lines=0 n=0 f text
    for f in $files; do
        text=$(show "$f")
        n=$((n + 1))
        lines=$((lines + $(printf '%s\n' "$text" | wc -l)))
        grep -q '^import Glibc' <<<"$text" && glibc=$((glibc + 1))
        unchecked=$((unchecked + $(grep -c '@unchecked Sendable' <<<"$text" || true)))
    done
    printf '%-12s files importing Glibc: %3d   @unchecked Sendable: %3d   Swift files: %3d   lines: %6d\n' \
        "${rev:-worktree}" "$glibc" "$unchecked" "$n" "$lines"
}

frames() {  # $1: the argoexec binary
    local bin=$1 work port
    work=$(mktemp -d)
    trap 'kill "${moto:-0}" 2>/dev/null || true; rm -rf "$work"' RETURN
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 & moto=$!
    for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
    AWS_ACCESS_KEY_ID=k AWS_SECRET_ACCESS_KEY=s python3 -c "
import boto3; boto3.client('s3', endpoint_url='http://127.0.0.1:$port', region_name='us-east-1').create_bucket(Bucket='argo')"
    mkdir -p "$work/secrets/cred" && printf k >"$work/secrets/cred/ak" && printf s >"$work/secrets/cred/sk"
    printf '{"s3":{"endpoint":"127.0.0.1:%s","bucket":"argo","region":"us-east-1","insecure":true,"accessKeySecret":{"name":"cred","key":"ak"},"secretKeySecret":{"name":"cred","key":"sk"}}}' \
        "$port" >"$work/repo.json"
    head -c 1048576 /dev/urandom >"$work/out.bin"
    gdb -batch -ex 'set breakpoint pending on' -ex 'break curl_easy_perform' -ex run -ex bt \
        --args "$bin" artifact put "$work/out.bin" --archive none --key wf/pod/out.bin --repo "$work/repo.json" \
        --secrets-dir "$work/secrets" 2>/dev/null >"$work/gdb.txt" || true
    local depth
    depth=$(grep -cE '^#[0-9]+' "$work/gdb.txt" || true)
    echo "frames from main to curl_easy_perform (artifact put, S3, $(basename "$bin")): $((depth))"
    grep -E '^#[0-9]+' "$work/gdb.txt" | sed -E 's/ \(.*//; s/0x[0-9a-f]+ in //' | head -60
}

if [[ ${1:-} == --frames ]]; then
    frames "$2"
    exit 0
fi
if [[ $# -eq 0 ]]; then count_tree ""; fi
for rev in "$@"; do count_tree "$rev"; done
