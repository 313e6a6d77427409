"""Read a QR code from a photo, for the verification page (zxing-cpp).

A photo is bounded before a pixel is decoded: its width and height come from the image header
(Pillow opens lazily), and one over ``ELEARNING_QR_PHOTO_MAX_PIXELS`` (about 12 megapixels: a
phone's camera) is refused with ``PhotoTooLarge``. Decoding a blank 6300 x 6300 image cost 1.9 s
of CPU; anyone may post to /verify/.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError


class PhotoTooLarge(ValueError):
    """The photo has more pixels than the page reads; ``str()`` is for the person."""


def read_qr(upload) -> str | None:
    """The text of the first QR code in an uploaded image, or None if there is none (or the
    file is not an image we can read). Raises ``PhotoTooLarge`` before decoding a photo of
    more than ``ELEARNING_QR_PHOTO_MAX_PIXELS``."""
    import zxingcpp

    limit = settings.ELEARNING_QR_PHOTO_MAX_PIXELS
    too_large = _(
        "This photo has %(mp)s megapixels; take one of at most %(max)s megapixels (or crop it to"
        " the QR code)."
    )
    try:
        with Image.open(upload) as image:
            pixels = image.width * image.height
            if pixels > limit:
                raise PhotoTooLarge(
                    too_large % {"mp": round(pixels / 1e6, 1), "max": limit // 10**6}
                )
            image.load()
            results = zxingcpp.read_barcodes(image.convert("L"))
    except Image.DecompressionBombError:  # Pillow's own bound, far above ours
        raise PhotoTooLarge(too_large % {"mp": "> 100", "max": limit // 10**6}) from None
    except PhotoTooLarge:
        raise
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    for result in results:
        if result.format == zxingcpp.BarcodeFormat.QRCode and result.text:
            return result.text
    return None
