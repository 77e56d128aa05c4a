//! Accent- and case-folding, so that `sante` finds "Santé" and `asalee` finds "Asalée".

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds one character into `out`: lower case, accents removed, ligatures spelled out.
#[inline]
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
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
    use super::fold;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(fold("Asalée"), "asalee");
        assert_eq!(fold("SANTÉ"), "sante");
        assert_eq!(fold("œuvre Côtes-d’Armor"), "oeuvre cotes-d'armor");
        assert_eq!(fold("Écologiste - NUPES"), "ecologiste - nupes");
    }
}
