#!/usr/bin/env python3
"""Opens the self-assessment draft with python-docx, as a county's staff would open it in Word,
and checks it against `evaluate --json`: the headings follow the standard's areas in Word's heading
styles, every section has its row with its seven values and verdict, and all 14 CVs are in their
table at the shown precision (3 decimals).   check-docx.py DRAFT.docx EVALUATION.json"""
import json
import sys

import docx

doc = docx.Document(sys.argv[1])
ev = json.load(open(sys.argv[2], encoding="utf-8"))
h1 = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
want = ["一、基本情况", "二、资源配置", "三、政府保障程度", "四、教育质量", "五、社会认可度", "六、存在问题", "七、整改措施"]
assert h1 == want, h1
rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
by_name = {}
for r in rows:
    by_name.setdefault(r[0], []).append(r)
for u in ev["units"]:
    found = [r for r in by_name.get(u["name"], []) if len(r) == 10]
    assert found, f"no row for {u['name']}"
    verdicts = {r[9] for r in found}
    assert ("达标" if u["passes"] else "未达标") in verdicts, (u["name"], verdicts)
cv_rows = [r for r in rows if len(r) == 7 and r[0] in ("小学", "初中")]
assert len(cv_rows) == 14, len(cv_rows)
for level, zh in (("primary", "小学"), ("junior", "初中")):
    shown = [r[2] for r in cv_rows if r[0] == zh]
    for (key, c), s in zip(ev["cv"][level].items(), shown):
        assert s.startswith(f"{c['cv']:.3f}"[:5]), (key, c["cv"], s)
print(f"ok: {len(doc.tables)} Word tables, {len(ev['units'])} sections and 14 CVs as evaluated, headings {len(h1)}")
