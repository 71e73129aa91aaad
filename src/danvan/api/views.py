"""Giao diện lập trình (API): views."""

from __future__ import annotations
