//! `junheng evaluate FILE --by county`: each county of a city's or province's file judged on its
//! own, and the counties ranked (DATA-FORMAT.md §6), as a table or as JSON.

use super::table::Table;
use crate::evaluate::counties::{evaluate_by_county, ranking, CountyEvaluation, CountyRank};
use crate::i18n::Tr;
use crate::io::Imported;
use crate::standard::Standard;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::io::Write;
use std::process::ExitCode;

struct Output<'a> {
    counties: &'a [CountyEvaluation],
    ranking: &'a [CountyRank],
    standard: &'a Standard,
}

struct Counties<'a>(&'a Output<'a>);
struct CountyJson<'a>(&'a CountyEvaluation, &'a Standard);
struct Ranking<'a>(&'a [CountyRank]);
struct RankJson<'a>(&'a CountyRank);

impl Serialize for Output<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("standard", &self.standard.def.id)?;
        m.serialize_entry("counties", &Counties(self))?;
        m.serialize_entry("ranking", &Ranking(self.ranking))?;
        m.end()
    }
}

impl Serialize for Counties<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.counties.len()))?;
        for c in self.0.counties {
            seq.serialize_element(&CountyJson(c, self.0.standard))?;
        }
        seq.end()
    }
}

impl Serialize for CountyJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("county", &self.0.county)?;
        m.serialize_entry("schools", &self.0.data.schools.len())?;
        self.0.evaluation.json(self.1).write_entries(&mut m)?;
        m.end()
    }
}

impl Serialize for Ranking<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for r in self.0 {
            seq.serialize_element(&RankJson(r))?;
        }
        seq.end()
    }
}

impl Serialize for RankJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("county", &r.county)?;
        m.serialize_entry("passing_share", &r.passing_share)?;
        m.serialize_entry("cv_met", &r.cv_met)?;
        m.serialize_entry("resource_allocation_met", &r.resource_allocation_met)?;
        m.serialize_entry("units", &r.units)?;
        m.serialize_entry("passing", &r.passing)?;
        m.serialize_entry("cv_total", &r.cv_total)?;
        m.end()
    }
}

/// Prints each county's evaluation and the ranking; exit 2 when the file names no county.
pub(super) fn by_county_command(
    imported: &Imported,
    standard: &Standard,
    json: bool,
    tr: Tr,
) -> ExitCode {
    let zh = tr.zh();
    let counties = evaluate_by_county(&imported.dataset, standard);
    if counties.is_empty() {
        eprintln!(
            "{}",
            tr.s(
                "错误：文件中没有县区列（县区、区县或统计三级），无法按县区评估",
                "error: the file has no county column (县区, 区县 or 统计三级) to judge counties by"
            )
        );
        return ExitCode::from(2);
    }
    for note in &imported.notes {
        eprintln!("{note}");
    }
    let ranks = ranking(&counties);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        let out = Output {
            counties: &counties,
            ranking: &ranks,
            standard,
        };
        let _ = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            serde_json::to_writer_pretty(&mut stdout, &out)
        } else {
            serde_json::to_writer(&mut stdout, &out)
        };
        let _ = stdout.write_all(b"\n");
    } else {
        let t = |a: &'static str, b: &'static str| if zh { a } else { b };
        let mut table = Table::new(
            [
                t("名次", "Rank"),
                t("县区", "County"),
                t("学校", "Schools"),
                t("达标单元", "Passing"),
                t("达标比例", "Share"),
                t("差异系数达标", "CVs met"),
                t("资源配置", "Resources"),
                t("未达标的差异系数", "CVs over the limit"),
            ]
            .map(String::from)
            .to_vec(),
        );
        for (i, r) in ranks.iter().enumerate() {
            let Some(c) = counties.iter().find(|c| c.county == r.county) else {
                continue;
            };
            table.row(vec![
                (i + 1).to_string(),
                r.county.clone(),
                c.data.schools.len().to_string(),
                format!("{}/{}", r.passing, r.units),
                format!("{:.1}%", r.passing_share * 100.0),
                format!("{}/{}", r.cv_met, r.cv_total),
                if r.resource_allocation_met {
                    t("达标", "MET")
                } else {
                    t("未达标", "NOT MET")
                }
                .to_string(),
                crate::format::failing_cvs(&c.evaluation, standard, zh).join(t("、", ", ")),
            ]);
        }
        let head = if zh {
            format!(
                "{} — {}：{} 个县区，各县区分别评估，按达标单元比例、差异系数达标项排序\n",
                imported.dataset.source,
                standard.def.name_zh,
                counties.len()
            )
        } else {
            format!(
                "{} — {}: {} counties, each judged on its own, ranked by share of sections passing, then CVs met\n",
                imported.dataset.source,
                standard.def.name_en,
                counties.len()
            )
        };
        let _ = stdout.write_all(head.as_bytes());
        let _ = stdout.write_all(table.render(&[0, 2, 3, 4, 5]).as_bytes());
    }
    let _ = stdout.flush();
    ExitCode::SUCCESS
}
