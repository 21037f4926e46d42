#!/usr/bin/env python3
"""Writes assets/sample/sample-county.csv: the embedded synthetic sample county.

Synthetic, not real schools: its totals (10 primary, 4 junior, 1 nine-year school, 4 teaching
points with 52 students; 7,623 primary and 2,450 junior students) are those that ../shared/STANDARD.md
("Seed county facts (its own filing)") quotes from the seed county's own filing, not from its plan,
with a plausible mix of passing and failing schools. Run it again after changing the numbers;
`cargo test` checks the totals and the intended verdicts.
"""
import csv, math, os

NOTE = "合成示例数据，非真实学校 / synthetic sample data, not real schools"
# id, name, kind, parent, township, location, students (p, j, s), classes (p, j), largest (p, j),
# teachers (p, j), qualified (p, j), backbone (p, j), pe_art (p, j),
# teaching m2, sports m2, equipment yuan, multimedia, music, art, small music, small art, certified, trained
rows = [
 # --- primary schools ---
 ("S01","城关第一小学","primary","","城关街道","urban",(1450,0,0),(30,0),(52,0),(78,0),(74,0),(27,0),(15,0),7300,9400,3600000,38,3,3,98,92,78,78),
 ("S02","城关第二小学","primary","","城关街道","urban",(1280,0,0),(27,0),(49,0),(70,0),(66,0),(11,0),(12,0),6100,6900,2900000,31,2,2,96,90,70,70),
 ("S03","实验小学","primary","","城关街道","urban",(1120,0,0),(24,0),(47,0),(64,0),(62,0),(20,0),(11,0),5600,8900,2600000,28,2,2,100,95,64,64),
 ("S04","东城小学","primary","","东城街道","town",(820,0,0),(18,0),(46,0),(47,0),(42,0),(9,0),(8,0),3900,7000,1720000,20,2,2,96,90,47,45),
 ("S05","河口镇中心小学","primary","","河口镇","town",(610,0,0),(14,0),(45,0),(38,0),(30,0),(6,0),(6,0),3300,8200,1300000,16,1,1,96,90,38,38),
 ("S06","柳湾镇中心小学","primary","","柳湾镇","town",(540,0,0),(12,0),(45,0),(34,0),(27,0),(5,0),(5,0),2800,9100,1150000,14,1,1,96,90,34,34),
 ("S07","石门乡中心小学","primary","","石门乡","rural",(380,0,0),(12,0),(38,0),(27,0),(18,0),(3,0),(4,0),2300,8200,860000,10,1,1,96,90,27,26),
 ("S08","北山小学","primary","","北山乡","rural",(260,0,0),(6,0),(44,0),(18,0),(12,0),(2,0),(3,0),1400,4300,560000,7,1,1,90,90,18,18),
 ("S09","西坪小学","primary","","石门乡","rural",(190,0,0),(6,0),(35,0),(14,0),(9,0),(2,0),(2,0),1050,5200,395000,5,1,1,96,90,14,14),
 ("S10","南沟小学","primary","","北山乡","rural",(120,0,0),(6,0),(24,0),(10,0),(4,0),(0,0),(1,0),420,650,130000,2,0,0,0,0,9,7),
 # --- nine-year school ---
 ("S11","城南九年一贯制学校","nine_year","","城南街道","urban",(801,410,0),(18,9),(48,52),(46,30),(40,24),(8,3),(8,4),9050,9800,4300000,30,3,3,96,90,76,76),
 # --- junior schools ---
 ("J01","城关第一初级中学","junior","","城关街道","urban",(0,780,0),(0,16),(0,50),(0,66),(0,50),(0,18),(0,8),5000,8500,2300000,21,2,2,100,96,66,66),
 ("J02","实验中学","junior","","城关街道","urban",(0,690,0),(0,14),(0,50),(0,58),(0,41),(0,8),(0,7),4400,7600,2050000,19,2,2,98,92,58,58),
 ("J03","河口镇初级中学","junior","","河口镇","town",(0,310,0),(0,8),(0,45),(0,30),(0,18),(0,3),(0,3),2100,6200,800000,8,1,1,96,90,30,29),
 ("J04","石门乡初级中学","junior","","石门乡","rural",(0,260,0),(0,6),(0,46),(0,27),(0,13),(0,3),(0,3),1900,7000,720000,7,1,1,96,90,27,27),
 # --- teaching points ---
 ("T01","河口镇马家岭教学点","teaching_point","S05","河口镇","rural",(18,0,0),(3,0),(8,0),(2,0),(1,0),(0,0),(0,0),160,300,30000,1,0,0,0,0,2,2),
 ("T02","河口镇石槽教学点","teaching_point","S05","河口镇","rural",(14,0,0),(2,0),(9,0),(2,0),(1,0),(0,0),(0,0),140,280,25000,1,0,0,0,0,2,2),
 ("T03","柳湾镇后沟教学点","teaching_point","S06","柳湾镇","rural",(12,0,0),(2,0),(7,0),(1,0),(1,0),(0,0),(0,0),120,200,20000,0,0,0,0,0,1,1),
 ("T04","北山乡杨树坪教学点","teaching_point","","北山乡","rural",(8,0,0),(1,0),(8,0),(1,0),(0,0),(0,0),(0,0),90,150,12000,0,0,0,0,0,1,1),
]
header = ["学校标识码","学校名称","学校类型","所属学校标识码","所属街道（乡镇）","城乡分类",
  "小学在校生数","初中在校生数","高中在校生数","小学班级数","初中班级数","小学最大班额","初中最大班额",
  "小学专任教师数","初中专任教师数","小学高于规定学历教师数","初中高于规定学历教师数",
  "小学县级及以上骨干教师数","初中县级及以上骨干教师数","小学体育艺术专任教师数","初中体育艺术专任教师数",
  "教学及辅助用房面积（平方米）","体育运动场馆面积（平方米）","教学仪器设备值（万元）","网络多媒体教室数",
  "音乐专用教室数","美术专用教室数","最小音乐教室面积（平方米）","最小美术教室面积（平方米）",
  "持证教师数","完成五年360学时培训教师数",
  "小学中级及以上专业技术职务教师数","初中中级及以上专业技术职务教师数","计算机台数","图书册数","数据说明"]
# The 2012 basic-balance columns, derived from each school's size and location (no randomness).
COMPUTERS = {"urban": 0.13, "town": 0.09, "rural": 0.05}
BOOKS = {"urban": 32, "town": 24, "rural": 14}
MID_TITLE = {"urban": 0.62, "town": 0.5, "rural": 0.33}
kind_zh = {"primary":"小学","junior":"初中","nine_year":"九年一贯制","teaching_point":"教学点"}
loc_zh = {"urban":"城区","town":"镇区","rural":"乡村"}
def blank_if(kind, level, v):
    # Leave cells of sections a school does not have empty, as a statistics export does.
    has = {"primary": kind in ("primary","nine_year","teaching_point"), "junior": kind in ("junior","nine_year"), "senior": False}
    return v if has[level] else ""
out = []
for r in rows:
    (sid,name,kind,parent,town,loc,st,cl,lg,te,qu,bb,pa,ta,sa,eq,mm,mu,ar,smu,sar,ce,tr) = r
    lv = ("primary","junior")
    cells = [sid,name,kind_zh[kind],parent,town,loc_zh[loc]]
    cells += [blank_if(kind,"primary",st[0]), blank_if(kind,"junior",st[1]), ""]
    for pair in (cl,lg,te,qu,bb,pa):
        cells += [blank_if(kind,"primary",pair[0]), blank_if(kind,"junior",pair[1])]
    cells += [ta, sa, round(eq/10000, 2), mm, mu, ar, smu or "", sar or "", ce, tr]
    students = st[0] + st[1]
    cells += [blank_if(kind,"primary",round(te[0]*MID_TITLE[loc])), blank_if(kind,"junior",round(te[1]*MID_TITLE[loc]))]
    cells += [round(students*COMPUTERS[loc]), round(students*BOOKS[loc])]
    cells += [NOTE]
    out.append(cells)
tp = sum(r[6][0] for r in rows if r[2]=="teaching_point")
p = sum(r[6][0] for r in rows); j = sum(r[6][1] for r in rows)
assert (p, j, tp) == (7623, 2450, 52), (p, j, tp)
path = os.path.join(os.path.dirname(__file__), "..", "assets", "sample", "sample-county.csv")
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows(out)
print("wrote", path, "primary", p, "junior", j)
