#!/bin/sh
# `pnpm compare|export|summary -- ARGS`: build core if it is not built (turbo: a cache hit after the
# first time), keeping the build's log back unless it fails, then run the tool itself. turbo prints
# its own header, each task's command and a summary on stdout, where a Markdown summary or an export
# meant for a file or a pipe must be the tool's own output alone.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
log=$(mktemp "${TMPDIR:-/tmp}/tvp-build.XXXXXX")
status=0
(cd "$root" && TURBO_TELEMETRY_DISABLED=1 node_modules/.bin/turbo run build --filter=@tvp/core --output-logs=errors-only) >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  cat "$log" >&2
  rm -f "$log"
  echo "tvp: building @tvp/core failed (its log is above)" >&2
  exit "$status"
fi
rm -f "$log"
# pnpm passes the `--` before the arguments through; the tool ignores it.
exec node "$root/packages/core/dist/cli/tvp.js" "$@"
