//! The project file (`.junheng`): SQLite through rusqlite with the bundled library.
//!
//! A save writes a complete new database next to the project (`….junheng-saving`), syncs it and
//! renames it over the old file, so the `.junheng` file alone is always one whole state, whatever
//! happens during the save and whoever copies the file. Opening checks the file (`PRAGMA
//! quick_check`, its schema version, every value): a newer, damaged or invalid file is refused
//! with a clear message and never written to — by a save, `project --out` or a migration. Only a
//! valid file of an older schema is migrated, after a backup copy (`….junheng.v1.bak`).

use crate::model::builder::SchoolBuilder;
use crate::model::headers::TextColumn;
use crate::model::{Dataset, Field, School};
use crate::project::Project;
use crate::scenario::{CostTable, Scenario};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// The schema this version writes. History: 1 — data, scenarios, costs, settings;
/// 2 — adds `county_items` (the county-level items of the whole standard); 3 — each school's
/// county; 4 — `corrections` (数据更正); 5 — each school's `feeds_into` (对口初中); 6 — years of
/// actual data before the base year (`history_years`, `history_schools`) and the intake table;
/// 7 — unit costs once and every year (`costs.per_year`; before it the app counted teachers'
/// costs as yearly, so a migration moves them there) and the planner's transfer block.
pub const SCHEMA_VERSION: i64 = 7;

/// The application id stamped into the SQLite header (`PRAGMA application_id`): "JUNH".
pub const APPLICATION_ID: i32 = 0x4A55_4E48;

/// Why a project could not be opened or saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("项目文件不存在 / the project file does not exist: {0}")]
    Missing(String),
    #[error("不是均衡项目文件，或文件已损坏；未做任何修改 / not a junheng project, or the file is damaged; it was not changed: {0}")]
    Corrupt(String),
    #[error("项目文件由更新版本的均衡保存（格式版本 {found}，本程序支持 {supported}）；请升级程序。文件未做任何修改 / the project was saved by a newer junheng (schema {found}, this version reads {supported}); it was not changed")]
    Newer { found: i64, supported: i64 },
    #[error("无法读写项目文件 / cannot read or write the project: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("无法写入项目文件 / cannot write the project: {0}")]
    Io(String),
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dataset (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    source_file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    extra_columns TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS schools (
    position INTEGER PRIMARY KEY,
    school_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT,
    township TEXT,
    location TEXT,
    fields TEXT NOT NULL,
    extra TEXT NOT NULL,
    county TEXT,
    feeds_into TEXT
);
CREATE TABLE IF NOT EXISTS scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL, changes TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS costs (field TEXT PRIMARY KEY, cost REAL NOT NULL, per_year REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS county_items (key TEXT PRIMARY KEY, value REAL, evidence TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (position INTEGER PRIMARY KEY, school_id TEXT NOT NULL, field TEXT NOT NULL, old REAL, new REAL NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS history_years (year INTEGER PRIMARY KEY, source_file TEXT NOT NULL, extra_columns TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS history_schools (
    year INTEGER NOT NULL,
    position INTEGER NOT NULL,
    school_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT,
    township TEXT,
    location TEXT,
    fields TEXT NOT NULL,
    extra TEXT NOT NULL,
    county TEXT,
    feeds_into TEXT,
    PRIMARY KEY (year, position)
);
";

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Reads the schema version of an open database: `None` for an empty database (a new file).
fn schema_version(conn: &Connection) -> Result<Option<i64>, StoreError> {
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(corrupt)?;
    if tables == 0 {
        return Ok(None);
    }
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::Corrupt(
            "the file is another program's database".into(),
        ));
    }
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(corrupt)?;
    let version = version
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| StoreError::Corrupt("no schema version".into()))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 1 {
        return Err(StoreError::Corrupt(format!(
            "schema version {version} was never written by junheng"
        )));
    }
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(corrupt)?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!("integrity check: {check}")));
    }
    Ok(Some(version))
}

/// Brings an older schema up to date, one version at a time.
fn migrate(conn: &Connection, from: i64) -> Result<(), StoreError> {
    if from < 2 {
        // Version 2 adds the county-level items; a version-1 project has none entered.
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS county_items (key TEXT PRIMARY KEY, value REAL, evidence TEXT NOT NULL);",
        )?;
    }
    if from < 3 {
        // Version 3 adds each school's county (a file holding several counties).
        conn.execute_batch("ALTER TABLE schools ADD COLUMN county TEXT;")?;
    }
    if from < 5 {
        // Version 5 adds the junior school a primary school's graduates go to.
        conn.execute_batch("ALTER TABLE schools ADD COLUMN feeds_into TEXT;")?;
    }
    if from < 7 {
        // Version 7 keeps what recurs apart; the app showed teachers' costs as yearly before.
        let has: i64 = conn.query_row(
            "SELECT count(*) FROM pragma_table_info('costs') WHERE name = 'per_year'",
            [],
            |r| r.get(0),
        )?;
        if has == 0 {
            conn.execute_batch("ALTER TABLE costs ADD COLUMN per_year REAL NOT NULL DEFAULT 0;")?;
        }
        for key in yearly_before_7() {
            conn.execute(
                "UPDATE costs SET per_year = cost, cost = 0 WHERE field = ?1",
                [key],
            )?;
        }
    }
    // Version 4's corrections table comes with the schema below (CREATE … IF NOT EXISTS).
    if from < SCHEMA_VERSION {
        conn.execute_batch(SCHEMA)?;
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
            [SCHEMA_VERSION.to_string()],
        )?;
    }
    Ok(())
}

/// The fields whose costs the app counted as yearly before version 7: the people.
fn yearly_before_7() -> impl Iterator<Item = &'static str> {
    Field::ALL
        .iter()
        .filter(|f| f.measure() == crate::model::Measure::Persons)
        .map(|f| f.key())
}

fn fields_json(school: &School) -> String {
    let mut m = serde_json::Map::new();
    for &f in Field::ALL {
        if let Some(v) = school.values.get(f) {
            if let Some(n) = serde_json::Number::from_f64(v) {
                m.insert(f.key().to_string(), serde_json::Value::Number(n));
            }
        }
    }
    serde_json::Value::Object(m).to_string()
}

/// The schema version of an existing file, checked without writing to it: `None` for an empty
/// file; an error for a newer, damaged or foreign one.
fn check_existing(path: &Path) -> Result<Option<i64>, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupt)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    schema_version(&conn)
}

/// Where a save writes before it renames over the project.
fn saving_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push("-saving");
    path.with_file_name(name)
}

/// A copy of an older-schema file kept before it is changed.
fn backup_path(path: &Path, version: i64) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}.bak"));
    path.with_file_name(name)
}

/// Saves a project: a complete new file, synced, renamed over the old one. An existing file must
/// be a junheng project this version can read; a newer, damaged or foreign one is refused and
/// left as it is; an older one is kept as a backup copy first.
pub fn save(path: &Path, project: &Project) -> Result<(), StoreError> {
    let old_version = if path.exists() {
        // Only a whole, valid project (or an empty file) is ever replaced.
        let v = check_existing(path)?;
        if let Some(v) = v {
            read(path, v)?;
        }
        v
    } else {
        None
    };
    let tmp = saving_path(path);
    let _ = std::fs::remove_file(&tmp);
    let written = write_new(&tmp, project).and_then(|()| {
        // The new file's bytes reach the disk before it takes the project's name.
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::Io(e.to_string()))
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Some(v) = old_version.filter(|&v| v < SCHEMA_VERSION) {
        std::fs::copy(path, backup_path(path, v)).map_err(|e| StoreError::Io(e.to_string()))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        StoreError::Io(e.to_string())
    })?;
    sync_dir(path);
    Ok(())
}

/// Makes a rename durable where the platform allows it (a directory can be synced on Unix).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Writes a whole project into a new database file.
fn write_new(path: &Path, project: &Project) -> Result<(), StoreError> {
    let mut conn = Connection::open(path)?;
    // A new file that only takes the project's name once complete: no rollback journal needed.
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    {
        let mut meta = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
        meta.execute(params!["schema_version", SCHEMA_VERSION.to_string()])?;
        meta.execute(params!["app_version", env!("CARGO_PKG_VERSION")])?;
        meta.execute(params!["saved_at", crate::project::now_rfc3339()])?;
        tx.execute(
            "INSERT INTO dataset (id, source_file, imported_at, extra_columns) VALUES (1, ?1, ?2, ?3)",
            params![
                project.source_file,
                project.imported_at,
                serde_json::to_string(&project.dataset.extra_columns).unwrap_or_else(|_| "[]".into())
            ],
        )?;
        insert_schools(&tx, None, &project.dataset.schools)?;
        let mut hy = tx.prepare(
            "INSERT INTO history_years (year, source_file, extra_columns) VALUES (?1, ?2, ?3)",
        )?;
        for p in &project.history {
            hy.execute(params![
                p.year,
                p.source,
                serde_json::to_string(&p.dataset.extra_columns).unwrap_or_else(|_| "[]".into())
            ])?;
            insert_schools(&tx, Some(p.year), &p.dataset.schools)?;
        }
        let mut sc =
            tx.prepare("INSERT INTO scenarios (position, name, changes) VALUES (?1, ?2, ?3)")?;
        for (i, s) in project.scenarios.iter().enumerate() {
            sc.execute(params![
                i as i64,
                s.name,
                // Each change's JSON object, with its "year" where it has one.
                s.changes_json().to_string()
            ])?;
        }
        let mut c = tx.prepare("INSERT INTO costs (field, cost, per_year) VALUES (?1, ?2, ?3)")?;
        for (field, cost) in &project.costs.costs {
            c.execute(params![field, cost.once, cost.per_year])?;
        }
        let mut ci =
            tx.prepare("INSERT INTO county_items (key, value, evidence) VALUES (?1, ?2, ?3)")?;
        for e in &project.county {
            ci.execute(params![e.key, e.value, e.evidence])?;
        }
        let mut co = tx.prepare(
            "INSERT INTO corrections (position, school_id, field, old, new, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, c) in project.corrections.iter().enumerate() {
            co.execute(params![
                i as i64,
                c.school_id,
                c.field.key(),
                c.old,
                c.new,
                c.at
            ])?;
        }
        let mut st = tx.prepare("INSERT INTO settings (key, value) VALUES (?1, ?2)")?;
        st.execute(params!["standard_id", project.standard_id])?;
        st.execute(params!["standard_json", project.standard_json])?;
        st.execute(params!["view", project.view])?;
        st.execute(params![
            "meeting",
            serde_json::to_string(&project.meeting).unwrap_or_default()
        ])?;
        if let Some(l) = &project.ledger {
            st.execute(params![
                "ledger",
                serde_json::to_string(l).unwrap_or_default()
            ])?;
        }
        if let Some(t) = &project.costs.transfer {
            st.execute(params![
                "transfer",
                serde_json::to_string(t).unwrap_or_default()
            ])?;
        }
        if !project.intake.is_empty() {
            st.execute(params![
                "intake",
                serde_json::to_string(&project.intake.rows()).unwrap_or_default()
            ])?;
        }
        if let Some(t) = &project.timeline {
            st.execute(params![
                "timeline",
                serde_json::to_string(t).unwrap_or_default()
            ])?;
        }
    }
    tx.commit()?;
    conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
    Ok(())
}

/// Opens a project. A missing, newer or damaged file is an error; the file is never changed,
/// except that an older schema is migrated and an interrupted save is rolled back by SQLite.
pub fn open(path: &Path) -> Result<Project, StoreError> {
    if !path.exists() {
        return Err(StoreError::Missing(path.display().to_string()));
    }
    let version = check_existing(path)?
        .ok_or_else(|| StoreError::Corrupt("the file holds no project".into()))?;
    let project = read(path, version)?;
    if version < SCHEMA_VERSION {
        // A valid older file: a backup copy first, then the schema brought up to date.
        std::fs::copy(path, backup_path(path, version))
            .map_err(|e| StoreError::Io(e.to_string()))?;
        let mut conn = Connection::open(path)?;
        let tx = conn.transaction()?;
        migrate(&tx, version)?;
        tx.commit()?;
    }
    Ok(project)
}

/// Reads and checks a whole project of a known schema version, without writing to the file.
fn read(path: &Path, version: i64) -> Result<Project, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(corrupt)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let (source_file, imported_at, extra_columns): (String, String, String) = conn
        .query_row(
            "SELECT source_file, imported_at, extra_columns FROM dataset WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(corrupt)?;
    let extra_columns: Vec<String> = serde_json::from_str(&extra_columns).map_err(corrupt)?;
    let sql = if version >= 5 {
        "SELECT school_id, name, kind, parent_id, township, location, fields, extra, county, feeds_into
             FROM schools ORDER BY position"
    } else if version >= 3 {
        // Before version 5 schools had no feeds_into.
        "SELECT school_id, name, kind, parent_id, township, location, fields, extra, county, NULL
             FROM schools ORDER BY position"
    } else {
        // Before version 3 schools had no county.
        "SELECT school_id, name, kind, parent_id, township, location, fields, extra, NULL, NULL
             FROM schools ORDER BY position"
    };
    let schools = read_schools(&conn, sql, [])?;
    // Years of actual data before the base year (version 6).
    let mut history = Vec::new();
    if version >= 6 {
        let years: Vec<(i64, String, String)> = {
            let mut q = conn
                .prepare("SELECT year, source_file, extra_columns FROM history_years ORDER BY year")
                .map_err(corrupt)?;
            let rows = q
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(corrupt)?;
            rows.collect::<Result<_, _>>().map_err(corrupt)?
        };
        for (year, source, extra_columns) in years {
            let year = i32::try_from(year)
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| StoreError::Corrupt(format!("past data of the year {year}")))?;
            let schools = read_schools(
                &conn,
                "SELECT school_id, name, kind, parent_id, township, location, fields, extra, county, feeds_into
                     FROM history_schools WHERE year = ?1 ORDER BY position",
                [year],
            )
            .map_err(|e| StoreError::Corrupt(format!("past data of {year}: {e}")))?;
            history.push(crate::project::PastYear {
                year,
                dataset: Dataset {
                    schools,
                    extra_columns: serde_json::from_str(&extra_columns).map_err(corrupt)?,
                    source: source.clone(),
                },
                source,
            });
        }
    }
    let mut scenarios = Vec::new();
    {
        let mut q = conn
            .prepare("SELECT name, changes FROM scenarios ORDER BY position")
            .map_err(corrupt)?;
        let rows = q
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(corrupt)?;
        for row in rows {
            let (name, changes) = row.map_err(corrupt)?;
            let values: Vec<serde_json::Value> = serde_json::from_str(&changes).map_err(corrupt)?;
            let (changes, years) = Scenario::changes_from_json(values)
                .map_err(|e| StoreError::Corrupt(format!("scenario \"{name}\": {e}")))?;
            scenarios.push(Scenario {
                name,
                changes,
                years,
            });
        }
    }
    let mut costs = CostTable {
        costs: Default::default(),
        transfer: None,
    };
    {
        // Before version 7 the table had one cost a field, and the app counted the people's
        // costs as yearly: read as it meant.
        let mut q = conn
            .prepare(if version >= 7 {
                "SELECT field, cost, per_year FROM costs"
            } else {
                "SELECT field, cost, 0 FROM costs"
            })
            .map_err(corrupt)?;
        let rows = q
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, f64>(1)?,
                    r.get::<_, f64>(2)?,
                ))
            })
            .map_err(corrupt)?;
        let yearly_before: Vec<&str> = yearly_before_7().collect();
        for row in rows {
            let (f, once, per_year) = row.map_err(corrupt)?;
            let cost = if version < 7 && yearly_before.contains(&f.as_str()) {
                crate::scenario::UnitCost::per_year(once)
            } else {
                crate::scenario::UnitCost { once, per_year }
            };
            if !cost.is_valid() {
                return Err(StoreError::Corrupt(format!("the unit cost of {f}")));
            }
            costs.costs.insert(f, cost);
        }
    }
    let setting = |key: &str| -> Result<String, StoreError> {
        Ok(conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(corrupt)?
            .unwrap_or_default())
    };
    let mut county = Vec::new();
    // Version 1 had no county items.
    if version >= 2 {
        let mut q = conn
            .prepare("SELECT key, value, evidence FROM county_items ORDER BY key")
            .map_err(corrupt)?;
        let rows = q
            .query_map([], |r| {
                Ok(crate::readiness::CountyEntry {
                    key: r.get(0)?,
                    value: r.get(1)?,
                    evidence: r.get(2)?,
                })
            })
            .map_err(corrupt)?;
        for row in rows {
            county.push(row.map_err(corrupt)?);
        }
    }
    let mut corrections = Vec::new();
    // Before version 4 there were no corrections.
    if version >= 4 {
        let mut q = conn
            .prepare("SELECT school_id, field, old, new, at FROM corrections ORDER BY position")
            .map_err(corrupt)?;
        let rows = q
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<f64>>(2)?,
                    r.get::<_, f64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(corrupt)?;
        for row in rows {
            let (school_id, field, old, new, at) = row.map_err(corrupt)?;
            let field = Field::from_key(&field).ok_or_else(|| {
                StoreError::Corrupt(format!("correction of unknown field {field}"))
            })?;
            if !new.is_finite() || old.is_some_and(|o| !o.is_finite()) {
                return Err(StoreError::Corrupt(format!(
                    "correction of {school_id} {}: not a number",
                    field.key()
                )));
            }
            corrections.push(crate::model::correction::Correction {
                school_id,
                field,
                old,
                new,
                at,
            });
        }
    }
    let standard_id = setting("standard_id")?;
    let standard_json = setting("standard_json")?;
    let view = setting("view")?;
    // Projects saved before the meeting setup have none.
    let meeting = match setting("meeting")? {
        m if m.is_empty() => crate::project::Meeting::default(),
        m => serde_json::from_str(&m).map_err(|e| StoreError::Corrupt(format!("meeting: {e}")))?,
    };
    // Projects saved before the 年度推演 page have no timeline; a damaged one is refused.
    let timeline = match setting("timeline")? {
        t if t.is_empty() => None,
        t => {
            let spec: crate::timeline::Spec = serde_json::from_str(&t)
                .map_err(|e| StoreError::Corrupt(format!("timeline: {e}")))?;
            spec.options()
                .check()
                .map_err(|e| StoreError::Corrupt(format!("timeline: {e}")))?;
            Some(spec)
        }
    };
    costs.transfer = match setting("transfer")? {
        t if t.is_empty() => None,
        t => Some(
            serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("transfer: {e}")))?,
        ),
    };
    costs
        .check()
        .map_err(|e| StoreError::Corrupt(format!("costs: {e}")))?;
    // The ledger (整改台账), once made: every item's change must still be a valid change.
    let ledger: Option<crate::ledger::Ledger> = match setting("ledger")? {
        t if t.is_empty() => None,
        t => Some(
            serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("ledger: {e}")))?,
        ),
    };
    if let Some(l) = &ledger {
        for (i, item) in l.items.iter().enumerate() {
            if !(item.once.is_finite()
                && item.once >= 0.0
                && item.per_year.is_finite()
                && item.per_year >= 0.0)
            {
                return Err(StoreError::Corrupt(format!(
                    "ledger item {}: its cost",
                    i + 1
                )));
            }
        }
    }
    let intake = match setting("intake")? {
        t if t.is_empty() => crate::timeline::Intake::default(),
        t => {
            let rows: Vec<crate::timeline::IntakeRow> = serde_json::from_str(&t)
                .map_err(|e| StoreError::Corrupt(format!("intake: {e}")))?;
            crate::timeline::Intake::from_rows(&rows)
                .map_err(|e| StoreError::Corrupt(format!("intake: {e}")))?
        }
    };
    Ok(Project {
        timeline,
        intake,
        history,
        ledger,
        dataset: Dataset {
            schools,
            extra_columns,
            source: source_file.clone(),
        },
        source_file,
        imported_at,
        scenarios,
        costs,
        county,
        corrections,
        meeting,
        standard_id: if standard_id.is_empty() {
            "national-2017".into()
        } else {
            standard_id
        },
        standard_json,
        view,
    })
}

/// The schools a query of the ten school columns returns, every value checked as the importer
/// checks it: a project edited or damaged outside junheng is refused, not evaluated.
fn read_schools(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<School>, StoreError> {
    let mut schools = Vec::new();
    let mut q = conn.prepare(sql).map_err(corrupt)?;
    let rows = q
        .query_map(args, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })
        .map_err(corrupt)?;
    let mut ids = std::collections::HashSet::new();
    for row in rows {
        let (id, name, kind, parent_id, township, location, fields, extra, county, feeds_into) =
            row.map_err(corrupt)?;
        // Every value is checked as the importer checks it: a project edited or damaged
        // outside junheng is refused, not evaluated.
        let bad = |what: String| StoreError::Corrupt(format!("school \"{id}\": {what}"));
        if !ids.insert(id.clone()) {
            return Err(bad("the id is used twice".into()));
        }
        let mut b = SchoolBuilder::new();
        for (column, text) in [
            (TextColumn::SchoolId, Some(id.as_str())),
            (TextColumn::Name, Some(name.as_str())),
            (TextColumn::Kind, Some(kind.as_str())),
            (TextColumn::ParentId, parent_id.as_deref()),
            (TextColumn::Township, township.as_deref()),
            (TextColumn::Location, location.as_deref()),
            (TextColumn::County, county.as_deref()),
            (TextColumn::FeedsInto, feeds_into.as_deref()),
        ] {
            b.text(column, text)
                .map_err(|p| bad(format!("{}: {p:?}", column.key())))?;
        }
        if let Some(c) = b.missing().first() {
            return Err(bad(format!("{} is missing", c.key())));
        }
        let fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&fields).map_err(corrupt)?;
        for (k, v) in fields {
            let f = Field::from_key(&k).ok_or_else(|| bad(format!("unknown field {k}")))?;
            let x = v
                .as_f64()
                .filter(|x| x.is_finite())
                .ok_or_else(|| bad(format!("{k} = {v} is not a number")))?;
            if let Some(p) = b.number(f, x, 1.0).first() {
                return Err(bad(format!("{k} = {x}: {p:?}")));
            }
        }
        let mut s = b.build();
        s.extra = serde_json::from_str(&extra).map_err(corrupt)?;
        schools.push(s);
    }
    Ok(schools)
}

/// Writes schools: the data's (`year` `None`) or a past year's.
fn insert_schools(
    tx: &rusqlite::Transaction,
    year: Option<i32>,
    schools: &[School],
) -> Result<(), StoreError> {
    let mut ins = tx.prepare(match year {
        None => "INSERT INTO schools (position, school_id, name, kind, parent_id, township, location, fields, extra, county, feeds_into)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        Some(_) => "INSERT INTO history_schools (position, school_id, name, kind, parent_id, township, location, fields, extra, county, feeds_into, year)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    })?;
    for (i, s) in schools.iter().enumerate() {
        let (position, kind, location) = (i as i64, s.kind.key(), s.location.map(|l| l.key()));
        let (fields, extra) = (
            fields_json(s),
            serde_json::to_string(&s.extra).unwrap_or_else(|_| "[]".into()),
        );
        let mut values = params![
            position,
            s.id,
            s.name,
            kind,
            s.parent_id,
            s.township,
            location,
            fields,
            extra,
            s.county,
            s.feeds_into,
        ]
        .to_vec();
        if let Some(y) = &year {
            values.push(y);
        }
        ins.execute(values.as_slice())?;
    }
    Ok(())
}
