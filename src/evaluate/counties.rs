//! Several counties in one file (DATA-FORMAT.md §6): each county evaluated on its own — the
//! standard judges counties, so CVs are computed within one — and the counties ranked by the
//! share of their sections that pass, then by CVs within their limits.

use super::{evaluate, Evaluation};
use crate::model::{Dataset, Level};
use crate::standard::Standard;

/// One county's schools and their evaluation.
#[derive(Debug, Clone)]
pub struct CountyEvaluation {
    pub county: String,
    pub data: Dataset,
    pub evaluation: Evaluation,
}

/// Where a county stands, for the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyRank {
    pub county: String,
    /// Sections (school levels) evaluated and passing, both levels together.
    pub units: usize,
    pub passing: usize,
    /// `passing / units`; 0 for a county with no section.
    pub passing_share: f64,
    /// CVs within their limits, both levels together, out of `cv_total`.
    pub cv_met: usize,
    pub cv_total: usize,
    pub resource_allocation_met: bool,
}

impl CountyRank {
    /// The rank figures of one county's evaluation.
    pub fn of(county: &str, ev: &Evaluation) -> CountyRank {
        let (mut units, mut passing, mut cv_met, mut cv_total) = (0, 0, 0, 0);
        for level in Level::BOTH {
            let s = ev.summary_of(level);
            units += s.units;
            passing += s.passing;
            cv_met += s.cv_met;
            cv_total += ev.cv_of(level).len();
        }
        CountyRank {
            county: county.to_string(),
            units,
            passing,
            passing_share: if units == 0 {
                0.0
            } else {
                passing as f64 / units as f64
            },
            cv_met,
            cv_total,
            resource_allocation_met: ev.resource_allocation_met,
        }
    }
}

/// Evaluates each county of the data on its own, in the order the counties first appear.
/// Empty when no school names a county.
pub fn evaluate_by_county(data: &Dataset, standard: &Standard) -> Vec<CountyEvaluation> {
    data.counties()
        .into_iter()
        .map(|county| {
            let data = data.county_subset(&county);
            let evaluation = evaluate(&data, standard);
            CountyEvaluation {
                county,
                data,
                evaluation,
            }
        })
        .collect()
}

/// The counties ranked: the larger share of sections passing first, then more CVs met; counties
/// that tie keep the file's order.
pub fn ranking(counties: &[CountyEvaluation]) -> Vec<CountyRank> {
    let mut out: Vec<CountyRank> = counties
        .iter()
        .map(|c| CountyRank::of(&c.county, &c.evaluation))
        .collect();
    out.sort_by(|a, b| {
        b.passing_share
            .total_cmp(&a.passing_share)
            .then(b.cv_met.cmp(&a.cv_met))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, School, SchoolKind};

    fn school(id: &str, county: &str, students: f64, backbone: f64) -> School {
        let mut s = School::new(id, id, SchoolKind::Primary)
            .with(Field::StudentsPrimary, students)
            .with(Field::ClassesPrimary, (students / 40.0).ceil())
            .with(Field::TeachersPrimary, students / 15.0)
            .with(Field::QualifiedPrimary, students / 20.0)
            .with(Field::BackbonePrimary, backbone)
            .with(Field::PeArtPrimary, students / 100.0)
            .with(Field::TeachingAreaM2, students * 5.0)
            .with(Field::SportsAreaM2, students * 8.0)
            .with(Field::EquipmentValueYuan, students * 3000.0)
            .with(Field::MultimediaRooms, students / 40.0);
        s.county = Some(county.to_string());
        s
    }

    #[test]
    fn each_county_is_judged_alone_and_ranked_by_share_passing() {
        let data = Dataset {
            schools: vec![
                school("A1", "甲县", 400.0, 4.0),
                school("B1", "乙县", 400.0, 0.0),
                school("A2", "甲县", 800.0, 8.0),
                school("B2", "乙县", 400.0, 4.0),
            ],
            ..Dataset::default()
        };
        let standard = Standard::national_2017();
        let by = evaluate_by_county(&data, &standard);
        assert_eq!(
            by.iter().map(|c| c.county.as_str()).collect::<Vec<_>>(),
            ["甲县", "乙县"]
        );
        // Each county's evaluation is exactly that of its schools alone.
        let alone = evaluate(&data.county_subset("乙县"), &standard);
        assert_eq!(by[1].evaluation, alone);
        assert_eq!(by[1].data.schools.len(), 2);
        let ranks = ranking(&by);
        assert_eq!(ranks[0].county, "甲县");
        assert_eq!((ranks[0].passing, ranks[0].units), (2, 2));
        assert_eq!((ranks[1].passing, ranks[1].units), (1, 2));
        assert!((ranks[1].passing_share - 0.5).abs() < 1e-12);
        assert_eq!(ranks[1].cv_total, 7);
    }
}
