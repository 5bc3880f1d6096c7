#!/bin/sh
# The report's browser tests drive Debian's Chromium (/usr/bin/chromium) through playwright-core.
# Install it when missing and we may (root, apt-get); otherwise say exactly what is needed.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (about a minute)..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "error: the browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium' (Debian/Ubuntu) or set CHROMIUM_PATH" >&2
exit 1
