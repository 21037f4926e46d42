//! The command line's arguments (clap).

use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// 均衡 junheng — 义务教育优质均衡发展 资源配置评估与规划
/// (compulsory-education high-quality balance: resource allocation evaluation and planning)
#[derive(Debug, Parser)]
#[command(name = "junheng", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Data files or a project to open in the window (several data files are read together as
    /// one county, as the file manager passes them).
    pub files: Vec<PathBuf>,
}

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Zh, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            Lang::Zh => clap::builder::PossibleValue::new("zh").help("中文"),
            Lang::En => clap::builder::PossibleValue::new("en").help("English"),
        })
    }
}

/// How a data file is read: the sheet, and the most rows.
#[derive(Debug, Args, Clone, Default)]
pub struct ReadArgs {
    /// The sheet of a workbook to read (default: every visible sheet holding a school table)
    #[arg(long)]
    pub sheet: Option<String>,
    /// The most school rows to read (default: 300000)
    #[arg(long, value_name = "N")]
    pub max_rows: Option<usize>,
    /// A column mapping (JSON, as the app saves it; format in the README) for columns not
    /// recognised
    #[arg(long, value_name = "MAP.json", value_parser = read_mapping)]
    pub mapping: Option<crate::io::mapping::Mapping>,
}

impl ReadArgs {
    pub fn options(self) -> crate::io::ImportOptions {
        crate::io::ImportOptions {
            sheet: self.sheet,
            max_rows: self.max_rows,
            partial: false,
            mapping: self.mapping,
            saved_mappings: Vec::new(),
        }
    }
}

/// `--mapping FILE`: read (at most 1 MiB) and checked.
fn read_mapping(path: &str) -> Result<crate::io::mapping::Mapping, String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(crate::io::mapping::MAX_MAPPING_BYTES)
                .read_to_string(&mut text)
        })
        .map_err(|e| format!("{path}: {e}"))?;
    crate::io::mapping::Mapping::from_json(&text).map_err(|e| format!("{path}: {e}"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 评估学校数据 / evaluate a county's school data against the standard
    Evaluate {
        /// The data file (.xlsx, .xls, .ods, .csv or .json) or project; or several data files or
        /// a folder, read together as one county (a school in several tables is one school)
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        files: Vec<PathBuf>,
        /// Evaluate the embedded synthetic sample county instead of a file
        #[arg(long)]
        sample: bool,
        /// A built-in standard (national-2017, basic-2012) or a standard JSON file; default: a
        /// project's own standard, else national-2017
        #[arg(long)]
        standard: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
        /// Apply a scenario first: a scenario JSON file, or the name of a scenario in a .junheng project
        #[arg(long)]
        scenario: Option<String>,
        /// Print the JSON of DATA-FORMAT.md §3 instead of a table
        #[arg(long)]
        json: bool,
        /// Print only the summary and the CV table, not a row per section (for large files)
        #[arg(long, conflicts_with = "json")]
        summary: bool,
        /// Compute unweighted CVs (NOT the standard's method; for comparison only)
        #[arg(long)]
        unweighted_cv: bool,
        /// Judge each county of the file on its own (its 县区/统计三级 column) and rank them
        #[arg(long, value_enum)]
        by: Option<GroupBy>,
        /// Language of the table and messages
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 逐年推演 / project enrolment by grade year by year, apply dated changes and judge every
    /// year; names each section that passes now and fails later (DATA-FORMAT.md §5)
    Timeline {
        /// The data file or .junheng project (with grade_1 … grade_9 and feeds_into)
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// The embedded sample county (it has no grades: its enrolment stays)
        #[arg(long)]
        sample: bool,
        /// The school year the data describe
        #[arg(long)]
        base_year: i32,
        /// The last year projected
        #[arg(long)]
        to: i32,
        /// A scenario JSON file, or a scenario of the project; changes with "year" hold from it
        #[arg(long)]
        scenario: Option<String>,
        /// Grade-1 and grade-7 intakes by school and year (.csv/.xlsx: school_id, year, grade_1, grade_7)
        #[arg(long)]
        intake: Option<PathBuf>,
        /// Instead of a table: grade 1 changes by this share each year (-0.03: 3% fewer)
        #[arg(long, allow_hyphen_values = true)]
        intake_trend: Option<f64>,
        /// The share of a grade that goes on to the next grade
        #[arg(long, default_value_t = 1.0)]
        survival: f64,
        /// A built-in standard or a standard JSON file; default: a project's own, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// Print the JSON of DATA-FORMAT.md §5 instead of a table
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 整改台账 / the rectification ledger of a scenario as a workbook: one row per change, with
    /// its cost, year, responsible unit and status, and the progress by unit and by year
    Ledger {
        /// The data file or .junheng project
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// The embedded sample county
        #[arg(long)]
        sample: bool,
        /// A scenario JSON file, or the name of a scenario in a project
        #[arg(long)]
        scenario: String,
        /// Where to write the ledger (.xlsx)
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// 生成空白数据模板 / write an empty data template (.xlsx) with Chinese headers and notes
    Template {
        /// Where to write the template
        #[arg(long)]
        out: PathBuf,
        /// Write the per-school form instead: one workbook a school fills in (items down the
        /// first column); a folder of filled forms is read as one county
        #[arg(long)]
        per_school: bool,
    },
    /// 生成报告 / write the Excel (.xlsx), PDF or PowerPoint (.pptx) report of an evaluation, with a scenario if named
    Report {
        /// The data file or .junheng project
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Report on the embedded sample county
        #[arg(long)]
        sample: bool,
        /// A scenario JSON file, or the name of a scenario in a project
        #[arg(long)]
        scenario: Option<String>,
        /// A built-in standard (national-2017, basic-2012) or a standard JSON file; default: a
        /// project's own standard, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// Where to write the report (.xlsx, .pdf, or .pptx: an editable deck with native charts)
        #[arg(long)]
        out: PathBuf,
        /// With --to: add the 年度推演 from this base year (the deck's timeline slides)
        #[arg(long, requires = "to")]
        base_year: Option<i32>,
        /// The last year of the 年度推演
        #[arg(long, requires = "base_year")]
        to: Option<i32>,
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        meeting: MeetingArgs,
    },
    /// 新建项目文件 / make a project file (.junheng) from a data file (or the sample) and scenario files
    Project {
        /// The data file; the embedded sample when omitted
        file: Option<PathBuf>,
        /// Scenario JSON files to include (repeatable)
        #[arg(long)]
        scenario: Vec<PathBuf>,
        /// Where to write the project
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// 生成方案 / the cheapest additions that make every section and every CV pass (DATA-FORMAT.md §4)
    Plan {
        /// The data file or .junheng project
        #[arg(required_unless_present = "sample", conflicts_with = "sample")]
        file: Option<PathBuf>,
        /// Plan for the embedded sample county
        #[arg(long)]
        sample: bool,
        /// Apply a scenario first (a JSON file, or a scenario of the project); the plan adds to it
        #[arg(long)]
        scenario: Option<String>,
        /// Unit costs: {"costs": {"field": yuan, …}}; only the fields named may change
        #[arg(long)]
        costs: PathBuf,
        /// The most to spend, in yuan: then the most sections passing, fewest CVs over, least cost
        #[arg(long)]
        budget: Option<f64>,
        /// national: 6 of 7 met and the rest ≥ 85%; strict: all met
        #[arg(long, value_enum, default_value_t = RuleArg::National)]
        rule: RuleArg,
        /// Seconds before the best plan so far is returned with its gap
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Round areas up to whole m² and money to 100 yuan, and verify again (the window's
        /// default); without it the additions are the model's exact optimum
        #[arg(long)]
        round: bool,
        /// The years over which yearly costs (teachers' salaries) count: total = one-time +
        /// years × yearly (DATA-FORMAT.md §4)
        #[arg(long, default_value_t = 1.0)]
        years: f64,
        /// A built-in standard or a standard JSON file; default: a project's own, else national-2017
        #[arg(long)]
        standard: Option<String>,
        /// Print the JSON of DATA-FORMAT.md §4 instead of an explanation
        #[arg(long)]
        json: bool,
        /// Write the plan as a scenario file (for `evaluate --scenario` or the app)
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print progress (round, bound, best plan, gap) to standard error
        #[arg(long)]
        progress: bool,
        /// A phased plan over the years (DATA-FORMAT.md §4): the school year the data describe
        #[arg(long, requires_all = ["target_year", "to"])]
        base_year: Option<i32>,
        /// The first year every section and CV must pass
        #[arg(long, requires = "base_year")]
        target_year: Option<i32>,
        /// The last year projected and judged
        #[arg(long, requires = "base_year")]
        to: Option<i32>,
        /// Each year's budget in yuan: 2024=3000000,2025=5000000
        #[arg(long, requires = "base_year")]
        annual_budget: Option<String>,
        /// Each CV at least this far under its limit in every judged year
        #[arg(long, default_value_t = 0.0, requires = "base_year")]
        cv_margin: f64,
        /// Grade-1 and grade-7 intakes by school and year (.csv/.xlsx), for a phased plan
        #[arg(long, requires = "base_year")]
        intake: Option<PathBuf>,
        /// Instead of a table: grade 1 changes by this share each year (-0.03: 3% fewer)
        #[arg(long, allow_hyphen_values = true, requires = "base_year")]
        intake_trend: Option<f64>,
        /// The share of a grade that goes on to the next grade
        #[arg(long, default_value_t = 1.0, requires = "base_year")]
        survival: f64,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Generate a synthetic county of N schools as CSV (for benchmarks)
    #[command(hide = true)]
    Generate {
        #[arg(long)]
        schools: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Spread the values so that several CVs are over their limits
        #[arg(long)]
        wide: bool,
        /// Deal the schools to this many counties (a `county` column), interleaved
        #[arg(long, default_value_t = 0)]
        counties: usize,
        /// Add enrolment by grade (grade_1 … grade_9, smaller cohorts entering) and feeds_into,
        /// for timelines
        #[arg(long)]
        grades: bool,
    },
}

/// The school rule of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuleArg {
    National,
    Strict,
}

/// How `evaluate --by` splits the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// One evaluation per county (DATA-FORMAT.md §6)
    County,
}

/// The meeting a report is for (a project's own when not given).
#[derive(Debug, Args, Clone, Default)]
pub struct MeetingArgs {
    /// The meeting's title, on the cover and the summary (e.g. 县政府常务会议)
    #[arg(long)]
    pub title: Option<String>,
    /// The county's name, as the leaders read it (default: the project's, else the file's name)
    #[arg(long)]
    pub county: Option<String>,
    /// The meeting's date, as it should be printed
    #[arg(long)]
    pub date: Option<String>,
}

impl MeetingArgs {
    /// The project's meeting with what was given on the command line put over it.
    pub fn over(self, mut m: crate::project::Meeting) -> crate::project::Meeting {
        if let Some(t) = self.title {
            m.title = t;
        }
        if let Some(c) = self.county {
            m.county = c;
        }
        if let Some(d) = self.date {
            m.date = d;
        }
        m
    }
}
