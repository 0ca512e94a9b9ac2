#!/usr/bin/env python3
"""Bytes per library in the static binary, from the linker map (`MAP=... hack/build-static.sh`): the sizes of
the allocated input sections the linker kept, grouped by the archive (or object directory) they came from.
Debug sections are left out; the stripped binary is a little smaller than the total."""
import collections, re, sys

sizes = collections.Counter()
skip = re.compile(r"^\.(debug|comment|note|gnu_debug|swift_ast)")
section = None
for line in open(sys.argv[1], errors="replace"):
    # lld: "     VMA      LMA     Size Align Out     In      Symbol"; input sections are indented twice.
    m = re.match(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s{9}(\S.*)$", line)
    if m:
        out = re.match(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+ (\S+)", line)
        size, where = int(m.group(1), 16), m.group(2)
        lib = where.split(":(")[0]
        lib = re.sub(r"\(.*\)$", "", lib)
        name = lib.rsplit("/", 1)[-1]
        if name.endswith(".o"):
            name = lib.split("/")[-2] if "/" in lib else name
        sizes[name] += size
        continue
    m = re.match(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+\d+ (\.\S+)$", line)
    if m:
        section = m.group(1)
    if section and skip.match(section):
        continue
labels = {"release": "our Swift code (one LTO object)", "<internal>": "linker-made (symbol and string tables, unwind tables, GOT)"}
sizes = collections.Counter({labels.get(k, k): v for k, v in sizes.items()})
total = sum(sizes.values())
print("| library | bytes | share |")
print("|---|---:|---:|")
for name, size in sizes.most_common(25):
    print("| %s | %d | %.1f%% |" % (name, size, 100.0 * size / max(total, 1)))
print("| (total of allocated input sections) | %d | |" % total)
