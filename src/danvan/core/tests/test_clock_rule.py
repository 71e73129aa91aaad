"""The clock rule, checked on the source: a Vietnamese day is never read off a UTC instant.

A date taken from an aware datetime without converting it first is the day in UTC, which is the
previous day from 00:00 to 07:00 in Vietnam. The rule is checked over product code, tests and
benchmarks alike; `danvan.core.clock` is the one place allowed to call `.date()` on an instant.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import danvan

ROOT = Path(danvan.__file__).resolve().parent
BENCH = ROOT.parents[1] / "bench"
ALLOWED_FILES = {ROOT / "core" / "clock.py", Path(__file__).resolve()}

# Calls whose result is already a local (or naive, parsed) datetime: `.date()` of them is correct.
_LOCALISING = {"local", "astimezone", "strptime", "fromisoformat", "combine"}
# Names that hold instants (aware datetimes) by the project's naming convention.
_INSTANT = re.compile(r"(^|_)(at|now|instant|moment|timestamp|when)$")
_DATE_DIRECTIVE = re.compile(r"%[dmyYjUWxc]")


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _is_localised(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in _LOCALISING


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        shown = path.relative_to(ROOT.parents[1]) if path.is_relative_to(ROOT.parents[1]) else path
        found.append(f"{shown}:{getattr(node, 'lineno', 0)}: {what}")

    for (
        statement
    ) in tree.body:  # a module-level "today" is the day the module was imported, not the day of use
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            for inner in ast.walk(statement.value):
                if isinstance(inner, ast.Call) and _name(inner.func) in {
                    "today",
                    "now",
                    "localdate",
                    "local_date",
                }:
                    report(
                        statement,
                        "a date or instant frozen at import: call clock.today()/clock.now() when used",
                    )
                    break
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, receiver = node.func.attr, node.func.value
            receiver_name = _name(receiver)
            if attr == "date" and not node.args and not node.keywords and not _is_localised(receiver):
                report(node, "`.date()` of an instant: use clock.local_date(instant)")
            elif attr in {"localdate", "localtime"} and receiver_name == "timezone":
                report(node, f"`timezone.{attr}()`: the one helper is danvan.core.clock")
            elif attr in {"today", "now", "utcnow"} and receiver_name in {"date", "datetime"}:
                report(node, f"`{receiver_name}.{attr}()`: use clock.today() / clock.now()")
            elif (
                attr == "strftime"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and _DATE_DIRECTIVE.search(str(node.args[0].value))
                and _INSTANT.search(receiver_name)
                and not _is_localised(receiver)
            ):
                report(node, "strftime of an instant: use clock.format_date / format_datetime")
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(
                str(part.value) for part in ast.walk(node.format_spec) if isinstance(part, ast.Constant)
            )
            if _DATE_DIRECTIVE.search(spec) and _INSTANT.search(_name(node.value)):
                if not _is_localised(node.value):
                    report(node, "f-string date of an instant: use clock.format_date / format_datetime")
    return found


def _sources() -> list[Path]:
    files = [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
    if BENCH.is_dir():
        files += list(BENCH.rglob("*.py"))
    return sorted(p for p in files if p.resolve() not in ALLOWED_FILES)


def test_no_date_is_taken_from_an_instant_without_converting_it_to_vietnam_time() -> None:
    problems = [problem for path in _sources() for problem in _violations(path)]
    assert not problems, "\n".join(problems)


def test_the_rule_catches_each_form_of_the_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    source = (
        "import datetime as dt\n"
        "def f(p):\n"
        "    a = p.received_at.date()\n"
        "    b = dt.date.today()\n"
        "    c = dt.datetime.now()\n"
        "    d = f'{p.received_at:%d/%m/%Y}'\n"
        "    e = p.created_at.strftime('%d/%m/%Y')\n"
        "    ok1 = clock.local(p.received_at).date()\n"
        "    ok2 = dt.datetime.strptime('01/02/2026', '%d/%m/%Y').date()\n"
        "    ok3 = f'{p.due_date:%d/%m/%Y}'\n"
        "    g = timezone.localdate()\n"
        "    return a, b, c, d, e, ok1, ok2, ok3, g\n"
        "TODAY = clock.today()\n"
    )
    bad.write_text(source, encoding="utf-8")
    lines = sorted(int(p.split(": ", 1)[0].rsplit(":", 1)[1]) for p in _violations(bad))
    assert lines == [3, 4, 5, 6, 7, 11, 13]
