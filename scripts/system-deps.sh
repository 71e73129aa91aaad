#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing (run as root, as on CI).
# chromium: browser tests; libreoffice-writer-nogui + poppler-utils: DOCX -> PDF layout check;
# gettext: translations;
# npm: the front-end libraries served from our own static files.
set -eu
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui fonts-liberation)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v npm >/dev/null 2>&1 || need+=(npm)
# WeasyPrint (PDF receipts and letters) loads Pango at run time.
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
