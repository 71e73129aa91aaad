"""The `danvan` console command: the project's manage.py.

Errors in configuration (a bad database URL, a missing secret) end with one clear line, not a traceback.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        print(f"danvan: lỗi cấu hình: {exc}", file=sys.stderr)
        sys.exit(2)
    except OperationalError as exc:
        print(f"danvan: không kết nối được cơ sở dữ liệu (database unreachable): {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
