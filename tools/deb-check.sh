#!/usr/bin/env bash
# Builds the .deb with cargo-deb, installs it with apt-get as a user would, checks what it put
# where (binary on PATH, desktop entry valid, icons, MIME type), runs the installed program (its
# version, the sample's evaluation, its window under Xvfb for a screenshot), then removes the
# package and checks that nothing it installed is left.
#   tools/deb-check.sh OUTDIR        (as root; needs cargo-deb, dpkg-dev, desktop-file-utils)
set -euo pipefail
out=${1:-test-output}
mkdir -p "$out"
export DEBIAN_FRONTEND=noninteractive

cargo deb
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
deb=target/debian/junheng_${version}_amd64.deb
[ -f "$deb" ] || { echo "FAIL: $deb was not built"; ls target/debian; exit 1; }
echo "built $deb ($(stat -c %s "$deb") bytes)"
dpkg-deb -f "$deb" Depends | tee "$out/deb-depends.txt"
for lib in libgl1 libegl1 libxkbcommon-x11-0 libwayland-client0 libc6; do
  grep -q "$lib" "$out/deb-depends.txt" || { echo "FAIL: Depends lacks $lib"; exit 1; }
done
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./#/#' | grep -v '/$' > "$out/deb-files.txt"

apt-get install -y -qq "./$deb" >/dev/null
echo "installed: $(command -v junheng)"
[ "$(command -v junheng)" = /usr/bin/junheng ] || { echo "FAIL: junheng is not /usr/bin/junheng on PATH"; exit 1; }
junheng --version | tee "$out/deb-version.txt"
grep -qx "junheng $version" "$out/deb-version.txt" || { echo "FAIL: --version"; exit 1; }
junheng evaluate --sample --json > "$out/deb-sample.json"
python3 - "$out/deb-sample.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
units = d["units"]
assert len(units) > 10, len(units)
assert all("passes" in u for u in units)
print(f"the installed binary evaluated the sample: {len(units)} sections")
PY
desktop-file-validate /usr/share/applications/junheng.desktop
grep -q '^Exec=junheng %F$' /usr/share/applications/junheng.desktop
grep -q 'application/x-junheng-project' /usr/share/applications/junheng.desktop
for s in 48x48 128x128 256x256; do
  [ -f "/usr/share/icons/hicolor/$s/apps/junheng.png" ] || { echo "FAIL: no $s icon"; exit 1; }
done
[ -f /usr/share/icons/hicolor/scalable/apps/junheng.svg ]
[ -f /usr/share/mime/packages/junheng.xml ]
# With shared-mime-info installed, dpkg's trigger has registered the type for .junheng files.
if command -v update-mime-database >/dev/null; then
  grep -q 'application/x-junheng-project' /usr/share/mime/globs2 \
    || { echo "FAIL: the MIME type was not registered"; exit 1; }
  echo "the MIME type application/x-junheng-project is registered for *.junheng"
fi

# The installed window, as the menu starts it: alive after 8 s, and not blank.
home=$(mktemp -d)
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  HOME='"$home"' XDG_DATA_HOME='"$home"'/.local/share junheng >'"$out"'/deb-window.log 2>&1 &
  pid=$!
  sleep 8
  import -window root '"$out"'/deb-window.png
  kill -0 $pid || { echo "FAIL: the installed window exited"; cat '"$out"'/deb-window.log; exit 1; }
  kill $pid
'
colors=$(convert "$out/deb-window.png" -format %k info:)
echo "the installed window's screenshot has $colors colours"
[ "$colors" -gt 20 ] || { echo "FAIL: the installed window looks blank"; exit 1; }
rm -rf "$home"

dpkg -r junheng >/dev/null
hash -r
if command -v junheng >/dev/null; then echo "FAIL: junheng still on PATH after dpkg -r"; exit 1; fi
left=0
while read -r f; do
  if [ -e "$f" ] && [ "${f#/usr/share/doc/junheng/}" = "$f" ]; then echo "left behind: $f"; left=1; fi
done < "$out/deb-files.txt"
[ -d /usr/share/doc/junheng ] && [ -n "$(ls -A /usr/share/doc/junheng 2>/dev/null)" ] && { echo "left behind: /usr/share/doc/junheng"; left=1; }
[ $left -eq 0 ] || { echo "FAIL: dpkg -r left files"; exit 1; }
echo "ok: the package built, installed, ran, and was removed without a trace"
