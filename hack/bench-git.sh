#!/usr/bin/env bash
# Git artifact benchmark (docs/artifacts.md#git): our in-process clone (`argoexec artifact get` of a git location,
# libgit2) against the `git` CLI cloning the same repository from the same local smart-HTTP server (git http-backend
# behind nginx through fcgiwrap), full and shallow (depth 1), side by side: wall time, CPU and peak RSS of the client
# process (/usr/bin/time), and our/git ratios. libgit2 1.5 cannot make shallow clones, so our "shallow" run clones
# the whole history: that row shows what the missing depth costs.
# Peak RSS is the largest single process (GNU time over wait4): git's clone is several processes (remote-http,
# index-pack), ours is one. Ours is about 30 MiB of heap for ~100k objects plus the pages of the pack file mapped
# while it is indexed (file-backed, reclaimable); both grow with the repository, as git's index-pack does.
#   hack/bench-git.sh                      a generated repository (FILES files, COMMITS commits on top)
#   BENCH_REPO=/path/to/bare.git hack/bench-git.sh   any local bare repository instead
#   ARGOEXEC=/path/to/argoexec             use that binary (else a release build in .build-bench-git)
#   RUNS=3                                 runs per case; the best wall time (and its RSS) is reported
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
work=${BENCH_DIR:-/tmp/argoexec-bench-git}
runs=${RUNS:-3}
hack/install-deps.sh >/dev/null
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
bin=${ARGOEXEC:-}
if [ -z "$bin" ]; then
  hack/stamp-build.sh
  swift build -c release --scratch-path "$top/.build-bench-git" --product argoexec 2>&1 | tail -n 1
  bin=$(swift build -c release --scratch-path "$top/.build-bench-git" --show-bin-path)/argoexec
fi
rm -rf "$work" && mkdir -p "$work/repos" "$work/tmp" "$work/logs" "$work/home"
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1

if [ -n "${BENCH_REPO:-}" ]; then
  ln -s "$(cd "$BENCH_REPO" && pwd)" "$work/repos/bench.git"
else
  # FILES files of about 8 KiB of text, then COMMITS commits changing five of them each.
  git init -q --bare -b main "$work/repos/bench.git"
  python3 - "${FILES:-1000}" "${COMMITS:-3000}" <<'PY' | git -C "$work/repos/bench.git" fast-import --quiet
import random, sys
files, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
words = [''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(rng.randint(2, 9))) for _ in range(4000)]
out = sys.stdout.buffer
def blob(n):
    return (' '.join(rng.choice(words) for _ in range(n)) + '\n').encode()
def commit(i, changes):
    msg = b'commit %d\n' % i
    out.write(b'commit refs/heads/main\ncommitter bench <b@example.com> %d +0000\ndata %d\n%s' % (1700000000 + i, len(msg), msg))
    for path, data in changes:
        out.write(b'M 644 inline %s\ndata %d\n%s\n' % (path.encode(), len(data), data))
    out.write(b'\n')
commit(0, [('src/d%02d/f%04d.txt' % (f % 50, f), blob(1300)) for f in range(files)])
for i in range(1, commits + 1):
    commit(i, [('src/d%02d/f%04d.txt' % (f % 50, f), blob(1300)) for f in rng.sample(range(files), 5)])
PY
fi
echo "bench-git: repository $(du -sh "$work/repos/bench.git/" | cut -f1) packed, $(git -C "$work/repos/bench.git" rev-list --count HEAD) commits on HEAD"

port=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
# Each server in its own process group (setsid), so the trap stops fcgiwrap's workers too.
setsid /usr/sbin/fcgiwrap -c 2 -s "unix:$work/fcgiwrap.sock" >"$work/logs/fcgiwrap.log" 2>&1 &
fcgi=$!
cat >"$work/nginx.conf" <<NGINX
daemon off; master_process off; pid $work/nginx.pid; error_log $work/logs/nginx-error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $work/tmp/body; fastcgi_temp_path $work/tmp/fastcgi; proxy_temp_path $work/tmp/proxy;
  uwsgi_temp_path $work/tmp/uwsgi; scgi_temp_path $work/tmp/scgi; client_max_body_size 0;
  server { listen 127.0.0.1:$port;
    location ~ ^/git(/.*)$ { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$work/fcgiwrap.sock;
      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend; fastcgi_param GIT_PROJECT_ROOT $work/repos;
      fastcgi_param GIT_HTTP_EXPORT_ALL ""; fastcgi_param PATH_INFO \$1; } } }
NGINX
setsid /usr/sbin/nginx -c "$work/nginx.conf" -p "$work" &
ngx=$!
trap 'kill -- -$ngx -$fcgi 2>/dev/null || true' EXIT
url=http://127.0.0.1:$port/git/bench.git
for _ in $(seq 100); do git ls-remote "$url" HEAD >/dev/null 2>&1 && break; sleep 0.1; done

printf '{"git":{"repo":"%s","disableSubmodules":true}}' "$url" >"$work/full.json"
printf '{"git":{"repo":"%s","disableSubmodules":true,"depth":1}}' "$url" >"$work/shallow.json"

measure() {  # NAME COMMAND...: the best of $runs runs, "wall cpu rss_kib" into $work/NAME
  local name=$1 best="" i wall user sys rss
  shift
  for i in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %U %S %M" -o "$work/$name.t" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err"; exit 1; }
    read -r wall user sys rss <"$work/$name.t"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then
      best="$wall $(awk "BEGIN{print $user+$sys}") $rss"
    fi
  done
  echo "$best" >"$work/$name"
}
measure ours-full "$bin" artifact get --repo "$work/full.json" --key "" "$work/out"
git -C "$work/out" rev-parse HEAD >"$work/ours.head"
measure git-full git clone -q "$url" "$work/out"
git -C "$work/out" rev-parse HEAD | cmp -s - "$work/ours.head" && echo "bench-git: both clones check out the same commit"
measure ours-shallow "$bin" artifact get --repo "$work/shallow.json" --key "" "$work/out"
measure git-shallow git clone -q --depth 1 "$url" "$work/out"

printf '\n%-14s %8s %8s %13s\n' run "wall s" "CPU s" "peak RSS MiB"
for n in ours-full git-full ours-shallow git-shallow; do
  read -r wall cpu rss <"$work/$n"
  printf '%-14s %8.2f %8.2f %13.1f\n' "$n" "$wall" "$cpu" "$(awk "BEGIN{print $rss/1024}")"
done
echo
for kind in full shallow; do
  read -r ow oc orss <"$work/ours-$kind"
  read -r gw gc grss <"$work/git-$kind"
  awk -v k="$kind" -v ow="$ow" -v gw="$gw" -v oc="$oc" -v gc="$gc" -v orss="$orss" -v grss="$grss" \
    'BEGIN{printf "%-8s ours/git: wall %.2fx, CPU %.2fx, peak RSS %.2fx\n", k, ow/(gw>0?gw:0.01), oc/(gc>0?gc:0.01), orss/grss}'
done
