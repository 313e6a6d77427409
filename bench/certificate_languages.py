"""What printing each certificate in its holder's language costs a batch.

    .venv/bin/python bench/certificate_languages.py          # 100 certificates
    .venv/bin/python bench/certificate_languages.py -n 200

``render_pdf`` lays out consecutive certificates of one design (one language) as one WeasyPrint
document, in chunks of ``CHUNK_SIZE``. A batch keeps its order (post, then name), so in a post
whose officers read two languages the designs may alternate from one certificate to the next:
then every certificate is a document of its own. This renders N certificates once in one
language and once alternating English and Khmer, after one unmeasured warm-up, and prints the
wall seconds of each. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100, help="certificates (default 100)")
    n = parser.parse_args().n
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from certificates.rendering import CertificateDesign, CertificateSheet, render_pdf

    sheets = [
        CertificateSheet(
            holder_native="",
            holder_latin=f"Officer {i}",
            course_title="Identifying victims of trafficking at border crossings",
            course_code="TIP-101",
            issued_on=datetime.date(2026, 12, 3),
            expires_on=datetime.date(2028, 12, 3),
            code=f"KH-2026-{i + 1:04d}-7Q",
            payload="EL1:" + "0123456789ABCDEF" * 21,
        )
        for i in range(n)
    ]
    english, khmer = CertificateDesign(language="en"), CertificateDesign(language="km")
    layouts = [
        ("one language", english),
        ("alternating en/km", [khmer if i % 2 else english for i in range(n)]),
    ]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "batch.pdf"
        render_pdf(sheets[:2], [english, khmer], out=out)  # warm-up: fonts, templates
        for label, designs in layouts:
            start = time.perf_counter()
            pages = render_pdf(sheets, designs, out=out)
            seconds = time.perf_counter() - start
            print(f"{label:<18} {pages:>5} certificates  {seconds:6.1f} s")


if __name__ == "__main__":
    main()
