#!/usr/bin/env python3
"""Checks a phased plan the way issue 16 asks, outside the planner's code.

    phased-check.py DATA.csv COSTS.json PLAN.json TIMELINE.json TARGET MARGIN [BUDGETS]

PLAN.json is `junheng plan … --json` of a phased plan; TIMELINE.json is `junheng timeline DATA
--scenario <the plan's --out> … --json` (the same projection options), the evaluation of every
year with the plan's dated changes applied. BUDGETS is `2025=6000000,2026=…` as given to the plan.

Checked: every year from TARGET on, every section passes and every CV is at least MARGIN under
its limit; each year's spending, computed here from the plan's changes and the cost file (one-time
costs in the year of an addition, yearly costs of everything added or moved so far), is within
that year's budget and equals the plan's `years`; the total equals the plan's `total_cost`; no
school sends more than `max_out_share` of its base-year teachers of a level; the gap is under 1 %.
Prints the figures; exits 1 on the first failure.
"""
import csv
import json
import sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def unit(costs, field):
    c = costs.get("costs", {}).get(field)
    if c is None:
        return 0.0, 0.0
    if isinstance(c, (int, float)):
        return float(c), 0.0
    return float(c.get("once", 0.0)), float(c.get("per_year", 0.0))


def main():
    data, costs_path, plan_path, tl_path, target, margin = sys.argv[1:7]
    target, margin = int(target), float(margin)
    budgets = {}
    if len(sys.argv) > 7 and sys.argv[7]:
        for part in sys.argv[7].split(","):
            y, b = part.split("=")
            budgets[int(y)] = float(b)
    costs = json.load(open(costs_path, encoding="utf-8"))
    plan = json.load(open(plan_path, encoding="utf-8"))
    tl = json.load(open(tl_path, encoding="utf-8"))
    rows = {r["school_id"]: r for r in csv.DictReader(open(data, encoding="utf-8-sig"))}

    # 1. Every judged year passes, every CV at least the margin under its limit.
    worst = 1.0
    for y in tl["years"]:
        if y["year"] < target:
            continue
        for u in y["units"]:
            if not u["passes"]:
                fail(f"{y['year']}: {u['school_id']} {u.get('level')} does not pass")
        for level, cvs in y["cv"].items():
            for key, c in cvs.items():
                if not isinstance(c, dict) or "cv" not in c:
                    continue
                room = c["limit"] - c["cv"]
                worst = min(worst, room)
                if room < margin - 1e-9:
                    fail(f"{y['year']} {level} {key}: CV {c['cv']:.6f}, limit {c['limit']}")
    print(f"every year from {target} passes; the least room under a CV limit: {worst:.4f}")

    # 2. Spending by year, from the changes and the cost file.
    base_year, to = plan["base_year"], plan["to"]
    transfer = costs.get("transfer") or {}
    move_cost = float(transfer.get("per_year", 0.0))
    spent = {}
    for year in range(base_year, to + 1):
        one, per = 0.0, 0.0
        for c in plan["changes"]:
            y = max(c.get("year", base_year), base_year)
            if c["op"] == "add":
                o, p = unit(costs, c["field"])
                if y == year:
                    one += c["amount"] * o
                if y <= year:
                    per += c["amount"] * p
            elif c["op"] == "transfer" and y <= year:
                per += c["count"] * move_cost
        spent[year] = one + per
        b = budgets.get(year)
        if b is not None and one + per > b + 0.5:
            fail(f"{year}: spends {one + per:.2f} over its budget {b:.2f}")
    for y in plan["years"]:
        if abs(y["spent"] - spent[y["year"]]) > 0.5:
            fail(f"{y['year']}: the plan says {y['spent']:.2f}, the accounting {spent[y['year']]:.2f}")
    total = sum(spent.values())
    if abs(total - plan["total_cost"]) > 0.5:
        fail(f"total: the plan says {plan['total_cost']:.2f}, the accounting {total:.2f}")
    print("spending by year (万元):", ", ".join(f"{y} {s / 1e4:.2f}" + (f"/{budgets[y] / 1e4:.2f}" if y in budgets else "") for y, s in spent.items()))
    print(f"total {total / 1e4:.2f} 万元 = the plan's total")

    # 3. Shares sent.
    share = float(transfer.get("max_out_share", 0.0))
    sent = {}
    moved = 0
    for c in plan["changes"]:
        if c["op"] != "transfer":
            continue
        level = "junior" if any(f.endswith("_junior") for f in c["fields"]) else "primary"
        sent[(c["from"], level)] = sent.get((c["from"], level), 0.0) + c["count"]
        moved += c["count"]
    for (school, level), n in sent.items():
        r = rows[school]
        def val(k):
            try:
                return float(r.get(k) or 0)
            except ValueError:
                return 0.0
        have = max(val(f"teachers_{level}"), val(f"qualified_{level}"), val(f"backbone_{level}"), val(f"pe_art_{level}"))
        if n > share * have + 1e-6:
            fail(f"{school} sends {n} {level} teachers, over {share} of {have}")
    print(f"{moved:.0f} teachers moved by {len(sent)} senders, each within its share")

    # 4. The gap.
    gap = plan["gap"]
    if gap >= 0.01:
        fail(f"gap {gap * 100:.3f}% is not under 1%")
    print(f"status {plan['status']}, gap {gap * 100:.4f}%, {plan['seconds']:.2f} s")


if __name__ == "__main__":
    main()
