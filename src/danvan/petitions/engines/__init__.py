"""Pure-Python engines for the petitions module (no Django imports).

* :mod:`.classifier` — suggests the field (lĩnh vực) of a petition.
* :mod:`.dedup` — finds near-duplicate petitions (đơn trùng) with MinHash LSH.
"""

from __future__ import annotations
