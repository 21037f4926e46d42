//! Numbers as they come in cells: thousands separators, full-width digits, percent signs.

/// Formats a number as a user typed it (no trailing ".0").
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        crate::format::as_typed(n)
    }
}

/// What a comma inside a number may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commas {
    /// A thousands separator, only where it separates whole groups of three digits ("1,234,567");
    /// anything else ("7018,8", "1,5") is ambiguous and not read.
    Thousands,
    /// Not read at all: in a semicolon-separated file a comma may be a decimal comma.
    Ambiguous,
}

/// Parses a number cell: half- and full-width digits, thousands separators; "-", "—" and "/"
/// mean empty. A comma that could be a decimal comma is not guessed at: the cell is refused.
pub(super) fn parse_number(text: &str, commas: Commas) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "-" | "—" | "－" | "/" | "--" | "——") {
        return Ok(None);
    }
    // The common case, plain ASCII decimal notation, is read where it stands.
    if t.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(()),
        };
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '０'..='９' => s.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '．' => s.push('.'),
            '－' => s.push('-'),
            '，' => s.push(','),
            ' ' | '\u{3000}' | '_' => {}
            _ => s.push(c),
        }
    }
    if s.contains(',') {
        if commas == Commas::Ambiguous || !thousands_groups(&s) {
            return Err(());
        }
        s.retain(|c| c != ',');
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

/// Whether the commas of a number separate whole groups of three digits: "1,234" and
/// "-12,345,678.5", not "7018,8" or "1,5".
fn thousands_groups(s: &str) -> bool {
    let int = s.split(['.', 'e', 'E']).next().unwrap_or("");
    let int = int.trim_start_matches(['+', '-']);
    if s.split(['.', 'e', 'E']).skip(1).any(|p| p.contains(',')) {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_are_thousands_only_in_whole_groups() {
        let t = Commas::Thousands;
        assert_eq!(parse_number("1,234", t), Ok(Some(1234.0)));
        assert_eq!(parse_number("１，２３４．５", t), Ok(Some(1234.5)));
        assert_eq!(parse_number("-12,345,678.5", t), Ok(Some(-12_345_678.5)));
        assert_eq!(parse_number("7018,8", t), Err(()));
        assert_eq!(parse_number("1,5", t), Err(()));
        assert_eq!(parse_number("1,23,456", t), Err(()));
        assert_eq!(parse_number("7018.8", t), Ok(Some(7018.8)));
        assert_eq!(parse_number("1,234", Commas::Ambiguous), Err(()));
        assert_eq!(parse_number("7018.8", Commas::Ambiguous), Ok(Some(7018.8)));
    }
}
