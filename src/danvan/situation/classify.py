"""Which topic of the editable taxonomy a petition field or a text falls under.

A petition has its field (the officer's, or the field classifier's after analysis); `Topic.petition_fields`
is the editable mapping field → topic. A text without a field (a dialogue question, a press event) is read
by the same classifier in the worker (`petitions.services.suggest_field`); the topic keywords (folded
match) are the fallback when the classifier is unsure or reads only "other"."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core.text import fold_words
from danvan.situation.models import Topic

OTHER = "khac"
#: the classifier's probability from which its field decides a free text's topic
MIN_PROBABILITY = 0.5


@dataclass(frozen=True)
class Taxonomy:
    by_field: dict[str, int]
    keywords: list[tuple[str, int]]  # (folded phrase, topic id), longest first
    other_id: int | None

    def for_field(self, field_code: str | None) -> int | None:
        if field_code and field_code in self.by_field:
            return self.by_field[field_code]
        return self.other_id

    def for_classified(
        self,
        text: str,
        suggestion: tuple[str, float] | None,
        *,
        fallback: bool = True,
        min_probability: float = MIN_PROBABILITY,
    ) -> int | None:
        """The topic of the classifier's field when it is sure enough and maps to a topic other than
        "other"; else the keywords' (`for_text`)."""
        if suggestion is not None:
            code, probability = suggestion
            topic = self.by_field.get(code)
            if probability >= min_probability and topic is not None and topic != self.other_id:
                return topic
        return self.for_text(text, fallback=fallback)

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
