//! The whole standard: the four areas (resource allocation, government guarantee, education
//! quality, social recognition) and the veto items (STANDARD.md §2–§5), combined into one verdict.
//! County-level items are entered by the user; school-level items come from the data.

use crate::evaluate::conditions::SchoolConditions;
use crate::evaluate::Evaluation;
use serde::{Deserialize, Serialize};

/// The four areas of the standard, and the veto list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    ResourceAllocation,
    Guarantee,
    Quality,
    Recognition,
    Veto,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::ResourceAllocation,
        Area::Guarantee,
        Area::Quality,
        Area::Recognition,
        Area::Veto,
    ];

    pub fn name(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Area::ResourceAllocation, true) => "资源配置",
            (Area::ResourceAllocation, false) => "Resource allocation",
            (Area::Guarantee, true) => "政府保障程度",
            (Area::Guarantee, false) => "Government guarantee",
            (Area::Quality, true) => "教育质量",
            (Area::Quality, false) => "Education quality",
            (Area::Recognition, true) => "社会认可度",
            (Area::Recognition, false) => "Social recognition",
            (Area::Veto, true) => "一票否决",
            (Area::Veto, false) => "Veto items",
        }
    }
}

/// How a county-level item is judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// Met when the answer is yes.
    Yes,
    /// Met when the value is at least this (a percentage, or 元).
    AtLeast(f64),
    /// A veto item: the county fails when it occurred (answer yes).
    MustNotOccur,
}

/// A county-level item of the standard.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountyItem {
    pub key: &'static str,
    pub area: Area,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub rule: Rule,
    /// The unit of an `AtLeast` value ("%" or "元").
    pub unit: &'static str,
}

const fn item(
    key: &'static str,
    area: Area,
    name_zh: &'static str,
    name_en: &'static str,
    rule: Rule,
    unit: &'static str,
) -> CountyItem {
    CountyItem {
        key,
        area,
        name_zh,
        name_en,
        rule,
        unit,
    }
}

/// Every county-level item, in the order of the national text.
pub const COUNTY_ITEMS: &[CountyItem] = &[
    item(
        "g01_unified_planning",
        Area::Guarantee,
        "（1）县域内义务教育学校规划布局合理，符合国家规定要求",
        "(1) Unified school planning to national requirements",
        Rule::Yes,
        "",
    ),
    item(
        "g05_public_funds",
        Area::Guarantee,
        "（5）生均公用经费不低于省定标准",
        "(5) Per-student public funds at the provincial standard",
        Rule::Yes,
        "",
    ),
    item(
        "g06_special_ed_funds",
        Area::Guarantee,
        "（6）特殊教育学校生均公用经费",
        "(6) Special-education per-student funds",
        Rule::AtLeast(6000.0),
        "元",
    ),
    item(
        "g07_teacher_pay",
        Area::Guarantee,
        "（7）教师平均工资不低于当地公务员",
        "(7) Teachers' pay at least civil servants'",
        Rule::Yes,
        "",
    ),
    item(
        "g09_staffing",
        Area::Guarantee,
        "（9）县级教育行政部门统筹分配编制和岗位",
        "(9) Staffing allocated by the county",
        Rule::Yes,
        "",
    ),
    item(
        "g10_rotation",
        Area::Guarantee,
        "（10）每年交流轮岗教师比例",
        "(10) Teachers rotated each year",
        Rule::AtLeast(10.0),
        "%",
    ),
    item(
        "g11_backbone_rotation",
        Area::Guarantee,
        "（11）交流轮岗中骨干教师比例",
        "(11) Backbone teachers among those rotated",
        Rule::AtLeast(20.0),
        "%",
    ),
    item(
        "g13_nearby_urban",
        Area::Guarantee,
        "（13）城区就近划片入学比例",
        "(13) Nearby enrolment, urban",
        Rule::AtLeast(100.0),
        "%",
    ),
    item(
        "g13_nearby_town",
        Area::Guarantee,
        "（13）镇区就近划片入学比例",
        "(13) Nearby enrolment, town",
        Rule::AtLeast(95.0),
        "%",
    ),
    item(
        "g14_quota",
        Area::Guarantee,
        "（14）优质高中招生名额分配到初中比例",
        "(14) Quality senior-high quota allocated to junior schools",
        Rule::AtLeast(50.0),
        "%",
    ),
    item(
        "g15_migrant",
        Area::Guarantee,
        "（15）随迁子女在公办及政府购买学位学校就读比例",
        "(15) Migrant children in public or funded places",
        Rule::AtLeast(85.0),
        "%",
    ),
    item(
        "q01_retention",
        Area::Quality,
        "（1）初中三年巩固率",
        "(1) Junior three-year retention",
        Rule::AtLeast(95.0),
        "%",
    ),
    item(
        "q02_disabled",
        Area::Quality,
        "（2）残疾儿童少年入学率",
        "(2) Enrolment of children with disabilities",
        Rule::AtLeast(95.0),
        "%",
    ),
    item(
        "q03_charter",
        Area::Quality,
        "（3）学校章程与信息化管理",
        "(3) Every school has a charter and digital management",
        Rule::Yes,
        "",
    ),
    item(
        "q04_training_budget",
        Area::Quality,
        "（4）教师培训经费不低于公用经费 5%",
        "(4) Teacher-training budget at least 5% of public funds",
        Rule::Yes,
        "",
    ),
    item(
        "q05_it_use",
        Area::Quality,
        "（5）教师能熟练运用信息化手段",
        "(5) Teachers use information technology well",
        Rule::Yes,
        "",
    ),
    item(
        "q06_moral",
        Area::Quality,
        "（6）德育与校园文化建设水平良好以上",
        "(6) Moral education and campus culture good or better",
        Rule::Yes,
        "",
    ),
    item(
        "q07_curriculum",
        Area::Quality,
        "（7）开齐开足国家规定课程",
        "(7) The full national curriculum",
        Rule::Yes,
        "",
    ),
    item(
        "q08_homework",
        Area::Quality,
        "（8）无过重课业负担",
        "(8) No excessive homework",
        Rule::Yes,
        "",
    ),
    item(
        "q09_monitoring",
        Area::Quality,
        "（9）国家质量监测达到 III 级以上且校际差异率低于 0.15",
        "(9) National monitoring level III or above, difference rate under 0.15",
        Rule::Yes,
        "",
    ),
    item(
        "r01_recognition",
        Area::Recognition,
        "社会认可度",
        "Social recognition",
        Rule::AtLeast(85.0),
        "%",
    ),
    item(
        "v01_exam_admission",
        Area::Veto,
        "以考试方式招生",
        "Admission by examination",
        Rule::MustNotOccur,
        "",
    ),
    item(
        "v02_school_choice",
        Area::Veto,
        "违规择校",
        "Illegal school choice",
        Rule::MustNotOccur,
        "",
    ),
    item(
        "v03_key_classes",
        Area::Veto,
        "设置重点学校或重点班",
        "Key schools or key classes",
        Rule::MustNotOccur,
        "",
    ),
    item(
        "v04_vacant_posts",
        Area::Veto,
        "“有编不补”或长期借用教师",
        "Vacant posts not filled or long-term borrowed teachers",
        Rule::MustNotOccur,
        "",
    ),
    item(
        "v05_accident",
        Area::Veto,
        "教育系统存在重大安全责任事故和严重违纪违规事件",
        "A major safety accident or serious violation",
        Rule::MustNotOccur,
        "",
    ),
    item(
        "v06_falsified",
        Area::Veto,
        "弄虚作假",
        "Falsified data",
        Rule::MustNotOccur,
        "",
    ),
];

/// What the user entered for one county-level item (saved in the project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CountyEntry {
    pub key: String,
    /// Yes = 1, no = 0, or the figure for an `AtLeast` item; `None` until entered.
    pub value: Option<f64>,
    /// Where the evidence is (a document, a page).
    #[serde(default)]
    pub evidence: String,
}

/// The verdict of one county-level item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Met,
    NotMet,
    /// Not entered yet: counted as not met.
    Missing,
}

/// Judges one item.
pub fn judge(item: &CountyItem, value: Option<f64>) -> ItemStatus {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return ItemStatus::Missing;
    };
    let met = match item.rule {
        Rule::Yes => v >= 0.5,
        Rule::AtLeast(t) => v >= t - 1e-9 * t.abs(),
        Rule::MustNotOccur => v < 0.5,
    };
    if met {
        ItemStatus::Met
    } else {
        ItemStatus::NotMet
    }
}

/// One area's result.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaResult {
    pub area: Area,
    pub met: usize,
    pub total: usize,
    pub passes: bool,
}

/// The whole standard at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    pub areas: Vec<AreaResult>,
    /// What still fails, in words, across the whole standard.
    pub failing: Vec<String>,
    /// Recognised only when all four areas pass and no veto item occurred.
    pub verdict: bool,
}

/// Combines the resource-allocation evaluation, the school-level guarantee items and the
/// county-level entries into the areas, the list of what fails and the single verdict.
pub fn readiness(
    ev: &Evaluation,
    schools: &[SchoolConditions],
    entries: &[CountyEntry],
    zh: bool,
) -> Readiness {
    let value = |key: &str| entries.iter().find(|e| e.key == key).and_then(|e| e.value);
    let mut failing = Vec::new();
    let mut areas = Vec::new();
    for area in Area::ALL {
        let (mut met, mut total) = (0, 0);
        if area == Area::ResourceAllocation {
            for level in crate::model::Level::BOTH {
                let s = ev.summary_of(level);
                total += s.units + ev.cv_of(level).len();
                met += s.passing + s.cv_met;
            }
            if !ev.resource_allocation_met {
                failing.push(if zh {
                    "资源配置：有学校或差异系数未达标".to_string()
                } else {
                    "Resource allocation: sections or CVs fail".to_string()
                });
            }
        }
        if area == Area::Guarantee {
            for s in schools {
                for r in &s.results {
                    total += 1;
                    if r.met() {
                        met += 1;
                    } else {
                        let lacks: Vec<String> = r.lacks.iter().map(|l| l.message(zh)).collect();
                        failing.push(format!(
                            "{}：{}：{}",
                            s.name,
                            r.condition.name(zh),
                            lacks.join("；")
                        ));
                    }
                }
            }
        }
        for it in COUNTY_ITEMS.iter().filter(|i| i.area == area) {
            total += 1;
            match judge(it, value(it.key)) {
                ItemStatus::Met => met += 1,
                status => failing.push(format!(
                    "{}：{}{}",
                    area.name(zh),
                    if zh { it.name_zh } else { it.name_en },
                    match (status, zh) {
                        (ItemStatus::Missing, true) => "（未填写）",
                        (ItemStatus::Missing, false) => " (not entered)",
                        _ => "",
                    }
                )),
            }
        }
        let passes = match area {
            Area::ResourceAllocation => ev.resource_allocation_met,
            _ => met == total,
        };
        areas.push(AreaResult {
            area,
            met,
            total,
            passes,
        });
    }
    let verdict = areas.iter().all(|a| a.passes);
    Readiness {
        areas,
        failing,
        verdict,
    }
}

fn status_key(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Met => "met",
        ItemStatus::NotMet => "not_met",
        ItemStatus::Missing => "missing",
    }
}

/// The sections `junheng evaluate --json` gains for the whole standard: `guarantee`, `quality`,
/// `recognition`, `veto` and `verdict` (messages in Chinese, keys in English).
pub fn to_json(
    ev: &Evaluation,
    schools: &[SchoolConditions],
    entries: &[CountyEntry],
) -> Vec<(String, serde_json::Value)> {
    use serde_json::{json, Map, Value};
    let r = readiness(ev, schools, entries, true);
    let area_passes = |a: Area| {
        r.areas
            .iter()
            .find(|x| x.area == a)
            .is_some_and(|x| x.passes)
    };
    let items = |area: Area| -> Map<String, Value> {
        COUNTY_ITEMS
            .iter()
            .filter(|i| i.area == area)
            .map(|i| {
                let e = entries.iter().find(|e| e.key == i.key);
                let value = e.and_then(|e| e.value);
                let threshold = match i.rule {
                    Rule::AtLeast(t) => json!(t),
                    _ => Value::Null,
                };
                (
                    i.key.to_string(),
                    json!({"name": i.name_zh, "value": value, "threshold": threshold, "unit": i.unit,
                           "status": status_key(judge(i, value)),
                           "evidence": e.map(|e| e.evidence.clone()).unwrap_or_default()}),
                )
            })
            .collect()
    };
    let school_items: Vec<Value> = schools
        .iter()
        .map(|s| {
            let items: Map<String, Value> = s
                .results
                .iter()
                .map(|res| {
                    let lacks: Vec<String> = res.lacks.iter().map(|l| l.message(true)).collect();
                    (
                        res.condition.key().to_string(),
                        json!({"met": res.met(), "lacks": lacks}),
                    )
                })
                .collect();
            json!({"school_id": s.school_id, "name": s.name, "items": items})
        })
        .collect();
    let occurred: Vec<&str> = COUNTY_ITEMS
        .iter()
        .filter(|i| i.area == Area::Veto)
        .filter(|i| {
            judge(
                i,
                entries
                    .iter()
                    .find(|e| e.key == i.key)
                    .and_then(|e| e.value),
            ) == ItemStatus::NotMet
        })
        .map(|i| i.key)
        .collect();
    let areas: Map<String, Value> = r
        .areas
        .iter()
        .map(|a| {
            let key = serde_json::to_value(a.area)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            (
                key,
                json!({"met": a.met, "total": a.total, "passes": a.passes}),
            )
        })
        .collect();
    vec![
        (
            "guarantee".into(),
            json!({"met": area_passes(Area::Guarantee), "schools": school_items, "county": items(Area::Guarantee)}),
        ),
        (
            "quality".into(),
            json!({"met": area_passes(Area::Quality), "items": items(Area::Quality)}),
        ),
        (
            "recognition".into(),
            json!({"met": area_passes(Area::Recognition), "items": items(Area::Recognition)}),
        ),
        (
            "veto".into(),
            json!({"met": area_passes(Area::Veto), "occurred": occurred, "items": items(Area::Veto)}),
        ),
        (
            "verdict".into(),
            json!({"recognised": r.verdict, "areas": areas, "failing": r.failing}),
        ),
    ]
}
