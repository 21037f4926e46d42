//! The self-assessment report draft (自评报告, `.docx` through docx-rs): the standard's structure —
//! 基本情况, 资源配置 (every section's seven values against the thresholds with √/×, the 14 CVs
//! with mean and standard deviation, the school rule's outcome), 政府保障程度 / 教育质量 / 社会认可度
//! (each county item with its value, requirement, status and evidence; the school-level guarantee
//! items counted), 存在问题 (what still fails) and 整改措施 (the scenario's changes) — with real
//! Word tables, headings in Word's heading styles (so a 目录 can be made), and marked places for
//! what the county writes itself. Every sentence is computed from the data or the standard.

use super::ReportInput;
use crate::evaluate::conditions::{evaluate_conditions, Condition};
use crate::format;
use crate::readiness::{judge, ItemStatus};
use crate::standard::{Area, Rule};
use docx_rs::{
    Docx, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell, TableLayoutType,
    TableOfContents, TableRow, WidthType,
};

/// The placeholder for what the county writes itself.
pub const PLACEHOLDER: &str = "【此处由县里填写】";

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn heading(t: &str, level: usize) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(t))
        .style(&format!("Heading{level}"))
}

fn placeholder(what: &str) -> Paragraph {
    Paragraph::new().add_run(
        Run::new()
            .add_text(format!("{PLACEHOLDER}{what}"))
            .color("C00000")
            .bold(),
    )
}

fn cell(t: &str) -> TableCell {
    TableCell::new().add_paragraph(text(t))
}

fn header_cell(t: &str) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(t).bold()))
        .shading(docx_rs::Shading::new().fill("DDEBF7"))
}

/// The text width of an A4 page with Word's default margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9000;

/// A table as wide as the text, its first column taking `first` of the width and the others
/// sharing the rest.
fn table(header: &[String], rows: Vec<Vec<String>>, first: f64) -> Table {
    let n = header.len().max(1);
    let rest = if n > 1 {
        (1.0 - first) / (n - 1) as f64
    } else {
        0.0
    };
    let shares: Vec<f64> = (0..n).map(|i| if i == 0 { first } else { rest }).collect();
    table_shared(header, rows, &shares)
}

/// A table as wide as the text, each column taking its share of the width.
fn table_shared(header: &[String], rows: Vec<Vec<String>>, shares: &[f64]) -> Table {
    let widths: Vec<usize> = shares
        .iter()
        .map(|s| (TEXT_WIDTH as f64 * s) as usize)
        .collect();
    let row = |cells: Vec<TableCell>| {
        TableRow::new(
            cells
                .into_iter()
                .zip(&widths)
                .map(|(c, w)| c.width(*w, WidthType::Dxa))
                .collect(),
        )
    };
    let mut out = vec![row(header.iter().map(|h| header_cell(h)).collect())];
    for r in rows {
        out.push(row(r.iter().map(|c| cell(c)).collect()));
    }
    Table::new(out)
        .set_grid(widths.clone())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn area_name(a: Area) -> &'static str {
    match a {
        Area::ResourceAllocation => "资源配置",
        Area::Guarantee => "政府保障程度",
        Area::Quality => "教育质量",
        Area::Recognition => "社会认可度",
        Area::Veto => "否决项",
    }
}

/// The document.
pub fn document(input: &ReportInput<'_>) -> Docx {
    let ev = input.evaluation;
    let standard = input.standard;
    let county = input.county_name();
    let mut doc = Docx::new().default_fonts(
        RunFonts::new()
            .east_asia("SimSun")
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman"),
    );
    for (level, size) in [(1, 32), (2, 28), (3, 24)] {
        doc = doc.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("Heading {level}"))
                .size(size)
                .bold(),
        );
    }
    doc = doc
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(format!("{county}县域义务教育优质均衡发展自评报告（草稿）"))
                        .size(40)
                        .bold(),
                )
                .align(docx_rs::AlignmentType::Center),
        )
        .add_paragraph(text(&format!(
            "依据：{}。数据：{}。生成：{}。",
            standard.def.name_zh,
            input.source(),
            input.made_at
        )))
        .add_paragraph(text(
            "本草稿的数字与表格由均衡（junheng）从学校数据和标准计算得出；红色标出的地方由县里补写。",
        ))
        .add_table_of_contents(TableOfContents::new().heading_styles_range(1, 3));

    // 一、基本情况.
    doc = doc.add_paragraph(heading("一、基本情况", 1));
    let levels = ev.levels();
    let schools = input.data.schools.len();
    let mut rows = Vec::new();
    for &l in &levels {
        let units: Vec<_> = ev.units.iter().filter(|u| u.level == l).collect();
        let students: f64 = units.iter().map(|u| u.students).sum();
        rows.push(vec![
            l.zh().to_string(),
            format::thousands(units.len() as f64),
            format::thousands(students),
        ]);
    }
    doc = doc
        .add_paragraph(text(&format!(
            "全县参评学校 {} 所，评估单元（学校的小学部、初中部分别计）{} 个。",
            format::thousands(schools as f64),
            format::thousands(ev.units.len() as f64)
        )))
        .add_table(table(
            &["学段".into(), "评估单元".into(), "在校生数".into()],
            rows,
            0.34,
        ))
        .add_paragraph(placeholder("县情概况、推进优质均衡的主要举措。"));

    // 二、资源配置.
    doc = doc.add_paragraph(heading("二、资源配置", 1));
    for &l in &levels {
        let s = ev.summary_of(l);
        doc = doc.add_paragraph(heading(&format!("{}各校七项指标", l.zh()), 2));
        doc = doc.add_paragraph(text(&format!(
            "{}：{} 个评估单元中 {} 个达到“至少 6 项达到标准、其余不低于标准的 85%”的要求。",
            l.zh(),
            s.units,
            s.passing
        )));
        let mut header = vec!["学校".to_string()];
        header.extend(
            standard
                .indicators
                .iter()
                .map(|i| i.short(true).to_string()),
        );
        header.push("达标项数".into());
        header.push("结论".into());
        let mut rows = vec![{
            let mut r = vec!["标准值".to_string()];
            r.extend(
                standard
                    .indicators
                    .iter()
                    .map(|i| format::indicator_threshold(i, i.threshold(l))),
            );
            r.push(String::new());
            r.push(String::new());
            r
        }];
        for u in ev.units.iter().filter(|u| u.level == l) {
            let mut r = vec![u.name.clone()];
            let mut met = 0;
            for (ind, x) in standard.indicators.iter().zip(&u.indicators) {
                if x.met {
                    met += 1;
                }
                r.push(format!(
                    "{}{}",
                    format::indicator_against(ind, x.value, x.threshold),
                    if x.met { "√" } else { "×" }
                ));
            }
            r.push(format!("{met}"));
            r.push(if u.passes { "达标" } else { "未达标" }.into());
            rows.push(r);
        }
        doc = doc.add_table(table(&header, rows, 0.2));
    }
    doc = doc.add_paragraph(heading("校际差异系数", 2));
    let mut rows = Vec::new();
    for &l in &levels {
        for (ind, c) in standard.indicators.iter().zip(ev.cv_of(l)) {
            rows.push(vec![
                l.zh().to_string(),
                ind.name(true).to_string(),
                format::cv_against(c.cv, c.limit),
                format!("{:.2}", c.limit),
                format::indicator_value(ind, c.mean),
                format::indicator_value(ind, c.sd),
                if c.met { "达标" } else { "未达标" }.into(),
            ]);
        }
    }
    doc = doc.add_table(table_shared(
        &[
            "学段".into(),
            "指标".into(),
            "差异系数".into(),
            "限值".into(),
            "均值".into(),
            "标准差".into(),
            "结论".into(),
        ],
        rows,
        &[0.08, 0.36, 0.12, 0.09, 0.12, 0.12, 0.11],
    ));
    for &l in &levels {
        let s = ev.summary_of(l);
        doc = doc.add_paragraph(text(&format!(
            "{}：{} 项差异系数中 {} 项不超过 {:.2}。",
            l.zh(),
            ev.cv_of(l).len(),
            s.cv_met,
            standard.cv_limit(l)
        )));
    }
    doc = doc.add_paragraph(text(&format!(
        "资源配置：{}。",
        if ev.resource_allocation_met {
            "达标"
        } else {
            "未达标"
        }
    )));

    // 三、四、五: the county items of each area, with the school-level guarantee items.
    let conditions = evaluate_conditions(input.data, standard);
    let numbering = ["三", "四", "五"];
    for (n, area) in numbering
        .iter()
        .zip([Area::Guarantee, Area::Quality, Area::Recognition])
    {
        doc = doc.add_paragraph(heading(&format!("{n}、{}", area_name(area)), 1));
        if area == Area::Guarantee && !conditions.is_empty() {
            let rows: Vec<Vec<String>> = Condition::ALL
                .iter()
                .map(|c| {
                    let failing = conditions
                        .iter()
                        .filter(|s| s.results.iter().any(|r| r.condition == *c && !r.met()))
                        .count();
                    vec![
                        c.name(true).to_string(),
                        format!("{}", conditions.len()),
                        format!("{failing}"),
                    ]
                })
                .collect();
            doc = doc
                .add_paragraph(text("由学校数据计算的项目："))
                .add_table(table(
                    &["项目".into(), "学校数".into(), "未达学校数".into()],
                    rows,
                    0.5,
                ));
        }
        let rows: Vec<Vec<String>> = standard
            .county_items()
            .iter()
            .filter(|i| i.area == area)
            .map(|i| {
                let entry = input.county.iter().find(|e| e.key == i.key);
                let value = entry.and_then(|e| e.value);
                let requirement = match i.rule {
                    Rule::Yes => "是".to_string(),
                    Rule::AtLeast(t) => format!("≥ {}{}", format::as_typed(t), i.unit),
                    Rule::MustNotOccur => "不得发生".to_string(),
                };
                let shown = match (value, i.rule) {
                    (None, _) => "未填写".to_string(),
                    (Some(v), Rule::AtLeast(_)) => format!("{}{}", format::as_typed(v), i.unit),
                    (Some(v), Rule::MustNotOccur) => {
                        if v >= 0.5 { "发生" } else { "未发生" }.to_string()
                    }
                    (Some(v), Rule::Yes) => if v >= 0.5 { "是" } else { "否" }.to_string(),
                };
                let status = match judge(i, value) {
                    ItemStatus::Met => "达标",
                    ItemStatus::NotMet => "未达标",
                    ItemStatus::Missing => "未填写",
                };
                vec![
                    i.name_zh.clone(),
                    requirement,
                    shown,
                    status.to_string(),
                    entry
                        .map(|e| e.evidence.clone())
                        .filter(|e| !e.is_empty())
                        .unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        if !rows.is_empty() {
            doc = doc.add_table(table(
                &[
                    "指标".into(),
                    "要求".into(),
                    "本县".into(),
                    "结论".into(),
                    "佐证材料".into(),
                ],
                rows,
                0.36,
            ));
        }
        doc = doc.add_paragraph(placeholder(&format!("{}方面的工作情况。", area_name(area))));
    }

    // 六、存在问题.
    let readiness = input.readiness();
    doc = doc.add_paragraph(heading("六、存在问题", 1));
    if readiness.failing_total == 0 {
        doc = doc.add_paragraph(text("按现有数据，各项均已达到标准。"));
    }
    for line in &readiness.failing {
        doc = doc.add_paragraph(text(&format!("· {line}")));
    }
    if readiness.failing_total > readiness.failing.len() {
        doc = doc.add_paragraph(text(&format!(
            "……另有 {} 项，见 Excel 报告。",
            readiness.failing_total - readiness.failing.len()
        )));
    }

    // 七、整改措施: the ledger's items with who does them and how far they are, else the
    // scenario's changes.
    doc = doc.add_paragraph(heading("七、整改措施", 1));
    if let Some(ledger) = input.ledger {
        let done = ledger
            .items
            .iter()
            .filter(|i| i.status == crate::ledger::Status::Done)
            .count();
        doc = doc.add_paragraph(text(&format!(
            "整改台账（方案“{}”）共 {} 项，已完成 {} 项。",
            ledger.scenario,
            ledger.items.len(),
            done
        )));
        let rows: Vec<Vec<String>> = ledger
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                vec![
                    format!("{}", i + 1),
                    it.change.describe_in(Some(input.data), true),
                    it.year.map_or("—".to_string(), |y| y.to_string()),
                    if it.unit.is_empty() {
                        "—".into()
                    } else {
                        it.unit.clone()
                    },
                    it.status.zh().to_string(),
                ]
            })
            .collect();
        doc = doc
            .add_table(table_shared(
                &[
                    "序号".into(),
                    "整改内容".into(),
                    "年份".into(),
                    "责任单位".into(),
                    "状态".into(),
                ],
                rows,
                &[0.07, 0.55, 0.1, 0.15, 0.13],
            ))
            .add_paragraph(placeholder("整改措施的保障措施。"));
        return doc;
    }
    match input.scenario {
        Some((sc, cost, _)) => {
            doc = doc.add_paragraph(text(&format!(
                "方案“{}”：{} 项变更，费用 {}。",
                sc.name,
                sc.changes.len(),
                format::cost_total(cost, true)
            )));
            for (i, c) in sc.changes.iter().enumerate() {
                let year = sc
                    .year_of(i)
                    .map(|y| format!("（{y} 年起）"))
                    .unwrap_or_default();
                doc = doc.add_paragraph(text(&format!(
                    "{}. {}{year}",
                    i + 1,
                    c.describe_in(Some(input.data), true)
                )));
            }
        }
        None => {
            doc = doc.add_paragraph(text("尚未选定整改方案。"));
        }
    }
    doc.add_paragraph(placeholder("整改措施的责任单位、时间安排和保障措施。"))
}

/// The document's bytes.
pub fn render(input: &ReportInput<'_>) -> Result<Vec<u8>, String> {
    let mut out = std::io::Cursor::new(Vec::new());
    document(input)
        .build()
        .pack(&mut out)
        .map_err(|e| format!("无法生成 Word 文档 / cannot make the document: {e}"))?;
    Ok(out.into_inner())
}

/// Writes the document.
pub fn write(path: &std::path::Path, input: &ReportInput<'_>) -> Result<(), String> {
    let bytes = render(input)?;
    std::fs::write(path, bytes)
        .map_err(|e| format!("无法写入 / cannot write {}: {e}", path.display()))
}
