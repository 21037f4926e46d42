//! The numeric fields of a school record (DATA-FORMAT.md §1).
//!
//! This file has no dependencies on the rest of the crate: `build.rs` includes it to check the
//! standards in `assets/standards/` against the same field list the library uses.

/// Which part of a school a field describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A count that belongs to the primary section (teachers are reported by stage).
    Primary,
    /// A count that belongs to the junior section.
    Junior,
    /// A count that belongs to the senior part of a combined school.
    Senior,
    /// A whole-school resource, split between sections by weighted enrolment.
    School,
}

/// What a field measures; decides whole-number checks and the units shown to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Persons (students, teachers): whole numbers.
    Persons,
    /// Rooms or classes: whole numbers.
    Rooms,
    /// Square metres: continuous.
    Area,
    /// Yuan: continuous.
    Money,
    /// Things counted in their own unit (computers 台, books 册): whole numbers.
    Items,
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

impl Measure {
    /// Whether the field must hold a whole number.
    pub fn is_count(self) -> bool {
        matches!(self, Measure::Persons | Measure::Rooms | Measure::Items)
    }

    /// The most one school can have: beyond it a value is a typing or unit error, not data
    /// (100,000 students or teachers, 10,000 rooms, 10 km², 100 亿元, 100 million items).
    pub fn max(self) -> f64 {
        match self {
            Measure::Persons => 1e5,
            Measure::Rooms => 1e4,
            Measure::Area => 1e7,
            Measure::Money => 1e10,
            Measure::Items => 1e8,
        }
    }
}

macro_rules! fields {
    ($( $variant:ident = $key:literal, $scope:ident, $measure:ident, $zh_unit:literal, $en_unit:literal,
        [$($header:literal),+ $(,)?], $doc_zh:literal, $doc_en:literal; )+) => {
        /// A numeric field of a school record. The order is the column order of the template.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $( $variant, )+ }

        impl Field {
            /// Every field, in template order.
            pub const ALL: &'static [Field] = &[ $( Field::$variant, )+ ];

            /// The English key of DATA-FORMAT.md (stable: other tools depend on it).
            pub fn key(self) -> &'static str {
                match self { $( Field::$variant => $key, )+ }
            }

            /// Which section the field belongs to, or the whole school.
            pub fn scope(self) -> Scope {
                match self { $( Field::$variant => Scope::$scope, )+ }
            }

            /// What the field measures.
            pub fn measure(self) -> Measure {
                match self { $( Field::$variant => Measure::$measure, )+ }
            }

            /// The unit in Chinese (人, 间, 平方米, 元).
            pub fn unit_zh(self) -> &'static str {
                match self { $( Field::$variant => $zh_unit, )+ }
            }

            /// The unit in English.
            pub fn unit_en(self) -> &'static str {
                match self { $( Field::$variant => $en_unit, )+ }
            }

            /// The Chinese headers accepted on import; the first is the one written by the template.
            pub fn zh_headers(self) -> &'static [&'static str] {
                match self { $( Field::$variant => &[$($header),+], )+ }
            }

            /// What the field means, in Chinese.
            pub fn doc_zh(self) -> &'static str {
                match self { $( Field::$variant => $doc_zh, )+ }
            }

            /// What the field means, in English.
            pub fn doc_en(self) -> &'static str {
                match self { $( Field::$variant => $doc_en, )+ }
            }
        }
    };
}

fields! {
    StudentsPrimary = "students_primary", Primary, Persons, "人", "students",
        ["小学在校生数", "小学学生数"], "小学部分在校学生数", "Students enrolled in the primary section";
    StudentsJunior = "students_junior", Junior, Persons, "人", "students",
        ["初中在校生数", "初中学生数"], "初中部分在校学生数", "Students enrolled in the junior section";
    StudentsSenior = "students_senior", Senior, Persons, "人", "students",
        ["高中在校生数", "高中学生数"], "高中部分在校学生数（仅用于分摊共享资源）",
        "Senior students (only used to split shared resources)";
    Grade1 = "grade_1", Primary, Persons, "人", "students",
        ["一年级在校生数", "一年级学生数", "一年级"], "一年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 1 enrolment (optional, for projections; must sum to the section's students)";
    Grade2 = "grade_2", Primary, Persons, "人", "students",
        ["二年级在校生数", "二年级学生数", "二年级"], "二年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 2 enrolment (optional, for projections; must sum to the section's students)";
    Grade3 = "grade_3", Primary, Persons, "人", "students",
        ["三年级在校生数", "三年级学生数", "三年级"], "三年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 3 enrolment (optional, for projections; must sum to the section's students)";
    Grade4 = "grade_4", Primary, Persons, "人", "students",
        ["四年级在校生数", "四年级学生数", "四年级"], "四年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 4 enrolment (optional, for projections; must sum to the section's students)";
    Grade5 = "grade_5", Primary, Persons, "人", "students",
        ["五年级在校生数", "五年级学生数", "五年级"], "五年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 5 enrolment (optional, for projections; must sum to the section's students)";
    Grade6 = "grade_6", Primary, Persons, "人", "students",
        ["六年级在校生数", "六年级学生数", "六年级"], "六年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 6 enrolment (optional, for projections; must sum to the section's students)";
    Grade7 = "grade_7", Junior, Persons, "人", "students",
        ["七年级在校生数", "七年级学生数", "七年级"], "七年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 7 enrolment (optional, for projections; must sum to the section's students)";
    Grade8 = "grade_8", Junior, Persons, "人", "students",
        ["八年级在校生数", "八年级学生数", "八年级"], "八年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 8 enrolment (optional, for projections; must sum to the section's students)";
    Grade9 = "grade_9", Junior, Persons, "人", "students",
        ["九年级在校生数", "九年级学生数", "九年级"], "九年级在校生数（可选，用于逐年推演；与在校生数之和须一致）",
        "Grade 9 enrolment (optional, for projections; must sum to the section's students)";
    ClassesPrimary = "classes_primary", Primary, Rooms, "个", "classes",
        ["小学班级数", "小学教学班数"], "小学教学班数", "Primary classes";
    ClassesJunior = "classes_junior", Junior, Rooms, "个", "classes",
        ["初中班级数", "初中教学班数"], "初中教学班数", "Junior classes";
    LargestClassPrimary = "largest_class_primary", Primary, Persons, "人", "students",
        ["小学最大班额"], "小学人数最多的一个班的学生数", "Students in the largest primary class";
    LargestClassJunior = "largest_class_junior", Junior, Persons, "人", "students",
        ["初中最大班额"], "初中人数最多的一个班的学生数", "Students in the largest junior class";
    TeachersPrimary = "teachers_primary", Primary, Persons, "人", "teachers",
        ["小学专任教师数"], "小学专任教师数", "Full-time primary teachers";
    TeachersJunior = "teachers_junior", Junior, Persons, "人", "teachers",
        ["初中专任教师数"], "初中专任教师数", "Full-time junior teachers";
    QualifiedPrimary = "qualified_primary", Primary, Persons, "人", "teachers",
        ["小学高于规定学历教师数", "小学高学历教师数"],
        "小学专任教师中专科及以上学历人数", "Primary teachers above the required qualification (college or higher)";
    QualifiedJunior = "qualified_junior", Junior, Persons, "人", "teachers",
        ["初中高于规定学历教师数", "初中高学历教师数"],
        "初中专任教师中本科及以上学历人数", "Junior teachers above the required qualification (bachelor or higher)";
    BackbonePrimary = "backbone_primary", Primary, Persons, "人", "teachers",
        ["小学县级及以上骨干教师数", "小学县级以上骨干教师数", "小学骨干教师数"],
        "小学县级及以上骨干教师人数", "Primary backbone teachers recognised at county level or above";
    BackboneJunior = "backbone_junior", Junior, Persons, "人", "teachers",
        ["初中县级及以上骨干教师数", "初中县级以上骨干教师数", "初中骨干教师数"],
        "初中县级及以上骨干教师人数", "Junior backbone teachers recognised at county level or above";
    PeArtPrimary = "pe_art_primary", Primary, Persons, "人", "teachers",
        ["小学体育艺术专任教师数", "小学体育、艺术专任教师数", "小学体艺教师数"],
        "小学体育、音乐、美术专任教师人数之和", "Primary full-time PE, music and fine-art teachers";
    PeArtJunior = "pe_art_junior", Junior, Persons, "人", "teachers",
        ["初中体育艺术专任教师数", "初中体育、艺术专任教师数", "初中体艺教师数"],
        "初中体育、音乐、美术专任教师人数之和", "Junior full-time PE, music and fine-art teachers";
    TeachingAreaM2 = "teaching_area_m2", School, Area, "平方米", "m²",
        ["教学及辅助用房面积", "教学及辅助用房"],
        "全校教学及辅助用房面积；一贯制学校按加权学生数分摊", "Whole-school teaching and auxiliary room area";
    SportsAreaM2 = "sports_area_m2", School, Area, "平方米", "m²",
        ["体育运动场馆面积", "体育运动场（馆）面积", "体育场馆面积"],
        "全校体育运动场地及场馆面积", "Whole-school sports ground and gymnasium area";
    EquipmentValueYuan = "equipment_value_yuan", School, Money, "元", "yuan",
        ["教学仪器设备值", "教学仪器设备资产值", "教学仪器设备总值"],
        "全校教学仪器设备值，以元计；表头注明（万元）时自动乘以 10000",
        "Whole-school teaching equipment value in yuan; a column headed in 万元 is multiplied by 10,000";
    MultimediaRooms = "multimedia_rooms", School, Rooms, "间", "rooms",
        ["网络多媒体教室数", "网络多媒体教室"], "全校网络多媒体教室间数", "Whole-school networked multimedia classrooms";
    MusicRooms = "music_rooms", School, Rooms, "间", "rooms",
        ["音乐专用教室数", "音乐教室数"], "音乐专用教室间数", "Music rooms";
    ArtRooms = "art_rooms", School, Rooms, "间", "rooms",
        ["美术专用教室数", "美术教室数"], "美术专用教室间数", "Art rooms";
    SmallestMusicRoomM2 = "smallest_music_room_m2", School, Area, "平方米", "m²",
        ["最小音乐教室面积"], "面积最小的音乐专用教室的面积", "Area of the smallest music room";
    SmallestArtRoomM2 = "smallest_art_room_m2", School, Area, "平方米", "m²",
        ["最小美术教室面积"], "面积最小的美术专用教室的面积", "Area of the smallest art room";
    CertifiedTeachers = "certified_teachers", School, Persons, "人", "teachers",
        ["持证教师数", "持有教师资格证教师数"], "全校持有教师资格证的教师人数", "Teachers holding a teaching certificate";
    TrainedTeachers = "trained_teachers", School, Persons, "人", "teachers",
        ["完成五年360学时培训教师数", "完成360学时培训教师数"],
        "全校五年内完成 360 学时培训的教师人数", "Teachers who completed 360 hours of training in five years";
    MidTitlePrimary = "mid_title_primary", Primary, Persons, "人", "teachers",
        ["小学中级及以上专业技术职务教师数", "小学中级及以上职称教师数", "小学中高级职称教师数"],
        "小学专任教师中具有中级及以上专业技术职务（职称）的人数（2012 基本均衡标准）",
        "Primary teachers with a mid-level or higher professional title (2012 basic-balance standard)";
    MidTitleJunior = "mid_title_junior", Junior, Persons, "人", "teachers",
        ["初中中级及以上专业技术职务教师数", "初中中级及以上职称教师数", "初中中高级职称教师数"],
        "初中专任教师中具有中级及以上专业技术职务（职称）的人数（2012 基本均衡标准）",
        "Junior teachers with a mid-level or higher professional title (2012 basic-balance standard)";
    Computers = "computers", School, Items, "台", "computers",
        ["计算机台数", "教学用计算机台数", "计算机数"],
        "全校教学用计算机台数（2012 基本均衡标准）", "Whole-school computers for teaching (2012 basic-balance standard)";
    Books = "books", School, Items, "册", "books",
        ["图书册数", "图书藏量", "藏书册数"],
        "全校图书册数（2012 基本均衡标准）", "Whole-school library books (2012 basic-balance standard)";
}

/// The number of numeric fields.
pub const FIELD_COUNT: usize = Field::ALL.len();

impl Field {
    /// Looks a field up by its English key.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.key() == key)
    }

    /// The field whose key is closest to a misspelt one ("backbone_primay" → backbone_primary,
    /// "sports_area" → sports_area_m2), for a "did you mean": within two edits, or the only key
    /// that starts with it.
    pub fn suggest(key: &str) -> Option<Field> {
        let close = Field::ALL
            .iter()
            .copied()
            .map(|f| (edit_distance(key, f.key()), f))
            .filter(|&(d, _)| d <= 2)
            .min_by_key(|&(d, _)| d)
            .map(|(_, f)| f);
        close.or_else(|| {
            let mut starting = Field::ALL
                .iter()
                .copied()
                .filter(|f| key.len() >= 4 && f.key().starts_with(key));
            match (starting.next(), starting.next()) {
                (Some(f), None) => Some(f),
                _ => None,
            }
        })
    }

    /// The position of the field in [`Field::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the field is a grade's enrolment (grade_1 … grade_9), used only by projections.
    pub fn is_grade(self) -> bool {
        matches!(
            self,
            Field::Grade1
                | Field::Grade2
                | Field::Grade3
                | Field::Grade4
                | Field::Grade5
                | Field::Grade6
                | Field::Grade7
                | Field::Grade8
                | Field::Grade9
        )
    }
}
