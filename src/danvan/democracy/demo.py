"""Demo data for grassroots democracy (filled in by a later slice)."""
