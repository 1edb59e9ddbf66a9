"""Checking uploads by their content, not their name, and making images safe to show.

Accepted: JPEG, PNG, WebP and PDF up to SAMBAT_ATTACHMENT_MAX_BYTES. Images are decoded and
re-encoded, which drops EXIF (GPS position, camera serial) and anything appended to the file;
PDFs that carry scripts, launch actions or embedded files are refused.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Refuse images larger than this many pixels (a 40-megapixel photo is already generous);
# guards against decompression bombs: tiny files that expand to gigabytes in memory.
MAX_IMAGE_PIXELS = 40_000_000

_PDF_DANGEROUS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


@dataclass(frozen=True)
class CleanFile:
    data: bytes
    content_type: str
    original_name: str


def sniff(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    return None


def _read_capped(upload, limit: int) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    if hasattr(upload, "chunks"):
        buffer = bytearray()
        for chunk in upload.chunks():
            buffer.extend(chunk)
            if len(buffer) > limit:
                break
        return bytes(buffer)
    return upload.read(limit + 1)


def _reencode_image(data: bytes, content_type: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("Gambar terlalu besar (%(w)s×%(h)s piksel).") % {"w": width, "h": height},
                        code="too_many_pixels",
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                output = io.BytesIO()
                if content_type == "image/jpeg":
                    if image.mode not in ("RGB", "L"):
                        image = image.convert("RGB")
                    image.save(output, "JPEG", quality=85, optimize=True)
                elif content_type == "image/png":
                    image.save(output, "PNG", optimize=True)
                else:
                    image.save(output, "WEBP", quality=85)
                return output.getvalue()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("Gambar terlalu besar untuk diproses."), code="too_many_pixels"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Gambar rusak atau tidak dapat dibaca."), code="broken_image"
        ) from exc


def clean_upload(upload, name: str | None = None) -> CleanFile:
    """Validate one uploaded file; raise ValidationError with a message for the uploader."""
    limit = settings.SAMBAT_ATTACHMENT_MAX_BYTES
    original_name = (name or getattr(upload, "name", "") or "lampiran")[-255:]
    data = _read_capped(upload, limit)
    if len(data) > limit:
        raise ValidationError(
            _("Berkas %(name)s terlalu besar: maksimal %(limit)s.")
            % {"name": original_name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("Berkas %(name)s kosong.") % {"name": original_name}, code="empty")
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(
            _("Berkas %(name)s bukan foto (JPEG, PNG, WebP) atau PDF.") % {"name": original_name},
            code="unsupported_type",
        )
    if content_type == "application/pdf":
        if any(marker in data for marker in _PDF_DANGEROUS):
            raise ValidationError(
                _("PDF %(name)s berisi skrip atau berkas tersembunyi dan tidak dapat diterima.")
                % {"name": original_name},
                code="unsafe_pdf",
            )
    else:
        data = _reencode_image(data, content_type)
    return CleanFile(data=data, content_type=content_type, original_name=original_name)
