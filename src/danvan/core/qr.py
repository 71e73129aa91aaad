"""QR codes as inline SVG (the `qrcode` package, no image library): receipts print the tracking link."""

from __future__ import annotations

import qrcode
from qrcode.image.svg import SvgPathImage


def svg(text: str, *, size_mm: int = 30) -> str:
    """The QR code of `text` as an `<svg>` element (no XML declaration), `size_mm` wide on paper."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, image_factory=SvgPathImage
    )
    code.add_data(text)
    code.make(fit=True)
    markup = code.make_image().to_string(encoding="unicode")
    markup = markup.split("?>", 1)[-1].strip() if markup.startswith("<?xml") else markup
    head, rest = markup.split(' version="', 1)
    head = head.split(" width=", 1)[0]
    return f'{head} role="img" aria-label="QR" width="{size_mm}mm" height="{size_mm}mm" version="{rest}'
