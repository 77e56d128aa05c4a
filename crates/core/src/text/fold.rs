//! Accent- and case-folding, so that `sante` finds "Santé" and `asalee` finds "Asalée".

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The folded letter of each character from U+00C0 to U+017F (Latin-1 and Latin
/// Extended-A, where French accented letters are), 0 where [`fold_slow`] decides: the
/// canonical decomposition, looked up for every accented letter of every text, was most of
/// the cost of folding. A test checks the table against the decomposition.
#[rustfmt::skip]
const LATIN: [u8; 0xC0] = [
    b'a', b'a', b'a', b'a', b'a', b'a', 0, b'c', b'e', b'e', b'e', b'e', b'i', b'i', b'i', b'i',
    0, b'n', b'o', b'o', b'o', b'o', b'o', 0, 0, b'u', b'u', b'u', b'u', b'y', 0, 0,
    b'a', b'a', b'a', b'a', b'a', b'a', 0, b'c', b'e', b'e', b'e', b'e', b'i', b'i', b'i', b'i',
    0, b'n', b'o', b'o', b'o', b'o', b'o', 0, 0, b'u', b'u', b'u', b'u', b'y', 0, b'y',
    b'a', b'a', b'a', b'a', b'a', b'a', b'c', b'c', b'c', b'c', b'c', b'c', b'c', b'c', b'd', b'd',
    0, 0, b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'e', b'g', b'g', b'g', b'g',
    b'g', b'g', b'g', b'g', b'h', b'h', 0, 0, b'i', b'i', b'i', b'i', b'i', b'i', b'i', b'i',
    b'i', 0, 0, 0, b'j', b'j', b'k', b'k', 0, b'l', b'l', b'l', b'l', b'l', b'l', 0,
    0, 0, 0, b'n', b'n', b'n', b'n', b'n', b'n', 0, 0, 0, b'o', b'o', b'o', b'o',
    b'o', b'o', 0, 0, b'r', b'r', b'r', b'r', b'r', b'r', b's', b's', b's', b's', b's', b's',
    b's', b's', b't', b't', b't', b't', 0, 0, b'u', b'u', b'u', b'u', b'u', b'u', b'u', b'u',
    b'u', b'u', b'u', b'u', b'w', b'w', b'y', b'y', b'y', b'z', b'z', b'z', b'z', b'z', b'z', 0,
];

/// The folded ASCII letter of a Latin letter with an accent (`é` -> `e`, `Ç` -> `c`), from
/// the table; `None` for other characters.
#[inline]
pub fn fold_latin(c: char) -> Option<u8> {
    let b = *LATIN.get((c as usize).checked_sub(0xC0)?)?;
    (b != 0).then_some(b)
}

/// Folds one character into `out`: lower case, accents removed, ligatures spelled out.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(&b) = (c as usize).checked_sub(0xC0).and_then(|i| LATIN.get(i)) {
        if b != 0 {
            out.push(b as char);
            return;
        }
    }
    fold_slow(c, out);
}

/// [`fold_char`] for the characters the table leaves out.
fn fold_slow(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        '’' | '‘' | 'ʼ' | '′' => out.push('\''),
        '\u{a0}' | '\u{202f}' | '\u{2009}' => out.push(' '),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Returns `s` folded: lower case, without accents (`Santé` -> `sante`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends `s`, folded, to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_slow, LATIN};

    #[test]
    fn the_latin_table_agrees_with_the_decomposition() {
        for (i, &b) in LATIN.iter().enumerate() {
            let c = char::from_u32(0xC0 + i as u32).unwrap();
            let mut slow = String::new();
            fold_slow(c, &mut slow);
            if b != 0 {
                assert_eq!(slow, (b as char).to_string(), "{c}");
            } else {
                assert!(slow.len() != 1 || !slow.is_ascii(), "{c}: {slow}");
            }
        }
    }

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Asalée"), "asalee");
        assert_eq!(fold("SANTÉ"), "sante");
        assert_eq!(fold("œuvre Côtes-d’Armor"), "oeuvre cotes-d'armor");
        assert_eq!(fold("Écologiste - NUPES"), "ecologiste - nupes");
    }
}
