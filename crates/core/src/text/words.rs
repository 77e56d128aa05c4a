//! The words of a text as search sees them: folded ([`super::fold`]: lower case, accents
//! and ligatures undone), split at every character that is neither a letter nor a digit, so
//! that "l'Agence", "Deux-Sèvres" and "2019-347" are two words each.
//!
//! The word index, the matching of free words and the highlighting in the viewer all cut
//! text here, so a word that is found is a word that is highlighted.

use super::fold::{fold_char, fold_latin};

/// Longest word kept, in bytes: longer runs (a hash, a pasted URL without its slashes) are
/// not words anyone types, and would only grow the vocabulary.
pub const MAX_WORD_BYTES: usize = 48;

/// What an ASCII byte is to the tokenizer; bytes from 0x80 start other characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Neither letter nor digit: cuts words.
    Cut,
    /// A lower-case letter or a digit: itself folded.
    Plain,
    /// A capital.
    Upper,
    /// Not ASCII.
    Other,
}

const CLASS: [Class; 256] = {
    let mut table = [Class::Cut; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            Class::Other
        } else if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            Class::Plain
        } else if byte.is_ascii_uppercase() {
            Class::Upper
        } else {
            Class::Cut
        };
        b += 1;
    }
    table
};

/// Calls `f` with each word of `text`, folded, and the byte range of `text` it came from.
/// Words over [`MAX_WORD_BYTES`] are reported through `long` instead (with their range),
/// so that a substring search can still look at the text they are in.
///
/// One pass over the bytes with a class table. Runs of lower-case ASCII letters and digits
/// (most words of a French text) are handed over as they are, without a copy; a run with a
/// capital or another character is folded into `buf`, accented Latin letters from a table
/// and only the rarest characters through the general folding.
pub fn for_each_word(
    text: &str,
    buf: &mut String,
    mut f: impl FnMut(&str, std::ops::Range<usize>),
    mut long: impl FnMut(std::ops::Range<usize>),
) {
    let b = text.as_bytes();
    let n = b.len();
    let mut emit = |word: &str, range: std::ops::Range<usize>| {
        if word.len() > MAX_WORD_BYTES {
            long(range);
        } else {
            f(word, range);
        }
    };
    let mut folded = String::new();
    let mut i = 0;
    loop {
        while i < n && CLASS[b[i] as usize] == Class::Cut {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        while i < n && CLASS[b[i] as usize] == Class::Plain {
            i += 1;
        }
        if i == n || CLASS[b[i] as usize] == Class::Cut {
            emit(&text[start..i], start..i);
            continue;
        }
        // The word goes on with a capital or a non-ASCII character: folded into `buf`.
        buf.clear();
        buf.push_str(&text[start..i]);
        let mut word_start = start;
        while i < n {
            let byte = b[i];
            match CLASS[byte as usize] {
                Class::Plain => {
                    if buf.is_empty() {
                        word_start = i;
                    }
                    buf.push(byte as char);
                    i += 1;
                }
                Class::Upper => {
                    if buf.is_empty() {
                        word_start = i;
                    }
                    buf.push(byte.to_ascii_lowercase() as char);
                    i += 1;
                }
                Class::Cut => break,
                Class::Other => {
                    let Some(c) = text[i..].chars().next() else {
                        break;
                    };
                    let len = c.len_utf8();
                    if let Some(letter) = fold_latin(c) {
                        if buf.is_empty() {
                            word_start = i;
                        }
                        buf.push(letter as char);
                    } else {
                        folded.clear();
                        fold_char(c, &mut folded);
                        for d in folded.chars() {
                            if d.is_alphanumeric() {
                                if buf.is_empty() {
                                    word_start = i;
                                }
                                buf.push(d);
                            } else if !buf.is_empty() {
                                // `’`, `–`, `«`: the word ends here.
                                emit(buf, word_start..i);
                                buf.clear();
                            }
                        }
                    }
                    i += len;
                }
            }
        }
        if !buf.is_empty() {
            emit(buf, word_start..i);
        }
    }
}

/// The folded words of `text`, in order (tests, highlighting of short fields).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_word(text, &mut buf, |w, _| out.push(w.to_string()), |_| {});
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_cut_at_punctuation() {
        assert_eq!(
            words("L'Agence régionale de santé (ARS) – Deux-Sèvres, 2019-347 : 17,7 M€"),
            [
                "l",
                "agence",
                "regionale",
                "de",
                "sante",
                "ars",
                "deux",
                "sevres",
                "2019",
                "347",
                "17",
                "7",
                "m"
            ]
        );
        assert_eq!(words("Œuvre d’Asalée"), ["oeuvre", "d", "asalee"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words("  ... "), Vec::<String>::new());
    }

    #[test]
    fn ranges_point_into_the_text() {
        let text = "Santé, Sèvres";
        let mut got = Vec::new();
        for_each_word(
            text,
            &mut String::new(),
            |w, r| got.push((w.to_string(), &text[r])),
            |_| {},
        );
        assert_eq!(
            got,
            [("sante".into(), "Santé"), ("sevres".into(), "Sèvres")]
        );
    }

    proptest::proptest! {
        /// The words are those of the folded text cut at every character that is neither a
        /// letter nor a digit, whatever the mix of ASCII, accents, ligatures and punctuation.
        #[test]
        fn words_are_the_folded_text_cut_at_non_alphanumerics(
            text in "[a-zA-Z0-9 ,.'’«»–éÉèçœŒßàÀ\\-]{0,60}"
        ) {
            let expected: Vec<String> = crate::text::fold::fold(&text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            proptest::prop_assert_eq!(words(&text), expected);
        }
    }

    #[test]
    fn over_long_runs_are_set_aside() {
        let text = format!("court {} fin", "x".repeat(60));
        let mut long = Vec::new();
        let mut kept = Vec::new();
        for_each_word(
            &text,
            &mut String::new(),
            |w, _| kept.push(w.to_string()),
            |r| long.push(r),
        );
        assert_eq!(kept, ["court", "fin"]);
        assert_eq!(long, vec![std::ops::Range { start: 6, end: 66 }]);
    }
}
