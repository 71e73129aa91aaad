#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 interpreter (Django 6 needs it), or fails with one clear line.
set -u
candidates=(python3.13 python3.12)
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if "$p" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then echo "$p"; exit 0; fi
done
for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
  [ -x "$p" ] || continue
  if "$p" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then echo "$p"; exit 0; fi
done
p=$(command -v python3 2>/dev/null)
if [ -n "$p" ] && "$p" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then echo "$p"; exit 0; fi
echo "error: Dân Vận needs Python >= 3.12 (Django 6); none found on PATH or under ~/.pyenv/versions" >&2
exit 1
