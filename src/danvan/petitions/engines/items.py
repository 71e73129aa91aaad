"""The item other modules hand to the same-matter grouping (light: no NumPy, no MinHash).

Other modules build :class:`SourceItem` through `petitions.selectors` (which re-exports it) and call
`petitions.selectors.group_same_matter`; the engine (`matter.group_items`) is imported only then.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceItem:
    """One text from any source: a petition, a dialogue question, a situation report, a press event.

    ``source`` names the kind of item ("petition", "dialogue_question", ...), ``id`` its key in that
    source (both are handed back untouched). ``unit`` is the unit's materialised path
    ("VN/20/06253/") or code; two items whose units are both set and neither contains the other are
    about different places and never grouped."""

    source: str
    id: str
    text: str
    unit: str = ""
