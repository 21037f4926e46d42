#!/usr/bin/env bash
# The command-line figures of the README's Speed table: a generated county of 200,000 schools,
# `evaluate --summary` and `evaluate --json` (to a file), each run 5 times; the fastest and the
# slowest wall time, and the peak memory; and the same evaluation in pandas when it is installed
# (tools/pandas_evaluate.py).   tools/speed.sh [BINARY]
set -euo pipefail
bin=${1:-target/release/junheng}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" generate --schools 200000 --out "$dir/big.csv"
run() {
  local what=$1; shift
  local times=() mem=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%e %M' -o "$dir/t" "$@" >"$dir/out" 2>/dev/null
    read -r s kb <"$dir/t"
    times+=("$s"); [ "$kb" -gt "$mem" ] && mem=$kb
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s %s–%s s wall, %d MB peak, %s MB written\n' "$what" "$(echo "$sorted" | head -1)" \
    "$(echo "$sorted" | tail -1)" $((mem / 1024)) $(( $(stat -c %s "$dir/out") / 1000000 ))
}
run "evaluate --summary" "$bin" evaluate "$dir/big.csv" --summary
run "evaluate --json > file" "$bin" evaluate "$dir/big.csv" --json
if python3 -c 'import pandas' 2>/dev/null; then
  run "pandas (tools/pandas_evaluate.py)" python3 "$(dirname "$0")/pandas_evaluate.py" "$dir/big.csv"
fi
