"""Fixtures for the engagement tests."""

from __future__ import annotations
