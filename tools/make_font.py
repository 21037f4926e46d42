#!/usr/bin/python3
"""Cuts the embedded CJK font: Noto Sans CJK SC Regular (SIL OFL 1.1), subset to ASCII, common
punctuation and symbols, and every character of GBK (21,886 hanzi and symbols, so rarer characters
in school and place names render too).

Needs Debian's fonts-noto-cjk and python3-fonttools:
    /usr/bin/python3 tools/make_font.py
"""
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SRC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = "assets/fonts/NotoSansSC-Regular-GBK.otf"

chars = set(range(0x20, 0x7F))
chars |= set(range(0xA0, 0x180))          # Latin-1 and Latin Extended-A
chars |= set(range(0x2000, 0x2070))       # general punctuation
chars |= set(range(0x2070, 0x20A0))       # super/subscripts
chars |= set(range(0x2100, 0x2200))       # letterlike, arrows
chars |= set(range(0x2200, 0x2300))       # maths: √ Σ ≤ ≥
chars |= set(range(0x2460, 0x24FF))       # circled numbers
chars |= set(range(0x2500, 0x2600))       # box drawing, shapes
chars |= set(range(0x2600, 0x2800))       # ✓ ✗ and symbols
chars |= set(range(0x3000, 0x3040))       # CJK punctuation
chars |= set(range(0xFF00, 0xFFF0))       # full-width forms
chars |= {0x1D62, 0x0304, 0x00B2}         # ᵢ, combining macron (X̄), ²
for hi in range(0x81, 0xFF):
    for lo in range(0x40, 0xFF):
        if lo == 0x7F:
            continue
        try:
            chars |= {ord(c) for c in bytes([hi, lo]).decode("gbk")}
        except UnicodeDecodeError:
            pass

coll = TTCollection(SRC)
font = coll.fonts[2]  # the Simplified Chinese face
name = font["name"].getDebugName(4)
assert "SC" in name, name
opts = subset.Options()
# pyftsubset's default layout features (kern, liga, ccmp, locl, …), not "*": every feature keeps
# alternates (vertical and width variants) that push glyph ids past 32767, which PDF subsetting
# does not survive.
opts.layout_features = ["kern", "liga", "ccmp", "mark", "mkmk", "calt"]
opts.name_IDs = ["*"]
opts.name_languages = ["*"]
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = False
sub = subset.Subsetter(opts)
sub.populate(unicodes=sorted(chars))
sub.subset(font)
font.save(OUT)
print(name, "->", OUT, len(chars), "code points requested")
