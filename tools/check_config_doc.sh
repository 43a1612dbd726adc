#!/usr/bin/env bash
# docs/configuration.md must contain exactly what `shouwang config describe` prints.
set -euo pipefail
bin=$1 doc=$2
want=$("$bin" config describe)
if ! grep -qF -- "$(echo "$want" | head -n 3 | tail -n 1)" "$doc" || \
   [[ "$(sed -n '/^| key |/,$p' "$doc")" != "$want" ]]; then
  echo "docs/configuration.md is out of date; regenerate its table with: shouwang config describe"
  diff <(echo "$want") <(sed -n '/^| key |/,$p' "$doc") || true
  exit 1
fi
echo "configuration reference matches the schema"
