"""Certificate PDF rendering: time, memory and size of one PDF of N certificates.

    .venv/bin/python bench/certificates.py                   # 500 certificates, chunk 100 vs one
    .venv/bin/python bench/certificates.py -n 200 --chunks 50,100,0

Each measurement runs in a fresh Python process (this script started again with ``--worker``), so
the peak RSS (``ru_maxrss``) is that of one render and nothing else. Every configuration is run
for 100 certificates and for N; the difference of the two peaks over N - 100 is the memory each
further certificate costs. Chunk 0 means one WeasyPrint document for all certificates. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NAMES = (  # (native, Latin): the six scripts the platform prints
    ("", "Somchai Jaidee"),
    ("สมชาย ใจดี", "Somchai Jaidee"),
    ("សុខា ចាន់", "Sokha Chan"),
    ("ສົມພອນ ພົມມະຈັນ", "Somphone Phommachanh"),
    ("အောင်ကိုကို", "Aung Ko Ko"),
    ("Nguyễn Văn An", "Nguyen Van An"),
)
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def payload(i: int) -> str:
    """A realistic QR text: ``EL1:`` and ~346 Base45 characters, different per certificate."""
    state = 2_654_435_761 * (i + 1)
    chars = []
    for _ in range(346):
        state = (state * 1_103_515_245 + 12_345) % 2**31
        chars.append(BASE45[state % 45])
    return "EL1:" + "".join(chars)


def worker(n: int, chunk: int, out: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from certificates.rendering import CertificateDesign, CertificateSheet, render_pdf

    design = CertificateDesign(
        signatories=(
            ("Pol. Col. Somsak Rattanaporn", "Director, Training Division"),
            ("Dr. Lina Hartono", "Programme Coordinator"),
        ),
    )
    sheets = [
        CertificateSheet(
            holder_native=NAMES[i % 6][0],
            holder_latin=NAMES[i % 6][1],
            course_title="Identifying victims of trafficking at border crossings",
            course_code="TIP-101",
            issued_on=datetime.date(2026, 3, 1),
            expires_on=datetime.date(2028, 3, 1),
            code=f"KH-2026-{i + 1:04d}-7Q",
            payload=payload(i),
            score=f"{70 + i % 30}%",
            issuer_name="Headquarters",
        )
        for i in range(n)
    ]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    pages = render_pdf(sheets, design, out=out, chunk_size=chunk or n)
    seconds = time.perf_counter() - start
    return {
        "n": n,
        "chunk": chunk,
        "seconds": seconds,
        "pages": pages,
        "bytes": Path(out).stat().st_size,
        "rss_before_kib": rss_before,
        "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def measure(n: int, chunk: int, folder: str) -> dict:
    out = os.path.join(folder, f"bench-{n}-{chunk}.pdf")
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(n), str(chunk), out],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
    finally:
        Path(out).unlink(missing_ok=True)
    if done.returncode:
        sys.exit(f"worker failed (n={n}, chunk={chunk}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="certificates in the PDF (500)")
    parser.add_argument(
        "--chunks", default="100,0", help="chunk sizes to compare, 0 = one document (100,0)"
    )
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        n, chunk, out = args.worker
        print(json.dumps(worker(int(n), int(chunk), out)))
        return

    small = min(100, args.n)
    chunks = [int(c) for c in args.chunks.split(",")]
    print(f"Certificates: {args.n} (names cycling through 6 scripts, QR payload 350 chars)")
    header = (
        f"{'layout':<14}{'certs':>6}{'seconds':>9}{'certs/s':>9}{'peak RSS':>10}"
        f"{'render':>9}{'PDF':>10}{'pages':>7}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as folder:
        measure(1, 0, folder)  # warm-up: bytecode and fontconfig caches, not measured
        for chunk in chunks:
            runs = []
            for n in dict.fromkeys((small, args.n)):
                r = measure(n, chunk, folder)
                runs.append(r)
                label = f"chunks of {chunk}" if chunk else "one document"
                print(
                    f"{label:<14}{n:>6}{r['seconds']:>9.1f}{n / r['seconds']:>9.1f}"
                    f"{r['peak_kib'] / 1024:>8.0f}MB"
                    f"{(r['peak_kib'] - r['rss_before_kib']) / 1024:>7.0f}MB"
                    f"{r['bytes'] / 1e6:>8.2f}MB{r['pages']:>7}",
                    flush=True,
                )
                if r["pages"] != n:
                    sys.exit(f"expected {n} pages, got {r['pages']}")
            if len(runs) == 2:
                a, b = runs
                per_cert = (b["peak_kib"] - a["peak_kib"]) / (b["n"] - a["n"])
                print(f"{'':<14}memory growth: {per_cert:.0f} KiB per further certificate")
    print(
        "peak RSS: the process's high-water mark (ru_maxrss); render: that peak minus the "
        "high-water mark before rendering (Django and WeasyPrint loaded)."
    )


if __name__ == "__main__":
    main()
