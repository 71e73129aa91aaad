"""Imports every module of the project alone, each in a process of its own.

The parent sets Django up once (the app registry: models, app configs); each module is then imported in
a child forked from it, so nothing else of the project is loaded before it. `python -m
danvan.tests.import_alone` prints one line per module that fails (an import cycle that works only in some
orders, a module relying on another's side effects). Run by `test_layout`.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import traceback

SKIP = ("danvan.__main__", "danvan.conftest")


def modules() -> list[str]:
    import danvan
    import danvan_devtools

    names = []
    for package in (danvan, danvan_devtools):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".tests" in info.name or info.name in SKIP:
                continue
            names.append(info.name)
    return [package.__name__ for package in (danvan, danvan_devtools)] + names


def _import_alone(name: str) -> str:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: import the one module, report
        os.close(read)
        code = 0
        try:
            importlib.import_module(name)
        except BaseException:  # noqa: BLE001 - every failure is reported to the parent
            os.write(write, traceback.format_exc(limit=3).encode()[-2000:])
            code = 1
        os.close(write)
        os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    return "" if status == 0 else f"{name}: {message.strip().splitlines()[-1] if message else status}"


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    names = modules()
    failures = [f for f in map(_import_alone, names) if f]
    for failure in failures:
        sys.stdout.write(failure + "\n")
    sys.stdout.write(f"{len(names)} modules, {len(failures)} failed\n")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
