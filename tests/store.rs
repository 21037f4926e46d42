//! The project file: a round trip that compares every value, refusal of newer and damaged files
//! without touching them, and a save killed with SIGKILL at random points that always leaves
//! either the old or the new state.

use junheng::cli::generate_county;
use junheng::io::{load_bytes, ImportOptions};
use junheng::model::SchoolKind;
use junheng::project::Project;
use junheng::scenario::{Change, MergeInto, Scenario};
use junheng::store::{self, StoreError};
use junheng::{sample, Standard};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

mod common;

fn sample_project() -> Project {
    let data = sample::load(&Standard::national_2017())
        .expect("sample")
        .dataset;
    let mut p = Project::new(data, "2026-11-29T08:00:00Z".into());
    p.scenarios.push(Scenario {
        name: "2024 方案A".into(),
        changes: vec![
            Change::Add {
                school_id: "S02".into(),
                field: "backbone_primary".into(),
                amount: 2.0,
            },
            Change::Merge {
                school_ids: vec!["J04".into(), "S09".into()],
                into: MergeInto {
                    school_id: "J04".into(),
                    name: "石门乡九年一贯制学校".into(),
                    kind: SchoolKind::NineYear,
                },
            },
        ],
        years: Vec::new(),
    });
    p.scenarios.push(Scenario {
        name: "方案B".into(),
        changes: vec![],
        years: Vec::new(),
    });
    p.costs.set(
        junheng::Field::SportsAreaM2,
        junheng::scenario::UnitCost::once(750.5),
    );
    p.costs.set(
        junheng::Field::QualifiedPrimary,
        junheng::scenario::UnitCost {
            once: 5_000.0,
            per_year: 95_000.0,
        },
    );
    p.costs.transfer = Some(junheng::scenario::TransferCost {
        fields: vec!["backbone_primary".into()],
        per_year: 20_000.0,
        max_out_share: 0.15,
    });
    p.view = r#"{"panel":"Matrix","lang":"Zh"}"#.into();
    // The 年度推演 inputs: an intake table and a year of actual data before the base year.
    p.intake = junheng::timeline::Intake::from_rows(&[
        junheng::timeline::IntakeRow {
            school_id: "S01".into(),
            year: 2026,
            grade_1: Some(212.0),
            grade_7: None,
        },
        junheng::timeline::IntakeRow {
            school_id: "J01".into(),
            year: 2027,
            grade_1: None,
            grade_7: Some(180.5),
        },
    ])
    .expect("intake");
    let mut past = p.dataset.clone();
    past.schools.truncate(12);
    past.schools[0].name = "往年小学".into();
    past.source = "2022年统计.xlsx".into();
    p.history.push(junheng::project::PastYear {
        year: 2022,
        source: "2022年统计.xlsx".into(),
        dataset: past,
    });
    p
}

#[test]
fn a_project_round_trip_restores_every_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("示例.junheng");
    let project = sample_project();
    store::save(&path, &project).expect("saves");
    let back = store::open(&path).expect("opens");
    assert_eq!(
        back, project,
        "every school, field, scenario, cost and setting"
    );
    // Saving again over the same file replaces, not appends.
    let mut changed = project.clone();
    changed.scenarios.pop();
    changed.dataset.schools[0].name = "改名小学".into();
    store::save(&path, &changed).expect("saves again");
    assert_eq!(store::open(&path).expect("opens"), changed);
}

#[test]
fn newer_and_damaged_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A file from a newer version.
    let newer = dir.path().join("newer.junheng");
    store::save(&newer, &sample_project()).expect("saves");
    {
        let conn = rusqlite_conn(&newer);
        conn.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .expect("update");
    }
    let before = std::fs::read(&newer).expect("read");
    match store::open(&newer) {
        Err(StoreError::Newer {
            found: 99,
            supported,
        }) => assert_eq!(supported, store::SCHEMA_VERSION),
        other => panic!("expected Newer, got {other:?}"),
    }
    assert!(matches!(
        store::save(&newer, &sample_project()),
        Err(StoreError::Newer { .. })
    ));
    assert_eq!(
        std::fs::read(&newer).expect("read"),
        before,
        "never overwritten"
    );

    // Not a database at all.
    let junk = dir.path().join("junk.junheng");
    std::fs::write(
        &junk,
        b"this is not a project file, just some text.\n".repeat(100),
    )
    .expect("write");
    let before = std::fs::read(&junk).expect("read");
    assert!(matches!(store::open(&junk), Err(StoreError::Corrupt(_))));
    assert!(matches!(
        store::save(&junk, &sample_project()),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(
        std::fs::read(&junk).expect("read"),
        before,
        "never overwritten"
    );
    let msg = store::open(&junk).expect_err("corrupt").to_string();
    assert!(msg.contains("不是均衡项目文件"), "{msg}");

    // A SQLite database of another program.
    let other = dir.path().join("other.junheng");
    {
        let conn = rusqlite_conn(&other);
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("create");
    }
    assert!(matches!(store::open(&other), Err(StoreError::Corrupt(_))));
    assert!(matches!(
        store::save(&other, &sample_project()),
        Err(StoreError::Corrupt(_))
    ));

    assert!(matches!(
        store::open(&dir.path().join("missing.junheng")),
        Err(StoreError::Missing(_))
    ));
}

fn rusqlite_conn(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("sqlite opens")
}

/// Two large states that differ everywhere: 5,000 schools and 20 scenarios each.
fn large_states() -> (Project, Project) {
    let standard = Standard::national_2017();
    let make = |seed: u64, tag: &str| {
        let csv = generate_county(5_000, seed);
        let data = load_bytes(
            csv.as_bytes(),
            "big.csv",
            &standard,
            &ImportOptions::default(),
        )
        .expect("generated county loads")
        .dataset;
        let mut p = Project::new(data, format!("2026-11-29T08:00:0{seed}Z"));
        for i in 0..20 {
            p.scenarios.push(Scenario {
                name: format!("{tag} {i}"),
                changes: (0..10)
                    .map(|j| Change::Add {
                        school_id: format!("G{:06}", j * 7 + i),
                        field: "sports_area_m2".into(),
                        amount: (seed * 100 + j) as f64,
                    })
                    .collect(),
                years: Vec::new(),
            });
        }
        p
    };
    (make(1, "A"), make(2, "B"))
}

/// The child of the crash test: saves B and A alternately until it is killed. Not a test of its
/// own: the crash test starts it (with `--ignored`) and kills it.
#[test]
#[ignore = "run by a_save_killed_at_random_points_leaves_the_old_or_the_new_state"]
fn crash_child() {
    let Some(path) = std::env::var_os("JUNHENG_CRASH_CHILD") else {
        return;
    };
    let (a, b) = large_states();
    let path = std::path::PathBuf::from(path);
    let _ = std::fs::write(path.with_extension("ready"), b"1");
    loop {
        // B first: the file starts as A, so a finished save is seen as B.
        for p in [&b, &a] {
            if let Err(e) = store::save(&path, p) {
                eprintln!("save failed: {e}");
            }
        }
    }
}

#[test]
fn a_save_killed_at_random_points_leaves_the_old_or_the_new_state() {
    let (a, b) = large_states();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crash.junheng");
    store::save(&path, &a).expect("first save");
    let exe = std::env::current_exe().expect("test binary");
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
    let mut seen = (0, 0);
    for round in 0..25 {
        let ready = path.with_extension("ready");
        let _ = std::fs::remove_file(&ready);
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("JUNHENG_CRASH_CHILD", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("child starts");
        for _ in 0..2000 {
            if ready.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Up to 1.2 s: a save of 5,000 schools takes a few hundred ms on a loaded 2-core machine,
        // so some kills fall after a whole save (B seen) and most during one.
        std::thread::sleep(Duration::from_millis(20 + seed % 1200));
        child.kill().expect("SIGKILL"); // SIGKILL on Unix, TerminateProcess on Windows
        let _ = child.wait();
        // What users do: copy the project file alone (to a USB stick, by e-mail). The copy is
        // one whole state too.
        let copy = dir.path().join("copy.junheng");
        std::fs::copy(&path, &copy).expect("copy");
        let copied = store::open(&copy).unwrap_or_else(|e| panic!("round {round}, copy: {e}"));
        assert!(
            copied == a || copied == b,
            "round {round}: the copy holds a mix of the two states"
        );
        std::fs::remove_file(&copy).expect("remove the copy");
        let back = store::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        if back == a {
            seen.0 += 1;
        } else if back == b {
            seen.1 += 1;
        } else {
            panic!("round {round}: the file holds a mix of the two states");
        }
    }
    eprintln!(
        "after 25 kills: old/new state A {} times, B {} times",
        seen.0, seen.1
    );
    assert_eq!(seen.0 + seen.1, 25);
    // The child really saved: the new state was seen, so the kills fell during saves and not
    // all before the first one finished.
    assert!(seen.1 >= 1, "the new state B was never observed: {seen:?}");
}

#[test]
fn a_version_1_project_is_migrated_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v1.junheng");
    let project = sample_project();
    store::save(&path, &project).expect("saves");
    {
        // Make it what version 1 wrote: no county_items table, no schools.county or
        // schools.feeds_into, schema_version 1.
        let conn = rusqlite_conn(&path);
        conn.execute_batch(
            "DROP TABLE county_items; ALTER TABLE schools DROP COLUMN county;
             ALTER TABLE schools DROP COLUMN feeds_into; ALTER TABLE costs DROP COLUMN per_year;
             UPDATE meta SET value = '1' WHERE key = 'schema_version';",
        )
        .expect("downgrade");
    }
    let opened = store::open(&path).expect("a version-1 file opens");
    assert_eq!(opened.county, Vec::new(), "version 1 had no county items");
    assert_eq!(opened.dataset, project.dataset);
    assert_eq!(opened.scenarios, project.scenarios);
    let version: String = rusqlite_conn(&path)
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .expect("version");
    assert_eq!(
        version,
        store::SCHEMA_VERSION.to_string(),
        "migrated in place"
    );
    // After a backup copy of the version-1 file.
    let backup = dir.path().join("v1.junheng.v1.bak");
    let v1: String = rusqlite_conn(&backup)
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .expect("the backup is the version-1 file");
    assert_eq!(v1, "1");
    // And it saves and reopens with county items now.
    let mut with_items = project.clone();
    with_items.county.push(junheng::readiness::CountyEntry {
        key: "r01_recognition".into(),
        value: Some(91.5),
        evidence: "2025 年满意度调查".into(),
    });
    store::save(&path, &with_items).expect("saves");
    assert_eq!(store::open(&path).expect("opens"), with_items);
}

/// A project damaged or edited outside junheng is refused by `open`, and a save onto it (the
/// app, `project --out`) refuses too and leaves it byte-identical.
#[test]
fn projects_with_impossible_values_or_versions_are_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let damage: &[(&str, &str)] = &[
        (
            "negative enrolment",
            "UPDATE schools SET fields = json_set(fields, '$.students_primary', -1450) WHERE position = 0",
        ),
        (
            "a text value",
            "UPDATE schools SET fields = json_set(fields, '$.students_primary', 'many') WHERE position = 0",
        ),
        (
            "a duplicate id",
            "UPDATE schools SET school_id = (SELECT school_id FROM schools WHERE position = 0) WHERE position = 1",
        ),
        (
            "primary students at a junior school",
            "UPDATE schools SET kind = 'junior' WHERE position = 0",
        ),
        (
            "an unknown field",
            "UPDATE schools SET fields = json_set(fields, '$.no_such_field', 1) WHERE position = 0",
        ),
        (
            "negative enrolment in a past year",
            "UPDATE history_schools SET fields = json_set(fields, '$.students_primary', -5) WHERE position = 0",
        ),
        (
            "a past year of 1066",
            "UPDATE history_years SET year = 1066; UPDATE history_schools SET year = 1066",
        ),
        (
            "a negative intake",
            r#"UPDATE settings SET value = '[{"school_id":"S01","year":2026,"grade_1":-3}]' WHERE key = 'intake'"#,
        ),
        (
            "an intake twice",
            r#"UPDATE settings SET value = '[{"school_id":"S01","year":2026,"grade_1":3},{"school_id":"S01","year":2026,"grade_1":4}]' WHERE key = 'intake'"#,
        ),
        (
            "schema version 0",
            "UPDATE meta SET value = '0' WHERE key = 'schema_version'",
        ),
        (
            "schema version -7",
            "UPDATE meta SET value = '-7' WHERE key = 'schema_version'",
        ),
    ];
    for (i, (what, sql)) in damage.iter().enumerate() {
        let path = dir.path().join(format!("damaged-{i}.junheng"));
        store::save(&path, &sample_project()).expect("saves");
        rusqlite_conn(&path).execute_batch(sql).expect(what);
        let before = std::fs::read(&path).expect("read");
        match store::open(&path) {
            Err(StoreError::Corrupt(m)) => eprintln!("{what}: {m}"),
            other => panic!("{what}: expected Corrupt, got {other:?}"),
        }
        assert!(
            matches!(
                store::save(&path, &sample_project()),
                Err(StoreError::Corrupt(_))
            ),
            "{what}: a save onto it is refused"
        );
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "{what}: untouched"
        );
    }
}

#[test]
fn each_schools_county_survives_save_and_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = common::three_counties();
    assert_eq!(data.counties(), ["甲县", "乙县", "丙县"]);
    let path = dir.path().join("counties.junheng");
    store::save(
        &path,
        &Project::new(data.clone(), "2026-11-30T00:00:00Z".into()),
    )
    .expect("saves");
    let back = store::open(&path).expect("opens");
    assert_eq!(back.dataset, data);
    assert_eq!(back.dataset.schools[1].county.as_deref(), Some("乙县"));
}

/// A project of schema 6 kept one cost a field and the app counted the people's as yearly: it
/// opens with those costs yearly and the rest once, and the migrated file says so too.
#[test]
fn a_version_6_project_s_teacher_costs_open_as_yearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v6.junheng");
    let mut project = sample_project();
    project.costs = junheng::scenario::CostTable::default();
    project.costs.transfer = None;
    store::save(&path, &project).expect("saves");
    {
        // What version 6 wrote: costs (field, cost), every cost in the one column.
        let conn = rusqlite_conn(&path);
        conn.execute_batch(
            "UPDATE costs SET cost = cost + per_year;
             ALTER TABLE costs DROP COLUMN per_year;
             DELETE FROM settings WHERE key = 'transfer';
             UPDATE meta SET value = '6' WHERE key = 'schema_version';",
        )
        .expect("downgrade");
    }
    use junheng::scenario::UnitCost;
    for round in ["opened", "opened again after the migration"] {
        let opened = store::open(&path).expect(round);
        assert_eq!(
            opened.costs.unit(junheng::Field::QualifiedPrimary),
            UnitCost::per_year(90_000.0),
            "{round}"
        );
        assert_eq!(
            opened.costs.unit(junheng::Field::SportsAreaM2),
            UnitCost::once(600.0),
            "{round}"
        );
        assert_eq!(opened.costs, project.costs, "{round}");
    }
}
