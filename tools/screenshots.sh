#!/usr/bin/env bash
# Runs the real binary in a virtual X display (Mesa llvmpipe, glow renderer), waits for its
# window, screenshots every panel into test-output/, checks it is still alive after 10 s and that
# the screenshots are not blank. Needs: xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0
# imagemagick xdotool. Usage: tools/screenshots.sh BINARY [OUTDIR [FILE PREFIX]]: with FILE, the
# app opens it (a data file or a .junheng project) and the screenshots are named PREFIX-*.png.
set -euo pipefail
bin=$1
out=${2:-test-output}
file=${3:-}
prefix=${4:-}
[ -n "$prefix" ] && prefix="$prefix-"

mkdir -p "$out"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi
# Debian's ImageMagick, not a stand-in that may come earlier on PATH.
convert=/usr/bin/convert
[ -x "$convert" ] || convert=$(command -v convert)
home=$(mktemp -d)   # fresh settings: first start shows the sample county
HOME=$home XDG_DATA_HOME=$home/.local/share JUNHENG_TIMING=1 "$bin" $file >"$out/${prefix}app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$home"' EXIT
start=$(date +%s.%N)
win=""
for _ in $(seq 1 300); do
  win=$(xdotool search --name "junheng" 2>/dev/null | head -n 1 || true)
  [ -n "$win" ] && break
  sleep 0.05
done
[ -n "$win" ] || { echo "FAIL: no window appeared"; cat "$out/${prefix}app.log"; exit 1; }
printf 'window up after %.2f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
sleep 2
shot() {
  local f="$out/$prefix$1.png"
  import -window root "$f"
  sd=$("$convert" "$f" -colorspace Gray -format "%[fx:standard_deviation]" info:)
  colors=$("$convert" "$f" -format "%k" info:)
  echo "$prefix$1.png: grey SD $sd, $colors colours"
  awk -v sd="$sd" -v c="$colors" 'BEGIN { exit !(sd > 0.02 && c > 50) }' \
    || { echo "FAIL: $f looks blank"; exit 1; }
}
click() { xdotool mousemove "$1" "$2" click 1; sleep 1.5; }
shot overview
# The tab bar under the menu: 指标, 学校, 达标矩阵, 数据表, 方案, 方案比较, 达标总览, 标准, 生成方案.
click 86 43;  shot indicator
click 140 43; shot school
click 207 43; shot matrix
click 285 43; shot table
click 347 43; shot scenario
click 425 43; shot compare
click 505 43; shot readiness
click 566 43; shot standard
click 637 43; shot plan
# Run the planner from its panel (the 生成方案 button under the heading) and look at the result.
click 53 175
sleep 3; shot plan-result
click 31 43
# Presentation mode: F5, the first slides, Esc.
xdotool windowfocus "$win" 2>/dev/null || true
xdotool key --window "$win" F5; sleep 1.5; shot slide-1
for i in 2 3 4; do xdotool key --window "$win" Right; sleep 1; shot "slide-$i"; done
xdotool key --window "$win" Escape; sleep 1
sleep 10
if kill -0 $pid 2>/dev/null; then
  echo "alive after the screenshots and 10 s more"
else
  echo "FAIL: the app exited"; cat "$out/${prefix}app.log"; exit 1
fi
cat "$out/${prefix}app.log"
