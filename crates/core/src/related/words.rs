//! Words of a question's text, folded and hashed in one pass, and what is left of them once
//! the parts that always differ between campaign copies are taken out.
//!
//! A word is a maximal run of alphanumeric characters of the folded text (the folding of
//! [`crate::text::fold`]: lower case, no accents, ligatures spelled out, typographic
//! apostrophes as `'`), so "l’attention" gives `l` and `attention`. Words are never built as
//! strings: each is hashed (FNV-1a, 64 bits) byte by byte as it is folded. The tests check
//! that the words are those of `fold(text).split(|c| !c.is_alphanumeric())`.

use crate::text::fold::fold_into;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of one folded word (FNV-1a over its UTF-8 bytes). Stable across versions and
/// machines, since an index keeps it.
pub(crate) const fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// Appends the hash of every word of `text`, folded, to `out`.
pub(crate) fn words(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut folded = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if in_word {
                out.push(h);
                h = FNV_OFFSET;
                in_word = false;
            }
            continue;
        }
        // A non-ASCII character: `i` is on a char boundary, as every ASCII byte before was
        // one character.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if let Some(a) = fold_latin(c) {
            h = (h ^ u64::from(a)).wrapping_mul(FNV_PRIME);
            in_word = true;
            continue;
        }
        folded.clear();
        let mut buf = [0u8; 4];
        fold_into(c.encode_utf8(&mut buf), &mut folded);
        for f in folded.chars() {
            if f.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for &fb in f.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(fb)).wrapping_mul(FNV_PRIME);
                }
                in_word = true;
            } else if in_word {
                out.push(h);
                h = FNV_OFFSET;
                in_word = false;
            }
        }
    }
    if in_word {
        out.push(h);
    }
}

/// The folding of the accented letters of French, without the Unicode tables: what
/// [`fold_into`] gives for them (checked by a test), or `None` for any other character.
#[inline]
fn fold_latin(c: char) -> Option<u8> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => b'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => b'e',
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => b'i',
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => b'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => b'u',
        'ç' | 'Ç' => b'c',
        'ÿ' | 'Ÿ' => b'y',
        'ñ' | 'Ñ' => b'n',
        _ => return None,
    })
}

/// Hashes of a sequence of words, as [`words`] gives them.
const fn seq<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = word_hash(words[i]);
        i += 1;
    }
    out
}

/// The verbs that open a question: "M. X appelle l'attention de Mme la ministre ... sur".
const OPENING_VERBS: &[&[u64]] = &[
    &seq(["appelle", "l", "attention"]),
    &seq(["attire", "l", "attention"]),
    &seq(["souhaite", "appeler", "l", "attention"]),
    &seq(["souhaite", "attirer", "l", "attention"]),
    &seq(["souhaite", "alerter"]),
    &seq(["souhaite", "interroger"]),
    &seq(["souhaite", "interpeller"]),
    &seq(["alerte"]),
    &seq(["interroge"]),
    &seq(["interpelle"]),
    &seq(["questionne"]),
    &seq(["sollicite"]),
];

/// What ends the minister's title after the opening verb: "sur", "quant à", "concernant"...
const OPENING_ENDS: &[&[u64]] = &[
    &seq(["sur"]),
    &seq(["quant"]),
    &seq(["concernant"]),
    &seq(["au", "sujet", "de"]),
    &seq(["au", "sujet", "des"]),
    &seq(["au", "sujet", "du"]),
    &seq(["a", "propos", "de"]),
    &seq(["a", "propos", "des"]),
    &seq(["a", "propos", "du"]),
    &seq(["s", "agissant", "de"]),
    &seq(["s", "agissant", "des"]),
    &seq(["s", "agissant", "du"]),
];

/// How far into the text the opening verb may be (the author's name comes first: civility,
/// first names, particles, last names).
const VERB_WITHIN: usize = 16;

/// How long the minister's title may be, in words ("M. le ministre auprès du ministre de
/// l'économie, des finances et de la souveraineté industrielle et numérique, chargé de ...").
const TITLE_WITHIN: usize = 45;

fn starts_with(words: &[u64], pattern: &[u64]) -> bool {
    words.len() >= pattern.len() && words[..pattern.len()] == *pattern
}

/// Where the question proper starts in `words` (all the words of the text): after "M./Mme
/// X <verb> M./Mme le/la ministre ... sur", the part every campaign copy changes. When no
/// opening verb is found, after the author's name if the text starts with it (`author`: the
/// words of the author as printed); else 0.
pub(crate) fn opening_end(words: &[u64], author: &[u64]) -> usize {
    for at in 0..words.len().min(VERB_WITHIN) {
        let Some(verb) = OPENING_VERBS.iter().find(|v| starts_with(&words[at..], v)) else {
            continue;
        };
        let after = at + verb.len();
        let limit = words.len().min(after + TITLE_WITHIN);
        for k in after..limit {
            if let Some(end) = OPENING_ENDS.iter().find(|e| starts_with(&words[k..], e)) {
                return k + end.len();
            }
        }
        return after;
    }
    if !author.is_empty() && starts_with(words, author) {
        author.len()
    } else {
        0
    }
}

/// Words left out of shingles: articles, prepositions, pronouns (so "Il lui demande" and
/// "Elle lui demande" agree), auxiliaries, civilities. Shingles of the remaining words are
/// fewer (about half as many: a smaller index) and tell independent texts apart better.
const STOP_WORDS: &[&str] = &[
    "a", "ai", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
    "du", "elle", "elles", "en", "est", "et", "etre", "eux", "il", "ils", "j", "je", "l", "la",
    "le", "les", "leur", "leurs", "lui", "m", "ma", "madame", "mais", "me", "mes", "mme",
    "monsieur", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "pour",
    "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes",
    "ton", "un", "une", "vos", "votre", "vous", "y", "dont", "car",
];

/// Slots of the stop-word table (a power of two, about three times the words).
const STOP_SLOTS: usize = 256;

/// The stop words' hashes, open-addressed by their top byte; 0 marks an empty slot.
const STOP_TABLE: [u64; STOP_SLOTS] = {
    let mut table = [0u64; STOP_SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let h = word_hash(STOP_WORDS[i]);
        let mut slot = (h >> 56) as usize;
        loop {
            if table[slot] == 0 || table[slot] == h {
                table[slot] = h;
                break;
            }
            slot = (slot + 1) % STOP_SLOTS;
        }
        i += 1;
    }
    table
};

/// Whether a word's hash is a stop word's.
#[inline]
pub(crate) fn is_stop_word(h: u64) -> bool {
    let mut slot = (h >> 56) as usize;
    loop {
        let t = STOP_TABLE[slot];
        if t == h {
            return true;
        }
        if t == 0 {
            return false;
        }
        slot = (slot + 1) % STOP_SLOTS;
    }
}

/// Removes every occurrence of the word sequence `name` from `words`, in place.
pub(crate) fn remove_sequence(words: &mut Vec<u64>, name: &[u64]) {
    if name.is_empty() || words.len() < name.len() {
        return;
    }
    let mut read = 0;
    let mut write = 0;
    while read < words.len() {
        if starts_with(&words[read..], name) {
            read += name.len();
            continue;
        }
        words[write] = words[read];
        write += 1;
        read += 1;
    }
    words.truncate(write);
}

/// The département of a constituency as the model holds it: "Loire (4e circonscription)"
/// gives "Loire".
pub(crate) fn departement(constituency: &str) -> &str {
    constituency
        .split_once(" (")
        .map_or(constituency, |(d, _)| d)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn reference(text: &str) -> Vec<u64> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(word_hash)
            .collect()
    }

    fn ours(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        words(text, &mut out);
        out
    }

    #[test]
    fn words_agree_with_fold() {
        for text in [
            "Mme Sylvie Bonnet appelle l'attention de Mme la ministre de la santé",
            "L’ŒUVRE des Côtes-d’Armor : 9\u{a0}000 médecins, « Asalée » ; 97 % ! Ÿ ñ",
            "ÉCOLE Île-de-France À Ça Ü Ñ ß æ Æ ﬁ ǅ İ Σ ΣΑ ℌ ⅷ ٣ 𝟙 x\u{301}y",
            "",
            "   ",
            "a",
            "déjà-vu—ou pas…",
        ] {
            assert_eq!(ours(text), reference(text), "{text}");
        }
        // Every character of Latin-1 and Latin Extended-A, alone and inside a word.
        for c in '\u{80}'..='\u{17f}' {
            let text = format!("a{c}b {c}");
            assert_eq!(ours(&text), reference(&text), "{c:?}");
        }
    }

    #[test]
    fn opening_is_stripped_up_to_the_minister_title() {
        let text = "Mme Sylvie Bonnet appelle l'attention de Mme la ministre de la santé, des \
                    familles, de l'autonomie et des personnes handicapées sur les vives \
                    inquiétudes des professionnels";
        let w = ours(text);
        let end = opening_end(&w, &ours("Mme Sylvie Bonnet"));
        assert_eq!(
            w[end..],
            ours("les vives inquiétudes des professionnels")[..]
        );

        let w = ours("M. Marc Chavent alerte Mme la ministre du travail sur la situation");
        assert_eq!(w[opening_end(&w, &[])..], ours("la situation")[..]);

        // No "sur" after the verb: only the author and the verb go.
        let w = ours("M. Jean Dupont interroge le Gouvernement. Rien ne suit.");
        assert_eq!(
            w[opening_end(&w, &[])..],
            ours("le Gouvernement. Rien ne suit.")[..]
        );

        // No verb: the author's name, when the text starts with it.
        let w = ours("M. Jean Dupont demande pourquoi.");
        assert_eq!(
            w[opening_end(&w, &ours("M. Jean Dupont"))..],
            ours("demande pourquoi")[..]
        );
        assert_eq!(opening_end(&w, &ours("Mme Autre")), 0);
        assert_eq!(opening_end(&[], &[]), 0);
    }

    #[test]
    fn stop_words_and_sequences() {
        for &w in STOP_WORDS {
            assert!(is_stop_word(word_hash(w)), "{w}");
        }
        for w in ["asalee", "sante", "infirmieres", "gouvernement", "loire"] {
            assert!(!is_stop_word(word_hash(w)), "{w}");
        }
        let mut w = ours("dans la Loire-Atlantique et la Loire, loire atlantique");
        remove_sequence(&mut w, &ours("Loire-Atlantique"));
        assert_eq!(w, ours("dans la et la Loire,"));
        assert_eq!(departement("Loire (4e circonscription)"), "Loire");
        assert_eq!(departement("Paris"), "Paris");
    }
}
