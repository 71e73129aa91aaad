"""Every URL pattern of the project, walked from the root resolver, with sample arguments filled in."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    pattern: str
    kwargs: tuple[tuple[str, str], ...]  # (argument, converter kind)


def _leaves(patterns: list[Any], namespace: str = "", prefix: str = "") -> list[Route]:
    out: list[Route] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
            out += _leaves(p.url_patterns, ns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            converters = getattr(p.pattern, "converters", {}) or {}
            groups = list(p.pattern.regex.groupindex)
            kwargs = tuple(
                (g, "int" if isinstance(converters.get(g), IntConverter) else "str") for g in groups
            )
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            out.append(Route(name=name, pattern=prefix + str(p.pattern), kwargs=kwargs))
    return out


def all_routes() -> list[Route]:
    return _leaves(get_resolver().url_patterns)


def build(route: Route, samples: dict[str, list[Any]]) -> str | None:
    """A concrete URL for the route: the first combination of sample values that reverses."""
    if not route.name:
        return _from_pattern(route, samples)
    names = [arg for arg, _ in route.kwargs]
    choices = [samples.get(arg, []) + samples["_" + kind] for arg, kind in route.kwargs]
    for combo in itertools.islice(itertools.product(*choices), 200):
        try:
            return reverse(route.name, kwargs=dict(zip(names, combo, strict=True)))
        except NoReverseMatch:
            continue
    return None


_TOKEN = re.compile(r"<(?:(\w+):)?(\w+)>")


def _from_pattern(route: Route, samples: dict[str, list[Any]]) -> str | None:
    """Unnamed `path()` routes (admin redirects): fill `<conv:name>` in the pattern text."""
    if any(ch in route.pattern for ch in "^$(\\"):
        return None  # an unnamed regular expression: nothing to fill in reliably

    def fill(match: re.Match[str]) -> str:
        kind = "int" if match.group(1) == "int" else "str"
        return str((samples.get(match.group(2), []) + samples["_" + kind])[0])

    return "/" + _TOKEN.sub(fill, route.pattern)
