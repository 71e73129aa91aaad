"""A translated string evaluated when its module is imported is frozen in the language of that moment
(Vietnamese): labels, column headers and messages declared at module or class level must be lazy."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]  # src


def _eager_names(tree: ast.Module, lazy: bool = False) -> set[str]:
    """The local names bound to the non-lazy gettext functions (`gettext as _`, `gettext`, `pgettext`), or
    with `lazy` to the lazy ones (`gettext_lazy as _`)."""
    wanted = {"gettext", "pgettext", "ngettext", "npgettext"}
    if lazy:
        wanted = {f"{name}_lazy" for name in wanted}
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                if alias.name in wanted:
                    names.add(alias.asname or alias.name)
    return names


def _import_time_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    eager = _eager_names(tree)
    lazy = _eager_names(tree, lazy=True)
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue  # evaluated when called, in the reader's language
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in eager:
                found.append(f"{path.relative_to(SRC)}:{child.lineno}")
            # `_("… %(n)s") % {...}` formats a lazy string there and then: the result is no longer lazy
            if (
                isinstance(child, ast.BinOp)
                and isinstance(child.op, ast.Mod)
                and isinstance(child.left, ast.Call)
                and isinstance(child.left.func, ast.Name)
                and child.left.func.id in lazy
            ):
                found.append(f"{path.relative_to(SRC)}:{child.lineno} (a lazy string formatted at import)")
            visit(child)

    visit(tree)
    return found


def test_no_translated_string_is_evaluated_when_its_module_is_imported() -> None:
    problems = [
        problem
        for path in sorted((SRC / "danvan").rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for problem in _import_time_calls(path)
    ]
    assert not problems, "use gettext_lazy at module and class level:\n" + "\n".join(problems)
