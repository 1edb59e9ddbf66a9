"""Public renditions of evidence photos: resized, re-encoded JPEGs with no metadata.

Uploads are already re-encoded without EXIF when they arrive; the public copy is made again
from the pixels only (no ``info``, no ICC, no EXIF), so nothing but the picture leaves.
Renditions live next to the originals in private storage and are made once per width.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from PIL import Image, ImageOps

WIDTHS = (480, 1200)


def rendition_name(attachment, width: int) -> str:
    return f"renditions/{attachment.sha256}-{width}.jpg"


def public_rendition(attachment, width: int) -> str:
    """The storage name of the rendition (made now if missing)."""
    if width not in WIDTHS:
        width = WIDTHS[0]
    storage = storages["private"]
    name = rendition_name(attachment, width)
    if storage.exists(name):
        return name
    with attachment.file.open("rb") as handle:
        image = Image.open(handle)
        image = ImageOps.exif_transpose(image)
        image.thumbnail((width, width * 3))
        pixels = Image.new("RGB", image.size, (255, 255, 255))
        pixels.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
    buffer = io.BytesIO()
    pixels.save(buffer, "JPEG", quality=82, optimize=True)
    saved = storage.save(name, ContentFile(buffer.getvalue()))
    if saved != name:  # another request made it at the same moment: keep one copy
        storage.delete(saved)
    return name
