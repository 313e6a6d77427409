"""Read a QR code from a photo, for the verification page (zxing-cpp)."""

from __future__ import annotations

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a phone photo is ~12 MP; refuse decompression bombs


def read_qr(upload) -> str | None:
    """The text of the first QR code in an uploaded image, or None if there is none (or the
    file is not an image we can read)."""
    import zxingcpp

    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                return None
            image.load()
            results = zxingcpp.read_barcodes(image.convert("L"))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    for result in results:
        if result.format == zxingcpp.BarcodeFormat.QRCode and result.text:
            return result.text
    return None
