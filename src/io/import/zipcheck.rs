//! Bounding a zip container (xlsx, ods) before a spreadsheet reader opens it: what it says it
//! holds once decompressed, and — for a part large enough to matter, and for an ODS sheet,
//! whose repeat counts multiply — what it really holds, read as a stream in small pieces.

use std::io::Read;

/// The most a workbook may hold once decompressed (a zip bomb is refused before it is read).
pub(super) const MAX_UNZIPPED_BYTES: u64 = 1 << 30;

/// The most shared strings a workbook may hold: far beyond a province's table.
pub(super) const MAX_SHARED_STRINGS: u64 = 5_000_000;

/// The most cells an ODS sheet may expand to (repeated rows and columns counted): its reader
/// holds each cell twice (value and formula) and copies the grid once more.
pub(super) const MAX_ODS_CELLS: u64 = 4_000_000;

/// The longest run of text without markup a part may hold: more than any cell (Excel's limit
/// is 32,767 characters); a reader buffers such a run whole.
const MAX_RUN_BYTES: u64 = 1 << 20;

/// Parts up to this size are not scanned: what they can make a reader allocate is small.
const SCAN_ABOVE_BYTES: u64 = 64 << 20;

pub(super) fn check_zip(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(format!(
            "解压后超过 {} MB，不是学校数据表 / over {} MB once decompressed: not a school table",
            MAX_UNZIPPED_BYTES >> 20,
            MAX_UNZIPPED_BYTES >> 20
        ));
    }
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        let part = if name == "content.xml" {
            Part::OdsSheets
        } else if name == "xl/sharedStrings.xml" {
            Part::SharedStrings
        } else if name.starts_with("xl/worksheets/") {
            // A worksheet's cell references: a reader computes them in 32 bits, and a forged
            // one past the sheet's end (row 4294967297) would wrap around onto another cell.
            Part::Worksheet
        } else if entry.size() > SCAN_ABOVE_BYTES {
            Part::Other
        } else {
            continue;
        };
        // The zip reader refuses a part that holds more than it declared.
        let scan = scan(entry, part).map_err(|e| format!("{name}: {e}"))?;
        if let Some(reference) = scan.beyond {
            return Err(format!(
                "{name} 中的单元格“{reference}”超出工作表的范围（最大 XFD1048576）：文件已损坏 / {name} has a cell \"{reference}\" beyond a sheet's last cell XFD1048576: the file is damaged"
            ));
        }
        if scan.longest_run > MAX_RUN_BYTES {
            return Err(format!(
                "{name} 中有一段超过 {} MB 的文字，不是学校数据表 / {name} holds a run of text over {} MB: not a school table",
                MAX_RUN_BYTES >> 20,
                MAX_RUN_BYTES >> 20
            ));
        }
        // The count the table declares too: readers reserve memory for it.
        if scan.declared_strings > MAX_SHARED_STRINGS {
            return Err(format!(
                "共享字符串表声明了 {} 个字符串，超过 {MAX_SHARED_STRINGS}；文件可能已损坏 / the shared-string table declares {} strings, more than {MAX_SHARED_STRINGS}: the file may be damaged",
                scan.declared_strings, scan.declared_strings
            ));
        }
        if scan.shared_strings > MAX_SHARED_STRINGS {
            return Err(format!(
                "共享字符串表有超过 {MAX_SHARED_STRINGS} 个字符串，不是学校数据表 / the shared-string table holds more than {MAX_SHARED_STRINGS} strings: not a school table"
            ));
        }
        if scan.ods_cells > MAX_ODS_CELLS {
            return Err(format!(
                "ODS 表格展开后超过 {MAX_ODS_CELLS} 个单元格（重复的行或列），不是学校数据表；较大的表请另存为 xlsx / the ODS sheets expand to more than {MAX_ODS_CELLS} cells (repeated rows or columns): not a school table; save a larger table as xlsx"
            ));
        }
    }
    Ok(())
}

/// What a part is, for what its scan counts besides its runs of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// An ODS file's sheets: the cells their repeats lay out.
    OdsSheets,
    /// An xlsx shared-string table: its strings, declared and present.
    SharedStrings,
    /// An xlsx worksheet: cell references past its end.
    Worksheet,
    /// Any other part large enough to scan.
    Other,
}

/// What a scan of one part found.
#[derive(Debug, Default)]
struct Scan {
    longest_run: u64,
    shared_strings: u64,
    declared_strings: u64,
    ods_cells: u64,
    /// The first cell or row reference past XFD1048576.
    beyond: Option<String>,
}

/// Reads a part as a stream, tag by tag, keeping only counts.
fn scan(mut reader: impl Read, part: Part) -> std::io::Result<Scan> {
    let mut found = Scan::default();
    let mut ods = OdsCount::default();
    let mut run: u64 = 0;
    // The start of the tag being read (its name and attributes), at most 4 KB of it.
    let mut tag: Vec<u8> = Vec::new();
    let mut in_tag = false;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        // Stop at the first limit passed: the rest need not be read.
        if run > MAX_RUN_BYTES
            || found.longest_run > MAX_RUN_BYTES
            || found.shared_strings > MAX_SHARED_STRINGS
            || ods.total > MAX_ODS_CELLS
            || found.beyond.is_some()
        {
            break;
        }
        for &b in &buf[..n] {
            if b == b'<' {
                found.longest_run = found.longest_run.max(run);
                run = 0;
                in_tag = true;
                tag.clear();
                continue;
            }
            run += 1;
            if in_tag {
                if b == b'>' {
                    in_tag = false;
                    match part {
                        Part::SharedStrings if tag == b"si" || tag.starts_with(b"si ") => {
                            found.shared_strings += 1;
                        }
                        Part::SharedStrings if tag.starts_with(b"sst") => {
                            for attr in [&b" count=\""[..], b"uniqueCount=\""] {
                                found.declared_strings = found
                                    .declared_strings
                                    .max(number_after(&tag, attr).unwrap_or(0));
                            }
                        }
                        Part::OdsSheets => ods.tag(&tag),
                        Part::Worksheet
                            if found.beyond.is_none()
                                && (tag.starts_with(b"c ") || tag.starts_with(b"row ")) =>
                        {
                            found.beyond = beyond_sheet(&tag);
                        }
                        _ => {}
                    }
                } else if tag.len() < 4096 {
                    tag.push(b);
                }
            }
        }
    }
    found.longest_run = found.longest_run.max(run);
    found.ods_cells = ods.total;
    Ok(found)
}

/// Counts the cells an ODS reader would lay out: for each sheet, the rows from its first to its
/// last row with a value (repeats counted) times its widest row (repeats counted).
#[derive(Debug, Default)]
struct OdsCount {
    total: u64,
    // The sheet being read.
    rows: u64,
    pending_empty: u64,
    width: u64,
    // The row being read.
    row_repeat: u64,
    row_width: u64,
    row_has_value: bool,
}

impl OdsCount {
    fn tag(&mut self, tag: &[u8]) {
        let repeat = |attr: &[u8]| number_after(tag, attr).map_or(1, |n| n.max(1));
        if tag.starts_with(b"table:table-row") && !tag.starts_with(b"table:table-rows") {
            self.row_repeat = repeat(b"table:number-rows-repeated=\"");
            self.row_width = 0;
            self.row_has_value = false;
            if tag.ends_with(b"/") {
                self.end_row();
            }
        } else if tag.starts_with(b"table:table-cell")
            || tag.starts_with(b"table:covered-table-cell")
        {
            self.row_width = self
                .row_width
                .saturating_add(repeat(b"table:number-columns-repeated=\""));
            if find(tag, b"office:value-type").is_some() || find(tag, b"table:formula").is_some() {
                self.row_has_value = true;
            }
        } else if tag == b"/table:table-row" {
            self.end_row();
        } else if tag == b"/table:table" {
            self.total = self
                .total
                .saturating_add(self.rows.saturating_mul(self.width));
            (self.rows, self.pending_empty, self.width) = (0, 0, 0);
        }
    }

    fn end_row(&mut self) {
        if self.row_has_value {
            self.rows = self
                .rows
                .saturating_add(self.pending_empty)
                .saturating_add(self.row_repeat);
            self.pending_empty = 0;
            self.width = self.width.max(self.row_width);
        } else {
            self.pending_empty = self.pending_empty.saturating_add(self.row_repeat);
        }
    }
}

/// A cell or row reference (`r="XFD1048576"`) past a sheet's last cell, as written.
fn beyond_sheet(tag: &[u8]) -> Option<String> {
    let at = find(tag, b" r=\"")? + 4;
    let reference: Vec<u8> = tag[at..]
        .iter()
        .copied()
        .take_while(|&b| b != b'"')
        .collect();
    let letters = reference
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let mut column: u64 = 0;
    for &b in &reference[..letters] {
        column = column
            .saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1);
    }
    let mut row: u64 = 0;
    for &d in reference[letters..]
        .iter()
        .take_while(|d| d.is_ascii_digit())
    {
        row = row.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    }
    (column > 1 << 14 || row > 1 << 20).then(|| String::from_utf8_lossy(&reference).into_owned())
}

/// The whole number right after `attr` in a tag (saturating: forty nines are u64::MAX).
fn number_after(tag: &[u8], attr: &[u8]) -> Option<u64> {
    let at = find(tag, attr)?;
    let mut n: u64 = 0;
    for &d in tag[at + attr.len()..]
        .iter()
        .take_while(|d| d.is_ascii_digit())
    {
        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    }
    Some(n)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
