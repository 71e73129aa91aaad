"""Pure-Python extraction engine for press reports on mass-mobilisation work (no Django)."""

from __future__ import annotations

from .clean import clean_text, decode_bytes, html_to_text
from .errors import ExtractionError
from .extract import extract
from .fingerprint import content_fingerprint, is_near_duplicate, similarity

__all__ = [
    "ExtractionError",
    "clean_text",
    "content_fingerprint",
    "decode_bytes",
    "extract",
    "html_to_text",
    "is_near_duplicate",
    "similarity",
]
