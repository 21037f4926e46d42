#!/usr/bin/env bash
# Runs junheng on every file of a hostile corpus (tools/hostile.py) and prints, for each, the exit
# code, seconds and peak memory; fails when any run ends otherwise than 0 or 2, or passes the
# given limits (default 10 s and 1 GB, as issue 12 asks of a release build).
#   tools/hostile-check.sh BINARY DIR [SECONDS] [MEGABYTES]
set -uo pipefail
bin=$1 dir=$2 secs=${3:-10} mb=${4:-1024}
fail=0
printf '%-42s %4s %7s %7s  %s\n' file exit seconds MB 'first line of the message'
for f in "$dir"/*; do
  name=$(basename "$f")
  case $name in
    scenario-*) args=(evaluate --sample --scenario "$f" --json) ;;
    *) args=(evaluate "$f" --json) ;;
  esac
  out=$(mktemp) err=$(mktemp) tm=$(mktemp)
  timeout -s KILL "$((secs * 3))" /usr/bin/time -f '%e %M' -o "$tm" "$bin" "${args[@]}" >"$out" 2>"$err"
  code=$?
  read -r s kb < <(tail -n 1 "$tm")
  mbused=$(( ${kb:-0} / 1024 ))
  msg=$(grep -v '^$' "$err" | head -n 1 | cut -c1-110)
  printf '%-42s %4s %7s %7s  %s\n' "$name" "$code" "$s" "$mbused" "$msg"
  if [ "$code" != 0 ] && [ "$code" != 2 ]; then echo "  FAIL: exit $code"; fail=1; fi
  if [ "$(echo "$s > $secs" | bc)" = 1 ]; then echo "  FAIL: over $secs s"; fail=1; fi
  if [ "$mbused" -gt "$mb" ]; then echo "  FAIL: over $mb MB"; fail=1; fi
  lines=$(wc -l <"$err")
  if [ "$lines" -gt 400 ]; then echo "  FAIL: $lines lines of messages"; fail=1; fi
  rm -f "$out" "$err" "$tm"
done
exit $fail
