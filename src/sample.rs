//! The embedded sample county: synthetic data whose totals are those STANDARD.md quotes from the
//! seed county's own filing (10 primary, 4 junior, 1 nine-year school, 4 teaching points;
//! 7,623 primary and 2,450 junior students), so the app has something real-looking to show on
//! first start. No row is a real school, and every row says it is synthetic.

use crate::io::{load_bytes, ImportError, ImportOptions, Imported};
use crate::standard::Standard;

/// The file name the sample is shown under.
pub const SAMPLE_NAME: &str = "示例县（合成数据）.csv";

/// The sample county's CSV, as embedded.
pub const SAMPLE_CSV: &str = include_str!("../assets/sample/sample-county.csv");

/// Loads the sample county through the same importer a user's file goes through.
pub fn load(standard: &Standard) -> Result<Imported, ImportError> {
    load_bytes(
        SAMPLE_CSV.as_bytes(),
        SAMPLE_NAME,
        standard,
        &ImportOptions::default(),
    )
}
