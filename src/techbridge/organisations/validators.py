from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED_LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
MAX_LOGO_PIXELS = 4096


def validate_logo(upload) -> None:
    if upload.size > settings.MAX_LOGO_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_LOGO_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_image"
        ) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if image_format not in ALLOWED_LOGO_FORMATS:
        raise ValidationError(
            _("This file is not a PNG, JPEG, WebP or GIF image."), code="not_image"
        )
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        raise ValidationError(
            _("The logo may be at most %(max)s × %(max)s pixels."),
            code="too_many_pixels",
            params={"max": MAX_LOGO_PIXELS},
        )
