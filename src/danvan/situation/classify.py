"""Which topic of the editable taxonomy a text or a petition field falls under (folded keyword match)."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core.text import fold_words
from danvan.situation.models import Topic

OTHER = "khac"


@dataclass(frozen=True)
class Taxonomy:
    by_field: dict[str, int]
    keywords: list[tuple[str, int]]  # (folded phrase, topic id), longest first
    other_id: int | None

    def for_field(self, field_code: str | None) -> int | None:
        if field_code and field_code in self.by_field:
            return self.by_field[field_code]
        return self.other_id

    def for_text(self, text: str, *, fallback: bool = True) -> int | None:
        folded = f" {fold_words(text)} "
        for phrase, topic_id in self.keywords:
            if f" {phrase} " in folded:
                return topic_id
        return self.other_id if fallback else None


def taxonomy() -> Taxonomy:
    """The active topics as lookups (one query)."""
    by_field: dict[str, int] = {}
    keywords: list[tuple[str, int]] = []
    other_id = None
    for t in Topic.objects.filter(is_active=True).order_by("order", "code"):
        if t.code == OTHER:
            other_id = t.pk
        for code in t.petition_fields or []:
            by_field.setdefault(str(code), t.pk)
        for line in (t.keywords or "").splitlines():
            phrase = fold_words(line)
            if phrase:
                keywords.append((phrase, t.pk))
    keywords.sort(key=lambda k: -len(k[0]))
    return Taxonomy(by_field=by_field, keywords=keywords, other_id=other_id)
