//! A synthetic county of any size, for benchmarks (national scale is about 200,000 schools).

/// SplitMix64: a small deterministic generator, so benchmark files are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next() >> 11) as f64 / (1u64 << 53) as f64)
    }
}

/// A CSV (English keys, UTF-8) of `schools` schools: 60% primary, 25% junior, 10% nine-year,
/// 5% teaching points attached to a primary school.
pub fn generate_county(schools: usize, seed: u64) -> String {
    generate_county_with(schools, seed, false)
}

/// As [`generate_county`]; `wide` spreads the values so that several CVs are over their limits
/// (the planner's benchmarks).
pub fn generate_county_with(schools: usize, seed: u64, wide: bool) -> String {
    generate_counties(schools, seed, wide, 0)
}

/// As [`generate_county_with`], with a `county` column when `counties` > 0: the schools dealt
/// round-robin to 县1 … 县N (interleaved, as a province's file is), teaching points attached to
/// a primary school of their own county.
pub fn generate_counties(schools: usize, seed: u64, wide: bool, counties: usize) -> String {
    let w = |normal: (f64, f64), spread: (f64, f64)| if wide { spread } else { normal };
    // Wide values are skewed: most schools low, a few far above (what drives CVs over in
    // practice, and what raising the low schools to their thresholds does not cure).
    let draw = |rng: &mut Rng, (lo, hi): (f64, f64)| {
        if wide {
            let u = rng.range(0.0, 1.0);
            lo + (hi - lo) * u * u * u
        } else {
            rng.range(lo, hi)
        }
    };
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(schools * 160);
    out.push_str(
        "school_id,name,kind,parent_id,students_primary,students_junior,qualified_primary,qualified_junior,\
backbone_primary,backbone_junior,pe_art_primary,pe_art_junior,teaching_area_m2,sports_area_m2,\
equipment_value_yuan,multimedia_rooms",
    );
    out.push_str(if counties > 0 { ",county\n" } else { "\n" });
    let mut last_primaries: Vec<Option<usize>> = vec![None; counties.max(1)];
    for i in 0..schools {
        let c = if counties > 0 { i % counties } else { 0 };
        let last_primary = last_primaries[c];
        let roll = rng.range(0.0, 1.0);
        let kind = if roll < 0.60 {
            "primary"
        } else if roll < 0.85 {
            "junior"
        } else if roll < 0.95 {
            "nine_year"
        } else {
            "teaching_point"
        };
        let kind = if kind == "teaching_point" && last_primary.is_none() {
            "primary"
        } else {
            kind
        };
        let (p, j) = match kind {
            "primary" => (rng.range(80.0, 2000.0).round(), 0.0),
            "junior" => (0.0, rng.range(100.0, 1800.0).round()),
            "nine_year" => (
                rng.range(100.0, 1200.0).round(),
                rng.range(80.0, 900.0).round(),
            ),
            _ => (rng.range(5.0, 60.0).round(), 0.0),
        };
        let per = |rng: &mut Rng, n: f64, lo: f64, hi: f64| (n * rng.range(lo, hi) / 100.0).round();
        let total = p + j;
        let weighted = p + 1.1 * j;
        let parent = match (kind, last_primary) {
            ("teaching_point", Some(pi)) => format!("G{pi:06}"),
            _ => String::new(),
        };
        let cell = |present: bool, v: f64| {
            if present {
                format!("{v}")
            } else {
                String::new()
            }
        };
        let (hp, hj) = (p > 0.0, j > 0.0);
        out.push_str(&format!(
            "G{i:06},第{i}学校,{kind},{parent},{},{},{},{},{},{},{},{},{:.1},{:.1},{:.0},{}",
            cell(hp, p),
            cell(hj, j),
            cell(hp, per(&mut rng, p, 3.0, 7.0)),
            cell(hj, per(&mut rng, j, 4.0, 8.0)),
            cell(hp, {
                let r = draw(&mut rng, w((0.6, 1.8), (0.3, 6.0)));
                (p * r / 100.0).round()
            }),
            cell(hj, {
                let r = draw(&mut rng, w((0.6, 1.8), (0.3, 6.0)));
                (j * r / 100.0).round()
            }),
            cell(hp, per(&mut rng, p, 0.6, 1.4)),
            cell(hj, per(&mut rng, j, 0.6, 1.4)),
            weighted * draw(&mut rng, w((3.5, 7.5), (3.0, 20.0))),
            weighted * draw(&mut rng, w((4.0, 16.0), (3.0, 70.0))),
            weighted * draw(&mut rng, w((1500.0, 3500.0), (1200.0, 14000.0))),
            (total * rng.range(1.8, 3.2) / 100.0).round(),
        ));
        if counties > 0 {
            out.push_str(&format!(",县{}\n", c + 1));
        } else {
            out.push('\n');
        }
        if kind == "primary" {
            last_primaries[c] = Some(i);
        }
    }
    out
}

/// A generated county's CSV with enrolment by grade and feeds_into added: each section's
/// students split over its grades with smaller cohorts entering (grade 1 the smallest, as birth
/// cohorts shrink), whole numbers adding up to the section's students; each primary school fed
/// to a junior school in turn (a nine-year school feeds itself).
pub fn with_grades(csv: &str) -> String {
    let mut lines = csv.lines();
    let Some(header) = lines.next() else {
        return csv.to_string();
    };
    let cols: Vec<&str> = header.split(',').collect();
    let at = |name: &str| cols.iter().position(|c| *c == name);
    let (Some(id), Some(kind), Some(p), Some(j)) = (
        at("school_id"),
        at("kind"),
        at("students_primary"),
        at("students_junior"),
    ) else {
        return csv.to_string();
    };
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let juniors: Vec<&str> = rows
        .iter()
        .filter(|r| r.get(kind).is_some_and(|k| *k == "junior"))
        .filter_map(|r| r.get(id).copied())
        .collect();
    // Whole numbers in proportion to `weights`, adding up to `total`.
    let split = |total: f64, weights: &[f64]| -> Vec<f64> {
        let sum: f64 = weights.iter().sum();
        let mut out: Vec<f64> = weights.iter().map(|w| (total * w / sum).floor()).collect();
        let left = total - out.iter().sum::<f64>();
        for k in 0..left.max(0.0) as usize {
            let n = out.len();
            out[n - 1 - k % n] += 1.0;
        }
        out
    };
    let mut out = format!("{header},grade_1,grade_2,grade_3,grade_4,grade_5,grade_6,grade_7,grade_8,grade_9,feeds_into\n");
    let mut next = 0usize;
    for r in &rows {
        let num = |c: usize| r.get(c).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        let k = r.get(kind).copied().unwrap_or("");
        let primary = if num(p) > 0.0 && k != "teaching_point" {
            split(num(p), &[0.90, 0.94, 0.98, 1.02, 1.06, 1.10])
        } else {
            Vec::new()
        };
        let junior = if num(j) > 0.0 {
            split(num(j), &[0.95, 1.0, 1.05])
        } else {
            Vec::new()
        };
        let cell = |g: &[f64], i: usize| g.get(i).map_or(String::new(), |v| format!("{v}"));
        let feeds = if k == "primary" && !juniors.is_empty() {
            next += 1;
            juniors[next % juniors.len()].to_string()
        } else {
            String::new()
        };
        out.push_str(&r.join(","));
        for i in 0..6 {
            out.push(',');
            out.push_str(&cell(&primary, i));
        }
        for i in 0..3 {
            out.push(',');
            out.push_str(&cell(&junior, i));
        }
        out.push(',');
        out.push_str(&feeds);
        out.push('\n');
    }
    out
}
