//! Telling a file's format from its first bytes.

/// What a file holds, as far as its first bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A text or markdown rendering of a question page (the text parser's input).
    Text,
    /// A saved Assemblée question page, in any of its layouts (TextEdit export included).
    Html,
    /// One open-data question, JSON (`{"question": …}`).
    QuestionJson,
    /// One open-data question, XML (root `<question>`).
    QuestionXml,
    /// One question of the 2012–2019 site's XML (root `<QUESTION TYPE="QE">`).
    SiteQuestionXml,
    /// A legacy single-file XML archive (root `<questionsEcrites>`, …).
    LegacyQuestionsXml,
    /// A legacy single-file JSON archive (`{"questionsEcrites": …}`, …).
    LegacyQuestionsJson,
    /// An AMO acteur file (`{"acteur": …}`).
    ActeurJson,
    /// An AMO organe file (`{"organe": …}`).
    OrganeJson,
    /// An AMO mandat file (`{"mandat": …}`).
    MandatJson,
    /// A zip archive.
    Zip,
    /// XML of another schema.
    OtherXml,
    /// JSON of another schema.
    OtherJson,
    /// None of these.
    Unknown,
}

/// How much of the head is looked at; a few kilobytes tell every format apart.
const LOOK: usize = 8 * 1024;

/// Tells the format of a file from its first bytes (`head`, a few kilobytes are enough); the
/// content decides, `name` is only a hint for plain text. Byte-order marks (UTF-8, UTF-16)
/// are looked past.
pub fn sniff(name: &str, head: &[u8]) -> Format {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    let head = &head[..head.len().min(LOOK)];
    let text = decode_head(head);
    let Some(text) = text else {
        return Format::Unknown;
    };
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if body.is_empty() {
        return Format::Unknown;
    }
    if body.starts_with('{') {
        return json_format(body);
    }
    if body.starts_with('<') {
        return markup_format(body);
    }
    let lower = name.to_ascii_lowercase();
    let text_name = [".txt", ".md", ".markdown", ".text"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let printable = body
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count()
        * 100
        <= body.len();
    if text_name || printable {
        Format::Text
    } else {
        Format::Unknown
    }
}

/// The head as text: UTF-16 when its BOM says so, else UTF-8 (a character cut at the end of
/// the head, or Latin-1 bytes, replaced); `None` for binary content (NUL bytes).
fn decode_head(head: &[u8]) -> Option<String> {
    let utf16 = |big: bool, bytes: &[u8]| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if big {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = head.strip_prefix(b"\xFF\xFE") {
        return Some(utf16(false, rest));
    }
    if let Some(rest) = head.strip_prefix(b"\xFE\xFF") {
        return Some(utf16(true, rest));
    }
    if head.contains(&0) {
        return None;
    }
    Some(String::from_utf8_lossy(head).into_owned())
}

/// The format of a JSON document, from its first key.
fn json_format(body: &str) -> Format {
    let rest = body[1..].trim_start();
    let Some(rest) = rest.strip_prefix('"') else {
        return Format::Unknown;
    };
    let key = rest.split('"').next().unwrap_or("");
    match key {
        "question" => Format::QuestionJson,
        "acteur" => Format::ActeurJson,
        "organe" => Format::OrganeJson,
        "mandat" => Format::MandatJson,
        k if k.starts_with("questions") => Format::LegacyQuestionsJson,
        _ => Format::OtherJson,
    }
}

/// The format of an XML or HTML document, from its first element (declarations, comments and
/// doctypes skipped; an HTML doctype decides at once).
fn markup_format(body: &str) -> Format {
    let mut rest = body;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(i) => rest = &after[i + 3..],
                None => return Format::Unknown,
            }
            continue;
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let decl = &rest[..rest.find('>').unwrap_or(rest.len())];
            if decl.len() >= 9
                && decl.as_bytes()[..9].eq_ignore_ascii_case(b"<!doctype")
                && decl.to_ascii_lowercase().contains("html")
            {
                return Format::Html;
            }
            match rest.find('>') {
                Some(i) => rest = &rest[i + 1..],
                None => return Format::Unknown,
            }
            continue;
        }
        break;
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return Format::Unknown;
    };
    let name: String = tag
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or(&name);
    match local {
        "question" => Format::QuestionXml,
        "QUESTION" => Format::SiteQuestionXml,
        l if l.starts_with("questions") => Format::LegacyQuestionsXml,
        l if matches!(
            l.to_ascii_lowercase().as_str(),
            "html" | "head" | "body" | "title" | "meta" | "div" | "p" | "table"
        ) =>
        {
            Format::Html
        }
        "" => Format::Unknown,
        _ => Format::OtherXml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_content() {
        assert_eq!(sniff("a.zip", b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(
            sniff("x", b"\xEF\xBB\xBF  {\"question\": {}}"),
            Format::QuestionJson
        );
        assert_eq!(sniff("x.txt", b"{ \"acteur\" : {"), Format::ActeurJson);
        assert_eq!(sniff("x", b"{\"organe\":"), Format::OrganeJson);
        assert_eq!(sniff("x", b"{\"mandat\":"), Format::MandatJson);
        assert_eq!(
            sniff("x", b"{\"questionsEcrites\": {\"question\": ["),
            Format::LegacyQuestionsJson
        );
        assert_eq!(sniff("x", b"{\"scrutin\": 1}"), Format::OtherJson);
        assert_eq!(
            sniff("x", b"<?xml version=\"1.0\"?>\n<QUESTION TYPE=\"QE\">"),
            Format::SiteQuestionXml
        );
        assert_eq!(sniff("x.txt", b"<scrutin><numero>"), Format::OtherXml);
        assert_eq!(sniff("x", b"< pas une balise"), Format::Unknown);
        assert_eq!(
            sniff("x", b"<?xml version=\"1.0\"?>\n<!-- c -->\n<question xmlns=\"http://schemas.assemblee-nationale.fr/referentiel\">"),
            Format::QuestionXml
        );
        assert_eq!(
            sniff("x", b"<questionsEcrites><question>"),
            Format::LegacyQuestionsXml
        );
        assert_eq!(
            sniff("x", b"<!DOCTYPE html>\n<html class=\"no-js\">"),
            Format::Html
        );
        assert_eq!(
            sniff("x", b"<html><body align=\"center\">\n<title>FICHE QUESTION"),
            Format::Html
        );
        assert_eq!(
            sniff("x", b"<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<html>\n<head>\n<meta name=\"Generator\" content=\"Cocoa HTML Writer\">"),
            Format::Html
        );
        assert_eq!(
            sniff(
                "q.md",
                "# ASSEMBLÉE NATIONALE\n\n17ème législature".as_bytes()
            ),
            Format::Text
        );
        assert_eq!(
            sniff("q", "\n\n\nASSEMBLÉE NATIONALE".as_bytes()),
            Format::Text
        );
        assert_eq!(sniff("bin", b"\x00\x01\x02\x03"), Format::Unknown);
        assert_eq!(sniff("e", b"   "), Format::Unknown);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{\"question\"".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff("x", &utf16), Format::QuestionJson);
    }
}
