"""The layout of docs/ARCHITECTURE.md holds: layer contracts, no import cycle, each module imports alone,
every environment variable settings.py reads is documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

SRC = Path(__file__).resolve().parents[2]
PROJECT = SRC.parent


def _product_graph() -> tuple[list[str], dict[str, set[str]]]:
    graph = grimp.build_graph("danvan", "danvan_devtools")
    modules = sorted(m for m in graph.modules if ".tests" not in m and not m.endswith(".conftest"))
    known = set(modules)
    return modules, {m: graph.find_modules_directly_imported_by(m) & known for m in modules}


def _cycles(modules: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_is_part_of_an_import_cycle_not_even_through_imports_inside_functions() -> None:
    modules, edges = _product_graph()
    assert _cycles(modules, edges) == []


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function() -> None:
    assert _cycles(["a", "b", "c"], {"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_core_imports_no_app_above_it() -> None:
    modules, edges = _product_graph()
    above = [
        (m, target)
        for m in modules
        if m.startswith("danvan.core.")
        for target in edges[m]
        if not target.startswith("danvan.core")
    ]
    assert above == []


def test_the_import_contracts_of_pyproject_hold() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_each_module_imports_alone() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "DJANGO_SETTINGS_MODULE": "danvan.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "danvan.tests.import_alone"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert ", 0 failed" in result.stdout


def test_every_environment_variable_settings_reads_is_in_env_example() -> None:
    settings_text = (SRC / "danvan" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_\w+\(\s*"(DANVAN_\w+)"', settings_text))
    read |= set(re.findall(r'_required_secret\(\s*"(DANVAN_\w+)"', settings_text))
    listed = set(re.findall(r"\b(DANVAN_\w+)=", (PROJECT / ".env.example").read_text(encoding="utf-8")))
    assert read, "settings.py reads its variables through danvan.env"
    assert sorted(read - listed) == []


def test_no_module_reads_a_setting_with_a_second_default() -> None:
    offenders = []
    for path in sorted((SRC / "danvan").rglob("*.py")):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"getattr\(\s*settings\s*,", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
