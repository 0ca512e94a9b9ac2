"""Python-written and hand-crafted tar.gz fixtures for TarReaderTests (called by generate.sh).

usage: python3 generate.py OUT_DIR WORK_DIR   (WORK_DIR holds the source trees generate.sh made)
Hand-crafted archives are built block by block so that each holds exactly one oddity; `gzip -n -9`
equivalents (mtime 0, level 9) keep the bytes stable.
"""
import gzip
import io
import os
import sys
import tarfile

OUT, WORK = sys.argv[1], sys.argv[2]
BLOCK = 512


def write_gz(name, data, trailing=b""):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as g:
        g.write(data)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buf.getvalue() + trailing)


def python_tar(name, fmt, root, **kw):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt, encoding="utf-8", errors="surrogateescape", **kw) as t:
        def reset(ti):
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = "root"
            ti.mtime = 1700000000
            return ti
        t.add(os.path.join(WORK, root), arcname=root, filter=reset)
    write_gz(name, buf.getvalue())


# Python's tarfile: the same trees in GNU, PAX and USTAR formats.
python_tar("py-gnu-long.tgz", tarfile.GNU_FORMAT, "long")
python_tar("py-pax-long.tgz", tarfile.PAX_FORMAT, "long")
python_tar("py-ustar-split.tgz", tarfile.USTAR_FORMAT, "split")
python_tar("py-gnu-latin1.tgz", tarfile.GNU_FORMAT, "latin1")
python_tar("py-pax-latin1.tgz", tarfile.PAX_FORMAT, "latin1")  # hdrcharset=BINARY, raw bytes in path
python_tar("py-pax-global.tgz", tarfile.PAX_FORMAT, "glob", pax_headers={"comment": "made by python"})

# Python's GNU format writes base-256 for numbers that do not fit in octal (uid 2^31, mtimes 2^34 and -1).
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
    for name, mtime, body in [("huge-ids", 2**34, b"ids\n"), ("before-1970", -1, b"neg\n")]:
        ti = tarfile.TarInfo(name)
        ti.uid, ti.gid, ti.mtime, ti.size, ti.mode = 2**31, 2**32 + 5, mtime, len(body), 0o640
        t.addfile(ti, io.BytesIO(body))
write_gz("py-gnu-base256.tgz", buf.getvalue())


# ---- hand-crafted blocks ---------------------------------------------------------------------------

def octal(n, width):
    return ("%0*o" % (width - 1, n)).encode() + b"\0"


def header(name, size=0, typeflag=b"0", mode=0o644, mtime=1700000000, linkname=b"", magic=b"ustar\x0000",
           prefix=b"", raw=None, checksum=None):
    """One 512-byte header; `raw` maps offsets to bytes written over the layout before the checksum."""
    if isinstance(name, str):
        name = name.encode()
    if isinstance(linkname, str):
        linkname = linkname.encode()
    b = bytearray(BLOCK)
    b[0:len(name)] = name
    b[100:108] = octal(mode, 8)
    b[108:116] = octal(0, 8)
    b[116:124] = octal(0, 8)
    b[124:136] = octal(size, 12)
    b[136:148] = octal(mtime, 12)
    b[156:157] = typeflag
    b[157:157 + len(linkname)] = linkname
    b[257:257 + len(magic)] = magic
    if magic.startswith(b"ustar"):
        b[265:269] = b"root"
        b[297:301] = b"root"
        b[329:337] = octal(0, 8)
        b[337:345] = octal(0, 8)
    b[345:345 + len(prefix)] = prefix
    for at, value in (raw or {}).items():
        b[at:at + len(value)] = value
    b[148:156] = b" " * 8
    s = sum(b) if checksum is None else checksum
    b[148:156] = ("%06o" % s).encode() + b"\0 "
    return bytes(b)


def pad(data):
    return data + b"\0" * (-len(data) % BLOCK)


def entry(name, body=b"", **kw):
    return header(name, size=len(body), **kw) + pad(body)


def pax_record(key, value):
    if isinstance(value, str):
        value = value.encode()
    rest = 1 + len(key) + 1 + len(value) + 1
    n = rest + 1
    while len(str(n)) + rest != n:
        n += 1
    return str(n).encode() + b" " + key.encode() + b"=" + value + b"\n"


def pax(records, typeflag=b"x", name="PaxHeaders/x"):
    body = b"".join(pax_record(k, v) if isinstance(k, str) else k for k, v in records) if isinstance(records, list) else records
    return entry(name, body, typeflag=typeflag, mode=0o644)


END = b"\0" * (2 * BLOCK)

# 3. A size in base-256 (0x80 then big-endian): Go's parseNumeric accepts it in any format.
b256 = bytes([0x80]) + (11).to_bytes(11, "big")
write_gz("craft-base256-size.tgz",
         header("b256.txt", raw={124: b256}) + pad(b"hello world") + entry("next.txt", b"next\n") + END)

# 4. V7 headers (no magic) with the legacy '\0' type flag: a trailing '/' makes a directory.
v7 = dict(magic=b"", typeflag=b"\0")
write_gz("craft-v7-legacy.tgz",
         header("olddir/", mode=0o750, **v7) + entry("olddir/file", b"legacy regular\n", **v7)
         + entry("plain", b"no slash\n", **v7) + END)
# The same with USTAR magic: Go promotes '\0' whatever the format.
write_gz("craft-ustar-legacy.tgz", header("d/", typeflag=b"\0", mode=0o755) + entry("d/f", b"f\n", typeflag=b"\0") + END)

# STAR layout (magic ustar\0, "tar\0" at 508): a 131-byte prefix at 345 and atime/ctime at 476/488.
write_gz("craft-star-prefix.tgz",
         header("file.txt", size=5, prefix=b"star/dir", raw={476: octal(1700000001, 12), 488: octal(1700000002, 12), 508: b"tar\0"})
         + pad(b"star\n") + END)

# Header-only types (1-6) ignore their size field: no data follows them.
write_gz("craft-headeronly-size.tgz",
         header("d/", typeflag=b"5", size=1000, mode=0o755) + header("d/l", typeflag=b"2", size=700, linkname="f", mode=0o777)
         + entry("d/f", b"after header-only entries\n") + END)

# A header-only type with a negative (base-256) size: Go zeroes the size of header-only types before
# checking it, so the archive reads.
write_gz("craft-headeronly-negative-size.tgz",
         header("d/", typeflag=b"5", mode=0o755, raw={124: b"\xff" * 12}) + entry("d/f", b"fine\n") + END)
# A legacy '\0' entry named "weird/" with a size: it becomes a directory, a header-only type, so its
# "data" (here a complete entry) is read as the next header, as Go reads it.
inner = entry("weird/inner.txt", b"inside\n")
write_gz("craft-legacy-dir-with-size.tgz", header("weird/", typeflag=b"\0", size=len(inner), mode=0o755) + inner + END)

# Entries Argo skips ('7' contiguous, an unknown 'A', a FIFO '6'): their data is stepped over.
write_gz("craft-skipped-types.tgz",
         entry("cont", b"C" * 1000, typeflag=b"7") + entry("vendor", b"V" * 600, typeflag=b"A")
         + header("fifo", typeflag=b"6") + entry("kept", b"kept\n") + END)

# PAX: size and mtime records override the header; an empty path record keeps the header's name;
# a GNU long name wins over a PAX path (Go applies the long name last).
write_gz("craft-pax-override.tgz",
         pax([("size", "11"), ("mtime", "1234567890.5")]) + header("sized.txt", size=0) + pad(b"from record")
         + pax([("path", "")]) + entry("kept-name.txt", b"kept\n")
         + pax([("path", "from-pax.txt")]) + entry("GNU/././@LongLink", pad(b"from-gnu.txt\0"), typeflag=b"L", magic=b"ustar  \0")
         + entry("from-header.txt", b"which name?\n")
         + pax([("mtime", "-1.25")]) + entry("negative-mtime.txt", b"neg\n")
         + END)

# Go's pre-1.8 fallback: a GNU header whose atime/ctime do not parse and whose prefix field is ASCII is read
# with that field as a USTAR prefix.
write_gz("craft-gnu-prefix-fallback.tgz",
         header("file.txt", size=4, magic=b"ustar  \0", prefix=b"olddir") + pad(b"old\n") + END)

# Go parses devmajor/devminor of USTAR headers: garbage there is ErrHeader.
write_gz("craft-bad-devmajor.tgz", header("f", size=2, raw={329: b"zzzzzzz\0"}) + pad(b"x\n") + END)

# A global header whose records do not parse: Go ignores mergePAX's error for 'g'.
write_gz("craft-global-bad-mtime.tgz",
         pax([("mtime", "yesterday"), ("comment", "x")], typeflag=b"g", name="pax_global_header")
         + entry("after-global.txt", b"fine\n") + END)

# ---- 8. where the archive ends ------------------------------------------------------------------
one = entry("one.txt", b"one\n") + entry("two.txt", b"two\n")
write_gz("end-no-marker.tgz", one)                                   # clean EOF at an entry boundary
write_gz("end-one-zero-block.tgz", one + b"\0" * BLOCK)               # one zero block, then EOF
write_gz("end-garbage-after-marker.tgz", one + END + b"\x55" * 3000)  # never read
write_gz("end-gzip-trailing-zeros.tgz", one + END, trailing=b"\0" * 4096)
write_gz("end-gzip-trailing-garbage.tgz", one + END, trailing=b"not gzip at all\n" * 8)
write_gz("end-two-members.tgz", one)  # completed below: a second gzip member holds the end marker
with open(os.path.join(OUT, "end-two-members.tgz"), "ab") as f:
    f.write(gzip.compress(entry("three.txt", b"three\n") + END, compresslevel=9, mtime=0))

# ---- 7. hostile and broken ------------------------------------------------------------------------
good = entry("ok.txt", b"ok\n")
bad_sum = bytearray(header("f.txt", size=2))
bad_sum[148:156] = b"0000001\0"
write_gz("bad-checksum.tgz", good + bytes(bad_sum) + pad(b"x\n") + END)
write_gz("bad-zero-then-header.tgz", good + b"\0" * BLOCK + entry("late.txt", b"late\n") + END)
write_gz("bad-negative-size.tgz", header("neg.txt", raw={124: b"\xff" * 12}) + END)  # -1 in base-256
write_gz("bad-base256-overflow.tgz", header("big.txt", raw={124: b"\x80" + b"\xff" * 11}) + END)
write_gz("bad-octal-size.tgz", header("f.txt", raw={124: b"0000000009\0\0"}) + END)
write_gz("bad-pax-length-too-long.tgz", pax(b"99 path=a\n") + good + END)
write_gz("bad-pax-length-too-short.tgz", pax(b"4 a=\n") + good + END)
write_gz("bad-pax-length-not-number.tgz", pax(b"1x path=abc\n") + good + END)
write_gz("bad-pax-no-newline.tgz", pax(b"12 path=abc.") + good + END)
write_gz("bad-pax-no-equals.tgz", pax(b"11 pathabc\n") + good + END)
write_gz("bad-pax-path-nul.tgz", pax([("path", b"a\0b")]) + good + END)
write_gz("bad-pax-linkpath-nul.tgz", pax([("linkpath", b"t\0u")]) + header("l", typeflag=b"2", linkname="t") + END)
write_gz("bad-pax-mtime.tgz", pax([("mtime", "soon")]) + good + END)
write_gz("bad-pax-size.tgz", pax([("size", "-5")]) + good + END)
gnu = dict(typeflag=b"L", magic=b"ustar  \0")
limit = 1 << 20
write_gz("gnu-longname-1MiB.tgz", entry("././@LongLink", b"n" * (limit - 1) + b"\0", **gnu) + good + END)
write_gz("bad-gnu-longname-over-1MiB.tgz", entry("././@LongLink", b"n" * limit + b"\0", **gnu) + good + END)
write_gz("bad-pax-over-1MiB.tgz", pax([("comment", "c" * limit)]) + good + END)

# Truncation inside a complete gzip stream.
big = entry("big.bin", bytes(range(256)) * 7)  # 1792 bytes of data, 256 of padding
write_gz("cut-in-header.tgz", good + big[:300])
write_gz("cut-in-data.tgz", good + big[:BLOCK + 1000])
write_gz("cut-in-padding.tgz", good + big[:BLOCK + 1792 + 100])
write_gz("cut-before-padding.tgz", good + big[:BLOCK + 1792])
write_gz("cut-in-second-zero-block.tgz", good + b"\0" * (BLOCK + 200))
write_gz("cut-in-longname.tgz", entry("././@LongLink", b"x" * 2000 + b"\0", **gnu)[:BLOCK + 700])
write_gz("cut-in-pax.tgz", pax([("path", "p" * 900)])[:BLOCK + 400])

# Sparse maps that Go's validateSparseEntries refuses, in each encoding.
def pax_sparse(records, data, name="sparse.bin", size=None):
    return pax(records) + header(name, size=len(data) if size is None else size) + pad(data)

s01 = [("GNU.sparse.major", "0"), ("GNU.sparse.minor", "1"), ("GNU.sparse.name", "s"), ("GNU.sparse.realsize", "100")]
write_gz("bad-sparse-overlap-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "2"), ("GNU.sparse.map", "0,10,5,10")], b"x" * 20) + END)
write_gz("bad-sparse-unordered-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "2"), ("GNU.sparse.map", "50,10,0,10")], b"x" * 20) + END)
write_gz("bad-sparse-out-of-range-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "1"), ("GNU.sparse.map", "95,10")], b"x" * 10) + END)
write_gz("bad-sparse-negative-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "1"), ("GNU.sparse.map", "-1,10")], b"x" * 10) + END)
write_gz("bad-sparse-count-mismatch-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "2"), ("GNU.sparse.map", "0,10")], b"x" * 10) + END)
write_gz("bad-sparse-out-of-range-0.0.tgz",
         pax_sparse([("GNU.sparse.size", "100"), ("GNU.sparse.numblocks", "1"),
                     ("GNU.sparse.offset", "90"), ("GNU.sparse.numbytes", "20")], b"x" * 20) + END)
write_gz("bad-sparse-order-0.0.tgz",
         pax_sparse([("GNU.sparse.size", "100"), ("GNU.sparse.numblocks", "1"),
                     ("GNU.sparse.numbytes", "20"), ("GNU.sparse.offset", "0")], b"x" * 20) + END)
s10 = [("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "s"), ("GNU.sparse.realsize", "100")]
write_gz("bad-sparse-overlap-1.0.tgz", pax_sparse(s10, pad(b"2\n0\n10\n5\n10\n") + b"x" * 20) + END)
write_gz("bad-sparse-token-1.0.tgz", pax_sparse(s10, pad(b"1\nzero\n10\n") + b"x" * 10) + END)
# A 1.0 map number written with 40 leading zeros: strconv.ParseInt takes it (fragment 10+5 of 100 bytes).
write_gz("craft-sparse-1.0-long-number.tgz", pax_sparse(s10, pad(b"1\n" + b"0" * 40 + b"10\n5\n") + b"xxxxx") + END)
write_gz("bad-sparse-map-cut-1.0.tgz", pax_sparse(s10, b"1\n0\n10\n"))  # map shorter than a block
write_gz("bad-sparse-on-directory.tgz",
         pax(s01 + [("GNU.sparse.numblocks", "1"), ("GNU.sparse.map", "0,10")]) + header("d/", typeflag=b"5") + END)
write_gz("bad-sparse-missing-data-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "1"), ("GNU.sparse.map", "0,50")], b"x" * 20) + END)
write_gz("bad-sparse-unreferenced-data-0.1.tgz",
         pax_sparse(s01 + [("GNU.sparse.numblocks", "1"), ("GNU.sparse.map", "0,10")], b"x" * 30) + END)
# A 1.0 map of more than 1 MiB (300000 empty fragments): Go since CVE-2025-58183 stops at 1 MiB.
big_map = pad(b"300000\n" + b"0\n0\n" * 300000)
write_gz("bad-sparse-map-over-1MiB-1.0.tgz", pax_sparse(s10, big_map) + END)


def old_gnu_sparse(name, entries, realsize, data, extended=None):
    """An old GNU 'S' header: four (offset, length) pairs at 386, isextended at 482, realsize at 483."""
    raw = {483: octal(realsize, 12)}
    for i, (o, n) in enumerate(entries[:4]):
        raw[386 + 24 * i] = octal(o, 12)
        raw[398 + 24 * i] = octal(n, 12)
    if extended:
        raw[482] = b"\x01"
    out = header(name, size=len(data), typeflag=b"S", magic=b"ustar  \0", raw=raw)
    if extended:
        ext = bytearray(BLOCK)
        for i, (o, n) in enumerate(extended):
            ext[24 * i:24 * i + 12] = octal(o, 12)
            ext[24 * i + 12:24 * i + 24] = octal(n, 12)
        out += bytes(ext)
    return out + pad(data)


write_gz("bad-sparse-overlap-oldgnu.tgz", old_gnu_sparse("s", [(0, 10), (5, 10)], 100, b"x" * 20) + good + END)
write_gz("bad-sparse-out-of-range-oldgnu-ext.tgz",
         old_gnu_sparse("s", [(0, 1), (2, 1), (4, 1), (6, 1)], 100, b"x" * 5, extended=[(200, 1)]) + good + END)
write_gz("craft-oldgnu-then-file.tgz",
         old_gnu_sparse("s", [(0, 1), (2, 1), (4, 1), (6, 1)], 100, b"x" * 5, extended=[(90, 1)]) + good + END)
write_gz("bad-oldgnu-sparse-in-ustar.tgz", header("s", size=0, typeflag=b"S") + good + END)
