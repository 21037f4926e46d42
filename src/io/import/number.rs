//! Numbers as they come in cells: thousands separators, full-width digits, percent signs.

/// Formats a number as a user typed it (no trailing ".0").
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses a number cell: half- and full-width digits, thousands separators; "-", "—" and "/"
/// mean empty.
pub(super) fn parse_number(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "--" | "——") {
        return Ok(None);
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '０'..='９' => s.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '．' => s.push('.'),
            '－' => s.push('-'),
            ',' | '，' | ' ' | '\u{3000}' | '_' => {}
            _ => s.push(c),
        }
    }
    // Only plain decimal notation: "inf", "NaN" and hex are not numbers a user means.
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(());
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(()),
    }
}
