#!/usr/bin/env python3
"""Opens junheng's PowerPoint deck with python-pptx (as another program would) and checks it.

usage: check-deck.py DECK.pptx TITLE EVALUATION.json

EVALUATION.json is `junheng evaluate … --json` of the same data and scenario. Checks: the deck
opens; the first slide carries TITLE; every indicator chart is a native chart whose categories,
over an indicator's slides, are every section of its level; no slide text carries the app's
controls; no number in slide text shows four or more decimals. Prints what it saw.
"""
import json
import re
import sys

from pptx import Presentation

deck, title, evaluation = sys.argv[1], sys.argv[2], sys.argv[3]
ev = json.load(open(evaluation, encoding="utf-8"))
names = {}
for u in ev["units"]:
    names.setdefault(u["section"], set()).add(u["name"])
level_zh = {"primary": "小学", "junior": "初中"}

prs = Presentation(deck)
slides = list(prs.slides)
first = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
assert title in first, f"the title slide does not carry {title!r}: {first!r}"

problems = []
charts = 0
# (slide title without its level, level) -> categories seen
seen = {}
for i, slide in enumerate(slides, 1):
    slide_title = slide.shapes.title.text if slide.shapes.title else ""
    for sh in slide.shapes:
        if sh.has_text_frame:
            text = sh.text_frame.text
            if any(w in text for w in ("退出演示", "PageDown", "保存全部幻灯片")):
                problems.append(f"slide {i}: app controls: {text!r}")
            if re.search(r"\d\.\d{4,}", text):
                problems.append(f"slide {i}: four decimals: {text!r}")
        if sh.has_table:
            for row in sh.table.rows:
                for cell in row.cells:
                    if re.search(r"\d\.\d{4,}", cell.text):
                        problems.append(f"slide {i}: four decimals in a table: {cell.text!r}")
        if sh.has_chart:
            charts += 1
            chart = sh.chart
            cats = list(chart.plots[0].categories)
            chart_title = chart.chart_title.text_frame.text if chart.has_title else ""
            level = next((k for k, v in level_zh.items() if chart_title.startswith(v)), None)
            if level and not slide_title.startswith("校际差异系数"):
                indicator = re.sub(r"（(小学|初中)(，续)?）$", "", slide_title)
                seen.setdefault((indicator, level), []).extend(cats)

for (indicator, level), cats in seen.items():
    if set(cats) != names[level] or len(cats) != len(set(cats)):
        missing = names[level] - set(cats)
        problems.append(f"{indicator} {level}: {len(cats)} bars; missing {sorted(missing)}")

print(f"{deck}: {len(slides)} slides, {charts} native charts, "
      f"{len(seen)} indicator charts by level, each naming every section")
if problems:
    print("\n".join(problems))
    sys.exit(1)
