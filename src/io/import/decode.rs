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
    if let Ok(s) = std::str::from_utf8(bytes) {
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
