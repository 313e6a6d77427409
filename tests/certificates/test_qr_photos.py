"""QR photos on /verify/ are bounded: by pixels read from the header before any decoding, and
by bytes while the upload streams."""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image


def _png(image: Image.Image, name="photo.png") -> SimpleUploadedFile:
    data = io.BytesIO()
    image.save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def test_a_photo_of_more_than_12_megapixels_is_refused_with_a_clear_message(client, db):
    huge = _png(Image.new("L", (4000, 4000), 255))  # 16 MP, a few kB of PNG
    page = client.post(reverse("certificates:verify"), {"image": huge})
    html = page.content.decode()
    assert page.status_code == 200
    assert "This photo has 16.0 megapixels; take one of at most 12 megapixels" in html
    assert "No QR code could be read" not in html


def test_a_photo_larger_than_the_byte_limit_is_refused_while_it_streams(client, db, settings):
    settings.ELEARNING_QR_PHOTO_MAX_BYTES = 50_000
    noise = Image.frombytes("L", (400, 400), os.urandom(160_000))  # ~160 kB of PNG
    page = client.post(reverse("certificates:verify"), {"image": _png(noise)})
    html = page.content.decode()
    assert "This photo is larger than 48.8\xa0KB; take a smaller one." in html
    assert "No QR code could be read" not in html
