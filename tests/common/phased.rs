//! The small growing county of the phased plans' tests (issue 16).

use junheng::model::{Field, Level, School, SchoolKind};

/// A primary school of six grades, every indicator well met but backbone teachers.
#[allow(dead_code)]
pub fn school(id: &str, grades: [f64; 6], backbone: f64) -> School {
    let mut s = School::new(id, id, SchoolKind::Primary);
    for (f, v) in Level::Primary.grades().iter().zip(grades) {
        s.values.set(*f, v);
    }
    let n: f64 = grades.iter().sum();
    s.values.set(Field::StudentsPrimary, n);
    s.values.set(Field::QualifiedPrimary, (n * 0.1).ceil());
    s.values.set(Field::BackbonePrimary, backbone);
    s.values.set(Field::PeArtPrimary, (n * 0.02).ceil());
    s.values.set(Field::TeachingAreaM2, n * 9.0);
    s.values.set(Field::SportsAreaM2, n * 15.0);
    s.values.set(Field::EquipmentValueYuan, n * 4000.0);
    s.values.set(Field::MultimediaRooms, (n * 0.05).ceil());
    s
}
