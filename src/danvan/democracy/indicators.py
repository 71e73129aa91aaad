"""Dân chủ ở cơ sở: indicators for the periodic reviews (filled in by a later slice)."""
