#!/usr/bin/env bash
# S3 benchmark (issue 4): uploads and downloads one file (1 GiB by default, SIZE_MIB=N to change) through a
# local moto_server with our binary and with `aws s3 cp`, in the same run, and prints wall time, client CPU
# seconds per GiB (user+sys of the client process only) and peak RSS. moto is slow and keeps objects in
# memory, so absolute times say more about moto than about the clients; CPU and RSS are the client's own.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${SIZE_MIB:-1024}
work=${BENCH_DIR:-/tmp/argoexec-bench-s3}
hack/install-deps.sh >/dev/null
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
hack/stamp-build.sh
# The shipped static binary (issue 22: the dynamic build's shared libraries add ~14 MiB RSS and ~20 ms start-up).
[ -x dist/argoexec ] || hack/build-static.sh >/dev/null
bin=$PWD/dist/argoexec
rm -rf "$work" && mkdir -p "$work/secrets/cred"
head -c "$((size_mib << 20))" /dev/urandom > "$work/payload.bin"
port=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto=$!
trap 'kill -9 $moto 2>/dev/null || true' EXIT
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.1; done
aws --endpoint-url "http://127.0.0.1:$port" s3api create-bucket --bucket bench >/dev/null
printf testing > "$work/secrets/cred/ak"; printf testing > "$work/secrets/cred/sk"
printf '{"s3":{"endpoint":"127.0.0.1:%s","bucket":"bench","insecure":true,"accessKeySecret":{"name":"cred","key":"ak"},"secretKeySecret":{"name":"cred","key":"sk"}}}' "$port" > "$work/repo.json"

measure() {  # NAME COMMAND...: "wall cpu rss_kib" into $work/NAME
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.t" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err"; exit 1; }
  read -r wall user sys rss < "$work/$name.t"
  echo "$wall $(awk "BEGIN{print $user+$sys}") $rss" > "$work/$name"
}
ours=(--repo "$work/repo.json" --secrets-dir "$work/secrets")
measure ours-put "$bin" artifact put "$work/payload.bin" --key ours.bin --archive none "${ours[@]}"
measure ours-get "$bin" artifact get --key ours.bin "$work/ours.out" "${ours[@]}"
measure aws-put aws --endpoint-url "http://127.0.0.1:$port" s3 cp "$work/payload.bin" s3://bench/aws.bin
measure aws-get aws --endpoint-url "http://127.0.0.1:$port" s3 cp s3://bench/aws.bin "$work/aws.out"
cmp "$work/payload.bin" "$work/ours.out" && cmp "$work/payload.bin" "$work/aws.out" && echo "both downloads are byte-exact"

gib=$(awk "BEGIN{print $size_mib/1024}")
printf '\n%-10s %9s %14s %13s\n' run "wall s" "CPU s per GiB" "peak RSS MiB"
for n in ours-put aws-put ours-get aws-get; do
  read -r wall cpu rss < "$work/$n"
  printf '%-10s %9.2f %14.2f %13.1f\n' "$n" "$wall" "$(awk "BEGIN{print $cpu/$gib}")" "$(awk "BEGIN{print $rss/1024}")"
done
for op in put get; do
  read -r _ oc orss < "$work/ours-$op"; read -r _ ac arss < "$work/aws-$op"
  awk -v o="$oc" -v a="$ac" -v op="$op" 'BEGIN{printf "%s: our CPU is %.2fx of the AWS CLI'"'"'s (target <= 0.5x)\n", op, o/a}'
done

# Directory of small objects (`archive: none`): objects per second, ours (16 in flight) vs `aws s3 cp
# --recursive` (10 in flight). Target >= 500/s against a fast server; moto (Python, one process) caps both.
files=${FILES:-2000}
mkdir -p "$work/tree"
for i in $(seq "$files"); do mkdir -p "$work/tree/d$((i % 20))"; head -c 1024 /dev/urandom > "$work/tree/d$((i % 20))/f$i"; done
measure ours-tree "$bin" artifact put "$work/tree" --key tree-ours --archive none "${ours[@]}"
measure aws-tree aws --endpoint-url "http://127.0.0.1:$port" s3 cp --recursive --quiet "$work/tree" s3://bench/tree-aws
for n in ours-tree aws-tree; do
  read -r wall cpu rss < "$work/$n"
  awk -v n="$n" -v w="$wall" -v f="$files" -v c="$cpu" -v r="$rss" 'BEGIN{printf "%-10s %6d objects in %6.2f s = %6.0f objects/s, CPU %.2f s, peak RSS %.1f MiB\n", n, f, w, f/w, c, r/1024}'
done

# The same tree against a fast server: nginx's WebDAV PUT on loopback stores each S3 PUT as a file (it
# ignores the signature), which shows what the client itself sustains.
command -v nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null
nport=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
mkdir -p "$work/nginx/root/bench" "$work/nginx/tmp"
# nginx's create_full_put_path races when parallel PUTs create the same directory: make them first.
(cd "$work/tree" && find . -type d) | while read -r d; do mkdir -p "$work/nginx/root/bench/tree/$d"; done
cat > "$work/nginx/nginx.conf" <<NGINX
daemon off; worker_processes 2; user root; pid $work/nginx/pid; error_log $work/nginx/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $work/nginx/tmp; client_max_body_size 0;
  server { listen 127.0.0.1:$nport; root $work/nginx/root;
    location / { dav_methods PUT DELETE; create_full_put_path on; } } }
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
ngx=$!
trap 'kill -9 $moto 2>/dev/null || true; kill $ngx 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s "http://127.0.0.1:$nport/" >/dev/null && break; sleep 0.1; done
printf '{"s3":{"endpoint":"127.0.0.1:%s","bucket":"bench","region":"us-east-1","insecure":true,"accessKeySecret":{"name":"cred","key":"ak"},"secretKeySecret":{"name":"cred","key":"sk"}}}' "$nport" > "$work/repo-nginx.json"
measure ours-tree-nginx "$bin" artifact put "$work/tree" --key tree --archive none --repo "$work/repo-nginx.json" --secrets-dir "$work/secrets"
stored=$(find "$work/nginx/root/bench/tree" -type f | wc -l)
read -r wall cpu rss < "$work/ours-tree-nginx"
awk -v w="$wall" -v f="$files" -v c="$cpu" -v r="$rss" -v s="$stored" 'BEGIN{printf "ours-tree to nginx: %d objects (%d stored) in %.2f s = %.0f objects/s (target >= 500), CPU %.2f s, peak RSS %.1f MiB\n", f, s, w, f/w, c, r/1024}'
kill $ngx 2>/dev/null || true

# Streamed tar.gz upload (no temporary archive): the tree of 1 KiB random files plus the payload.
mv "$work/payload.bin" "$work/tree/payload.bin"
measure ours-tgz "$bin" artifact put "$work/tree" --key tree.tgz "${ours[@]}"
read -r wall cpu rss < "$work/ours-tgz"
awk -v w="$wall" -v c="$cpu" -v r="$rss" -v m="$size_mib" 'BEGIN{printf "ours-tgz   %d MiB tree packed and uploaded as it streams in %.2f s, CPU %.2f s, peak RSS %.1f MiB\n", m, w, c, r/1024}'
rm -rf "$work"/*.bin "$work"/*.out "$work/tree"
