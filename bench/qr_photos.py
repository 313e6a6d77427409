"""What a QR photo posted to /verify/ costs: CPU to refuse one over the pixel limit (read from
its header) against CPU to decode one just under it.

    .venv/bin/python bench/qr_photos.py

Prints one line per photo: size, megapixels, PNG bytes, what ``read_qr`` did, CPU seconds.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from PIL import Image

    from certificates.qr import PhotoTooLarge, read_qr

    print(f"limit: {settings.ELEARNING_QR_PHOTO_MAX_PIXELS / 1e6:.1f} MP")
    for side in (6300, 3460, 2000):
        data = io.BytesIO()
        Image.new("L", (side, side), 255).save(data, "PNG")
        started = time.process_time()
        try:
            what = f"decoded, QR text {read_qr(io.BytesIO(data.getvalue()))!r}"
        except PhotoTooLarge:
            what = "refused from its header"
        spent = time.process_time() - started
        print(
            f"{side} x {side} ({side * side / 1e6:.1f} MP, {len(data.getvalue()) // 1024} kB PNG):"
            f" {what}, {spent:.3f} s CPU"
        )


if __name__ == "__main__":
    main()
