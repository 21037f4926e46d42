//! Telling a file's format and text encoding from its bytes.

use super::*;
use std::borrow::Cow;

pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Decodes CSV bytes: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is
/// detected (GBK/GB18030 for Chinese exports).
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), IssueKind> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc == encoding_rs::UTF_8 {
            return Err(IssueKind::Binary);
        }
        return Ok((
            text,
            if enc == encoding_rs::UTF_8 {
                "UTF-8 (BOM)"
            } else {
                enc.name()
            },
        ));
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if sample.contains(&0) || controls * 100 > sample.len() {
        return Err(IssueKind::Binary);
    }
    // A short GBK file whose only Chinese is "学校" is also valid UTF-8 (for "ѧУ"), and can look
    // Cyrillic to a statistical detector: bytes that decode as GBK/GB18030 to nothing but Chinese
    // (Han characters, CJK and full-width punctuation), where UTF-8 would give something else,
    // are read as GBK/GB18030.
    let utf8 = std::str::from_utf8(bytes).ok();
    if utf8.is_none_or(|s| !all_chinese(s)) {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if !had_errors && all_chinese(&text) {
            return Ok((text, "GBK/GB18030"));
        }
    }
    if let Some(s) = utf8 {
        return Ok((Cow::Borrowed(s), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    // GB18030 is a superset of GBK and GB2312: decode every Chinese guess with it.
    let enc = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        encoding_rs::GB18030
    } else {
        guess
    };
    let (text, _, _) = enc.decode(bytes);
    let name = if enc == encoding_rs::GB18030 {
        "GBK/GB18030"
    } else {
        enc.name()
    };
    Ok((text, name))
}

/// Whether every character beyond ASCII is Chinese.
fn all_chinese(text: &str) -> bool {
    text.chars().filter(|c| !c.is_ascii()).all(is_chinese)
}

/// Han characters, CJK symbols and punctuation, full-width forms: what a Chinese data file holds
/// beyond ASCII.
fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF00..=0xFFEF // full-width forms
        | 0x2018..=0x201D // quotation marks
        | 0x00B7 | 0x00D7 | 0x2014 | 0x2026 | 0x2103 | 0x2116 | 0x33A1 // · × — … ℃ № ㎡
        | 0x20000..=0x2FA1F) // CJK extensions B… and compatibility supplement
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_gbk_file_with_only_two_chinese_characters_is_gbk() {
        let (bytes, _, _) = encoding_rs::GBK.encode("id,学校\n1,2\n");
        let (text, name) = decode_text(&bytes).expect("decodes");
        assert_eq!(text, "id,学校\n1,2\n");
        assert_eq!(name, "GBK/GB18030");
        // UTF-8 stays UTF-8, also with a character that is not Chinese.
        let utf8 = "学校标识码,体育运动场馆面积（m²）,学校名称\nS01,7018.8,城关第一小学\n";
        let (text, name) = decode_text(utf8.as_bytes()).expect("decodes");
        assert_eq!((text.as_ref(), name), (utf8, "UTF-8"));
    }
}
