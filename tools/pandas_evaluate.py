#!/usr/bin/env python3
"""A vectorised pandas evaluation of a generated county (`junheng generate`), for comparing
speed with `junheng evaluate FILE --summary` (issue 12). It follows the 2017 standard as the app
does: sections per level, shared resources split by enrolment, 7 indicators, a section passes
with 6 met and the rest at 85%, enrolment-weighted CVs. Prints its figures and its timings.

    python3 tools/pandas_evaluate.py big.csv
"""
import sys, time
t0 = time.time()
import numpy as np
import pandas as pd
t1 = time.time()
df = pd.read_csv(sys.argv[1], dtype={"school_id": str, "parent_id": str})
t2 = time.time()
LEVELS = {
    "primary": dict(kinds=["primary", "nine_year", "twelve_year"], limit=0.50,
                    th=[4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3]),
    "junior": dict(kinds=["junior", "nine_year", "twelve_year", "complete_secondary"], limit=0.45,
                   th=[5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4]),
}
num = [c for c in df.columns if c not in ("school_id", "name", "kind", "parent_id")]
f = df[num].fillna(0).copy()
# Teaching points are merged into their central school (their students and resources added).
tp = df["kind"] == "teaching_point"
added = f[tp].groupby(df.loc[tp, "parent_id"]).sum()
idx = pd.Index(df["school_id"])
rows = idx.get_indexer(added.index)
ok = rows >= 0
f.iloc[rows[ok], :] = f.iloc[rows[ok], :].to_numpy() + added.to_numpy()[ok]
# Shared resources split by enrolment weighted 1 : 1.1 : 1.32 (the standard's split_weights).
total = f["students_primary"] + 1.1 * f["students_junior"] + 1.32 * f.get("students_senior", 0)
WEIGHT = {"primary": 1.0, "junior": 1.1}
out = {}
for level, d in LEVELS.items():
    students = f[f"students_{level}"]
    m = df["kind"].isin(d["kinds"]) & (students > 0)
    s = students[m]
    share = (WEIGHT[level] * s / total[m]).to_numpy()
    v = np.column_stack([
        f[f"qualified_{level}"][m] / s * 100, f[f"backbone_{level}"][m] / s * 100,
        f[f"pe_art_{level}"][m] / s * 100, f["teaching_area_m2"][m] * share / s,
        f["sports_area_m2"][m] * share / s, f["equipment_value_yuan"][m] * share / s,
        f["multimedia_rooms"][m] * share / s * 100])
    th = np.array(d["th"])
    # Reached with a relative tolerance of 1e-9, as the app judges (floating error at a threshold).
    met = v >= th * (1 - 1e-9)
    passes = (met.sum(axis=1) >= 6) & (met | (v >= 0.85 * th * (1 - 1e-9))).all(axis=1)
    w = s.to_numpy()[:, None]
    mean = (w * v).sum(axis=0) / w.sum()
    sd = np.sqrt((w / w.sum() * (v - mean) ** 2).sum(axis=0))
    cv = sd / mean
    out[level] = (int(m.sum()), int(passes.sum()), int((cv <= d["limit"]).sum()))
t3 = time.time()
for level, (units, passing, cv_met) in out.items():
    print(f"{level}: {units} sections, {passing} passing, CVs {cv_met}/7 met")
print(f"import pandas {t1 - t0:.2f} s, read_csv {t2 - t1:.2f} s, evaluate {t3 - t2:.2f} s, "
      f"read+evaluate {t3 - t1:.2f} s", file=sys.stderr)
