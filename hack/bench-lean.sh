#!/usr/bin/env bash
# The lean binary against the full one (docs/build.md, "Two binaries"), side by side in one run:
#  - size of dist/argoexec-lean and dist/argoexec;
#  - time added per wrapped `true`: `true` alone, a minimal static C wrapper (posix_spawn + waitpid: what any
#    wrapper process costs on this machine), `argoexec-lean emissary -- true`, `argoexec emissary -- true`,
#    interleaved, REPEATS rounds of RUNS each, min/median/max of the per-round medians;
#  - init's copy of the binary for main: `argoexec init` (no inputs) with the lean binary beside it and without.
# Usage: hack/bench-lean.sh [RUNS] [REPEATS]   (build first: hack/build-static.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x dist/argoexec ] && [ -x dist/argoexec-lean ] || { echo "bench-lean: run hack/build-static.sh first" >&2; exit 2; }
work=$(mktemp -d /tmp/argoexec-bench-lean-XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/wrap.c" <<'C'
#include <spawn.h>
#include <sys/wait.h>
extern char **environ;
int main(int argc, char **argv) {
  pid_t pid; int status;
  if (argc < 2 || posix_spawnp(&pid, argv[1], 0, 0, argv + 1, environ) != 0) return 127;
  if (waitpid(pid, &status, 0) < 0) return 126;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
C
gcc -O2 -static -o "$work/wrap" "$work/wrap.c"
# Init copies into this directory; a copy of the full binary keeps the lean one out of its reach.
mkdir -p "$work/full-only" && cp dist/argoexec "$work/full-only/argoexec"
python3 - "$work" "${1:-200}" "${2:-3}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
work, runs, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lean, full = os.path.abspath("dist/argoexec-lean"), os.path.abspath("dist/argoexec")
root = os.path.join(work, "pod")
env = dict(os.environ, ARGOEXEC_ROOT=root, ARGO_CONTAINER_NAME="main", ARGO_TEMPLATE="{}", ARGO_INCLUDE_SCRIPT_OUTPUT="false")
def timed(cmd, e=env):
    t = time.perf_counter()
    subprocess.run(cmd, env=e, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) * 1000
cases = {"true": ["/bin/true"], "C wrapper": [os.path.join(work, "wrap"), "/bin/true"],
         "lean emissary": [lean, "emissary", "--", "/bin/true"], "full emissary": [full, "emissary", "--", "/bin/true"]}
rounds = {k: [] for k in cases}
for _ in range(repeats):
    samples = {k: [] for k in cases}
    for _ in range(runs):
        for k, cmd in cases.items():
            samples[k].append(timed(cmd))
    for k in cases:
        rounds[k].append(statistics.median(samples[k]))
def mmm(v): return "min %.2f / median %.2f / max %.2f" % (min(v), statistics.median(v), max(v))
print("sizes: argoexec-lean %d bytes (%.2f MiB), argoexec %d bytes (%.2f MiB): %.2fx"
      % (os.path.getsize(lean), os.path.getsize(lean) / 2**20, os.path.getsize(full), os.path.getsize(full) / 2**20,
         os.path.getsize(lean) / os.path.getsize(full)))
print("wrapped /bin/true, ms per run (%d rounds of %d interleaved runs; per-round medians):" % (repeats, runs))
for k in cases:
    added = [a - b for a, b in zip(rounds[k], rounds["true"])]
    print("  %-14s %s   added over true: %s" % (k, mmm(rounds[k]), mmm(added) if k != "true" else "-"))
floor = [a - b for a, b in zip(rounds["lean emissary"], rounds["C wrapper"])]
print("  lean emissary over the C wrapper (the emissary's own work): %s" % mmm(floor))
ienv = dict(env, ARGO_POD_NAME="bench", ARGO_CONTAINER_NAME="init", ARGO_TEMPLATE='{"name":"b","container":{"command":["true"]}}')
copies = {"init copying lean": lean.replace("argoexec-lean", "argoexec"), "init copying full": os.path.join(work, "full-only", "argoexec")}
res = {k: [] for k in copies}
for _ in range(repeats):
    for k, binary in copies.items():
        v = []
        for _ in range(max(runs // 10, 10)):
            shutil.rmtree(root, ignore_errors=True)
            v.append(timed([binary, "init"], ienv))
        res[k].append(statistics.median(v))
for k in copies:
    print("  %-18s ms: %s" % (k, mmm(res[k])))
PY
