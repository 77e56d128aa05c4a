//! The lines of a question document that are not prose: `Label : value` lines, section
//! headings, the legislature and "Question écrite n° …" headings. Recognised by hand, on a
//! folded copy of the few bytes that matter kept in a buffer the parser reuses: these checks
//! run on every line, and the regular expressions they replace were a quarter of the parse.

use crate::model::{EventKind, QuestionKind};
use crate::text::fold::fold_into;

/// Splits a `Label : value` line into its label and value, or `None` when the text before the
/// first colon is no label: an optional list marker (`-`, `•`, `*`, `+` and a blank), at most
/// two `*`, then a label of 1 to 80 characters starting with a letter and holding none of
/// `: * [ ] |`, then blanks and an optional `**` before the colon. The value is what follows
/// the colon, leading blanks and up to two `*` removed.
pub fn key_value(line: &str) -> Option<(&str, &str)> {
    // The label is at most 80 characters and its markup a few more: the colon is near.
    let window = &line.as_bytes()[..line.len().min(400)];
    let colon = memchr::memchr(b':', window)?;
    let head = &line[..colon];
    let label = label_of(head, true).or_else(|| label_of(head, false))?;
    let value = line[colon + 1..].trim_start();
    let value = value.strip_prefix('*').unwrap_or(value);
    let value = value.strip_prefix('*').unwrap_or(value).trim_start();
    Some((label, value))
}

/// The label in the text before a colon, with or without a list marker first.
fn label_of(head: &str, with_marker: bool) -> Option<&str> {
    let mut s = head;
    if with_marker {
        let c = s.chars().next()?;
        if !matches!(c, '-' | '•' | '*' | '+') {
            return None;
        }
        let after = &s[c.len_utf8()..];
        let trimmed = after.trim_start();
        if trimmed.len() == after.len() {
            return None;
        }
        s = trimmed;
    }
    let stars = s.bytes().take_while(|&b| b == b'*').count();
    if stars > 2 {
        return None;
    }
    s = s[stars..].trim_start();
    // From the end: blanks, an optional `**`, blanks.
    let mut end = s.trim_end();
    if let Some(e) = end.strip_suffix("**") {
        end = e.trim_end();
    }
    let first = end.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut count = 0;
    for c in end.chars() {
        if matches!(c, ':' | '*' | '[' | ']' | '|') {
            return None;
        }
        count += 1;
        if count > 80 {
            return None;
        }
    }
    Some(end)
}

/// Folds a label into `buf` (reused between lines): lower case, no accents, one space
/// between words.
pub fn fold_label(label: &str, buf: &mut String) {
    buf.clear();
    fold_into(label, buf);
    // Labels are nearly always single-spaced: rebuilt only when they are not.
    let single = !buf.contains("  ") && !buf.contains(|c: char| c.is_whitespace() && c != ' ');
    if !single || buf.starts_with(' ') || buf.ends_with(' ') {
        let words = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        *buf = words;
    }
}

/// What a label names: a known field, or else maybe an event.
pub type Meaning = (Option<Field>, Option<EventKind>);

/// What `label` (trimmed, as written) names. A corpus has a few dozen distinct labels, met
/// on every document: the answer for each is remembered per thread, so that most labels are
/// neither folded nor compared with the tables again.
pub fn meaning(label: &str) -> Meaning {
    /// Most labels remembered; past that, the memory starts over (hostile input cannot grow it).
    const MAX_REMEMBERED: usize = 512;
    thread_local! {
        static MEANINGS: std::cell::RefCell<foldhash::HashMap<Box<str>, Meaning>> =
            std::cell::RefCell::new(foldhash::HashMap::default());
    }
    let find = || {
        let mut folded = String::with_capacity(label.len());
        fold_label(label, &mut folded);
        match known_field(&folded) {
            Some(field) => (Some(field), None),
            None => (None, event_kind(&folded)),
        }
    };
    if label.len() > 120 {
        return find();
    }
    MEANINGS.with(|cell| {
        let mut meanings = cell.borrow_mut();
        if let Some(&known) = meanings.get(label) {
            return known;
        }
        if meanings.len() >= MAX_REMEMBERED {
            meanings.clear();
        }
        let found = find();
        meanings.insert(label.into(), found);
        found
    })
}

/// Labels the parser knows; a line with one of these is data wherever it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `Auteur`.
    Author,
    /// `Circonscription` (with the group after ` - `).
    Constituency,
    /// `Groupe`.
    Group,
    /// `Type de question`.
    Kind,
    /// `Numéro de la question`.
    Number,
    /// `Rubrique`.
    Rubric,
    /// `Ministère interrogé`.
    MinistryAsked,
    /// `Ministère attributaire`.
    MinistryAssigned,
    /// `Tête d'analyse`.
    AnalysisHead,
    /// `Analyse`.
    Analysis,
    /// `Titre`.
    Title,
}

/// The field a folded label names.
pub fn known_field(folded_label: &str) -> Option<Field> {
    Some(match folded_label {
        "auteur" | "auteure" | "depute" | "deputee" => Field::Author,
        "circonscription" => Field::Constituency,
        "groupe" | "groupe politique" => Field::Group,
        "type de question" | "type" => Field::Kind,
        "numero de la question" | "numero" => Field::Number,
        "rubrique" => Field::Rubric,
        "ministere interroge" => Field::MinistryAsked,
        "ministere attributaire" => Field::MinistryAssigned,
        "tete d'analyse" => Field::AnalysisHead,
        "analyse" => Field::Analysis,
        "titre" => Field::Title,
        _ => return None,
    })
}

/// The kind of event a dated label records, if the label names one.
pub fn event_kind(folded_label: &str) -> Option<EventKind> {
    let l = folded_label;
    Some(if l.contains("erratum") {
        if l.contains("reponse") {
            EventKind::ErratumAnswer
        } else {
            EventKind::ErratumQuestion
        }
    } else if l.starts_with("question publiee") || l.starts_with("publiee au jo") {
        EventKind::QuestionPublished
    } else if l.starts_with("reponse publiee") {
        EventKind::AnswerPublished
    } else if l.contains("retire") || l.starts_with("date de cloture") {
        EventKind::Withdrawn
    } else if l.contains("attribution") {
        EventKind::AttributionChanged
    } else if l.contains("signalement") {
        EventKind::Signaled
    } else if l.contains("renouvellement") {
        EventKind::Renewed
    } else if l.starts_with("date") || l.ends_with(" le") || l.contains("publiee") {
        EventKind::Other
    } else {
        return None;
    })
}

/// The sections of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// Before the question text: legislature, title, kind and number.
    #[default]
    Header,
    /// "Texte de la question".
    QuestionText,
    /// "Texte de la réponse".
    AnswerText,
    /// "Données clés", "Date(s) clé(s)".
    KeyData,
}

/// Longest line still checked for a section heading: the longest heading is 33 letters, and
/// this leaves room for any markup and spacing around it.
pub const MAX_HEADING_BYTES: usize = 200;

/// The section a line opens, if it is a heading: its words, markup (`#`, `*`, `:`, `(`, `)`)
/// and spacing left out, folded, are one of the headings. `buf` is reused between lines.
pub fn section_heading(line: &str, buf: &mut String) -> Option<Section> {
    if line.len() > MAX_HEADING_BYTES {
        return None;
    }
    // Every heading starts with "tex", "don" or "dat" in some case: other lines are not
    // folded at all.
    let start =
        line.find(|c: char| !matches!(c, '#' | '*' | '(' | ')' | ':') && !c.is_whitespace())?;
    let head = line.as_bytes().get(start..start + 3)?;
    if !(head.eq_ignore_ascii_case(b"tex")
        || head.eq_ignore_ascii_case(b"don")
        || head.eq_ignore_ascii_case(b"dat"))
    {
        return None;
    }
    buf.clear();
    let mut space = false;
    for c in crate::text::fold::fold(line).chars() {
        if c.is_whitespace() {
            space = !buf.is_empty();
        } else if !matches!(c, '#' | '*' | ':' | '(' | ')') {
            if space {
                buf.push(' ');
                space = false;
            }
            buf.push(c);
        }
    }
    Some(match buf.as_str() {
        "texte de la question" => Section::QuestionText,
        "texte de la reponse" | "texte de la reponse ministerielle" => Section::AnswerText,
        "donnees cles"
        | "donnee cle"
        | "donnees"
        | "dates cles"
        | "dates cle"
        | "date cle"
        | "dates"
        | "dates cles publiees" => Section::KeyData,
        _ => return None,
    })
}

/// The kind of question words name.
pub fn kind_from_words(folded: &str) -> Option<QuestionKind> {
    if folded.contains("ecrite") {
        Some(QuestionKind::Written)
    } else if folded.contains("gouvernement") {
        Some(QuestionKind::Government)
    } else if folded.contains("orale") {
        Some(QuestionKind::Oral)
    } else {
        QuestionKind::from_code(folded.trim())
    }
}

fn skip_ws(s: &str) -> &str {
    s.trim_start_matches(char::is_whitespace)
}

/// After `word`, at least one blank: the rest.
fn word_then_ws<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let rest = s.strip_prefix(word)?;
    let after = skip_ws(rest);
    (after.len() < rest.len()).then_some(after)
}

/// `17ème législature` (folded): the legislature's digits. An ordinal suffix may follow the
/// digits, with or without a blank; a blank must come before `legislature`.
pub fn legislature_heading(folded: &str) -> Option<&str> {
    let n = folded
        .bytes()
        .take(6)
        .take_while(u8::is_ascii_digit)
        .count();
    if n == 0 || n > 5 {
        return None;
    }
    let digits = &folded[..n];
    let after_digits = &folded[n..];
    let rest = skip_ws(after_digits);
    let is_heading = |after: &str| {
        let trimmed = skip_ws(after);
        trimmed.len() < after.len()
            && trimmed.strip_prefix("legislature").is_some_and(|tail| {
                tail.chars()
                    .next()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
            })
    };
    let found = is_heading(after_digits)
        || ["e", "eme", "ere", "er", "re", "ieme"]
            .iter()
            .any(|suffix| rest.strip_prefix(suffix).is_some_and(is_heading));
    found.then_some(digits)
}

/// `question écrite n° 13 809` (folded): the kind's words and the number as written.
pub fn number_heading(folded: &str) -> Option<(&str, Option<&str>)> {
    let rest = word_then_ws(folded, "question")?;
    let (kind, rest) = if let Some(r) = rest.strip_prefix("ecrite") {
        (&rest[..6], r)
    } else if let Some(r) = word_then_ws(rest, "au").and_then(|r| r.strip_prefix("gouvernement")) {
        (&rest[..rest.len() - r.len()], r)
    } else if let Some(r) = rest.strip_prefix("orale") {
        let with_debat = word_then_ws(r, "")
            .and_then(|r2| word_then_ws(r2, "sans"))
            .and_then(|r3| r3.strip_prefix("debat"));
        match with_debat {
            Some(r4) => (&rest[..rest.len() - r4.len()], r4),
            None => (&rest[..5], r),
        }
    } else {
        return None;
    };
    let rest = skip_ws(rest);
    if rest.is_empty() {
        return Some((kind, None));
    }
    let r = rest.strip_prefix('n')?;
    let r = skip_ws(r);
    let r = r.strip_prefix(['°', 'º', 'o']).unwrap_or(r);
    let r = skip_ws(r);
    let r = r.strip_prefix('.').unwrap_or(r);
    let r = skip_ws(r);
    let number_len = number_len(r)?;
    let (number, tail) = r.split_at(number_len);
    skip_ws(tail).is_empty().then_some((kind, Some(number)))
}

/// A number at the start of `s`, French thousands separators allowed (`13 809`, `13.809`):
/// its length; `None` without a digit. Groups count only when the last ends a word, so that
/// `13 809e` reads `13`.
pub fn number_len(s: &str) -> Option<usize> {
    let lead = s.bytes().take_while(u8::is_ascii_digit).count();
    if lead == 0 {
        return None;
    }
    if lead > 3 {
        return Some(lead);
    }
    // (end of the groups so far, end before the last group)
    let (mut end, mut before_last) = (lead, lead);
    loop {
        let rest = &s[end..];
        let Some(sep) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}'))
        else {
            break;
        };
        let group = &rest[sep.len_utf8()..];
        if group.bytes().take_while(u8::is_ascii_digit).count() != 3 {
            break;
        }
        before_last = end;
        end += sep.len_utf8() + 3;
    }
    if end > lead
        && s[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        end = before_last;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_every_form() {
        for (line, label, value) in [
            (
                "**Auteur :** [Mme Sylvie Bonnet](#)",
                "Auteur",
                "[Mme Sylvie Bonnet](#)",
            ),
            ("Auteur : M. Marc Chavent", "Auteur", "M. Marc Chavent"),
            ("Rubrique:Santé", "Rubrique", "Santé"),
            ("- Rubrique :   ** Santé  ", "Rubrique", "Santé  "),
            (
                "• Date de signalement : 3 mai 2021",
                "Date de signalement",
                "3 mai 2021",
            ),
            (
                "**Ministère attributaire :** ***Santé",
                "Ministère attributaire",
                "***Santé",
            ),
            ("* **Rubrique :** Santé", "Rubrique", "Santé"),
            ("**Auteur** : Mme A", "Auteur", "Mme A"),
            (
                "Crise d'ASALEE : arrêt des financements : et après",
                "Crise d'ASALEE",
                "arrêt des financements : et après",
            ),
        ] {
            assert_eq!(key_value(line), Some((label, value)), "{line}");
        }
        for line in [
            "***Auteur : trois étoiles",
            "Voir [ici] : non",
            "12 mai : pas un libellé",
            "Sans deux-points",
            ": rien avant",
            "a | b : c",
        ] {
            assert_eq!(key_value(line), None, "{line}");
        }
        let long = format!("{} : valeur", "mot ".repeat(30));
        assert_eq!(key_value(&long), None);
    }

    #[test]
    fn headings() {
        let mut buf = String::new();
        let mut h = |l: &str| section_heading(l, &mut buf);
        assert_eq!(h("Texte de la question"), Some(Section::QuestionText));
        assert_eq!(
            h(" **Texte  de la\tréponse :** "),
            Some(Section::AnswerText)
        );
        assert_eq!(h("Date(s) clé(s)"), Some(Section::KeyData));
        assert_eq!(h("## Données clés"), Some(Section::KeyData));
        assert_eq!(h("Texte de la question posée"), None);
        assert_eq!(h("Textedelaquestion"), None);
        assert_eq!(legislature_heading("17eme legislature"), Some("17"));
        assert_eq!(legislature_heading("17 legislature"), Some("17"));
        assert_eq!(legislature_heading("17e  legislature du"), Some("17"));
        assert_eq!(legislature_heading("17e legislatures"), None);
        assert_eq!(
            number_heading("question ecrite n° 13 809"),
            Some(("ecrite", Some("13 809")))
        );
        assert_eq!(
            number_heading("question ecrite no.13809"),
            Some(("ecrite", Some("13809")))
        );
        assert_eq!(
            number_heading("question au gouvernement n 1"),
            Some(("au gouvernement", Some("1")))
        );
        assert_eq!(
            number_heading("question orale sans debat n° 12"),
            Some(("orale sans debat", Some("12")))
        );
        assert_eq!(number_heading("question ecrite"), Some(("ecrite", None)));
        assert_eq!(number_heading("question ecrite sur la sante"), None);
        assert_eq!(number_len("13 809 et"), Some(6));
        assert_eq!(number_len("1234 5"), Some(4));
        assert_eq!(number_len("13 809e"), Some(2));
        assert_eq!(number_len("1 234 567x"), Some(5));
        assert_eq!(number_len("1 2345"), Some(1));
    }
}
