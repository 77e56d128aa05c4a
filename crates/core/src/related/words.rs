//! Words of a question's text, folded and hashed in one pass, and what is left of them once
//! the parts that always differ between campaign copies are taken out.
//!
//! A word is a maximal run of alphanumeric characters of the folded text (the folding of
//! [`crate::text::fold`]: lower case, no accents, ligatures spelled out, typographic
//! apostrophes as `'`), so "l’attention" gives `l` and `attention`. Words are never built as
//! strings: each is hashed (FNV-1a, 64 bits) byte by byte as it is folded. The tests check
//! that the words are those of `fold(text).split(|c| !c.is_alphanumeric())`.

use crate::text::fold::fold_into;

/// The state of a word's hash before its first byte.
const WORD_SEED: u64 = 0x243f_6a88_85a3_08d3;

/// SplitMix64's output function: a strong 64-bit mixer.
#[inline]
pub(crate) const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of one folded word: its UTF-8 bytes eight at a time through [`mix64`], then its
/// length. Stable across versions and machines, since an index keeps it; [`words`] computes
/// the same while folding (checked by the tests).
pub(crate) const fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let mut state = WordState::NEW;
    let mut i = 0;
    while i < bytes.len() {
        state = state.push(bytes[i]);
        i += 1;
    }
    state.finish()
}

/// A word's hash being computed.
#[derive(Clone, Copy)]
struct WordState {
    h: u64,
    /// Up to seven bytes not yet mixed, the first in the low byte.
    acc: u64,
    /// Bytes in `acc`.
    n: u32,
    len: u64,
}

impl WordState {
    const NEW: WordState = WordState {
        h: WORD_SEED,
        acc: 0,
        n: 0,
        len: 0,
    };

    #[inline(always)]
    const fn push(mut self, b: u8) -> Self {
        self.acc |= (b as u64) << (8 * self.n);
        self.n += 1;
        self.len += 1;
        if self.n == 8 {
            self.h = mix64(self.h ^ self.acc);
            self.acc = 0;
            self.n = 0;
        }
        self
    }

    #[inline(always)]
    const fn finish(self) -> u64 {
        mix64(self.h ^ self.acc ^ ((self.len & 0xff) << 56))
    }
}

/// ASCII bytes: 0 for a separator, else the byte lower-cased.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Appends the hash of every word of `text`, folded, to `out`, until `out` holds `limit`
/// words.
pub(crate) fn words(text: &str, out: &mut Vec<u64>, limit: usize) {
    let bytes = text.as_bytes();
    let mut state = WordState::NEW;
    let mut folded = String::new();
    let mut i = 0;
    if out.len() >= limit {
        return;
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            let l = ASCII[b as usize];
            if l != 0 {
                state = state.push(l);
            } else if state.len > 0 {
                out.push(state.finish());
                state = WordState::NEW;
                if out.len() >= limit {
                    return;
                }
            }
            continue;
        }
        // A non-ASCII character: `i` is on a char boundary, as every ASCII byte before was
        // one character.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match fold_fast(c) {
            Fast::Letter(a) => {
                state = state.push(a);
                continue;
            }
            Fast::Two(a, b) => {
                state = state.push(a).push(b);
                continue;
            }
            Fast::Separator => {
                if state.len > 0 {
                    out.push(state.finish());
                    state = WordState::NEW;
                    if out.len() >= limit {
                        return;
                    }
                }
                continue;
            }
            Fast::Slow => {}
        }
        folded.clear();
        let mut buf = [0u8; 4];
        fold_into(c.encode_utf8(&mut buf), &mut folded);
        for f in folded.chars() {
            if f.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for &fb in f.encode_utf8(&mut buf).as_bytes() {
                    state = state.push(fb);
                }
            } else if state.len > 0 {
                out.push(state.finish());
                state = WordState::NEW;
                if out.len() >= limit {
                    return;
                }
            }
        }
    }
    if state.len > 0 {
        out.push(state.finish());
    }
}

/// What folding makes of a common non-ASCII character, without the Unicode tables.
enum Fast {
    /// One ASCII letter.
    Letter(u8),
    /// Two ASCII letters (ligatures).
    Two(u8, u8),
    /// Nothing alphanumeric: the character separates words.
    Separator,
    /// Not a common character: ask [`fold_into`].
    Slow,
}

/// The folding of the accented letters, ligatures and punctuation of French: what
/// [`fold_into`] then the split on non-alphanumerics give for them (checked by a test).
#[inline]
fn fold_fast(c: char) -> Fast {
    Fast::Letter(match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => b'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => b'e',
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => b'i',
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => b'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => b'u',
        'ç' | 'Ç' => b'c',
        'ÿ' | 'Ÿ' => b'y',
        'ñ' | 'Ñ' => b'n',
        'œ' | 'Œ' => return Fast::Two(b'o', b'e'),
        'æ' | 'Æ' => return Fast::Two(b'a', b'e'),
        '’' | '‘' | '«' | '»' | '“' | '”' | '„' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '–'
        | '—' | '…' | '€' | '°' | '•' | '§' | '·' => return Fast::Separator,
        _ => return Fast::Slow,
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
        words(text, &mut out, usize::MAX);
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
        let mut limited = Vec::new();
        words("un deux trois quatre", &mut limited, 2);
        assert_eq!(limited, ours("un deux"));
        words("cinq", &mut limited, 2);
        assert_eq!(limited, ours("un deux"));
        // Every character of Latin-1, Latin Extended-A and General Punctuation, alone and
        // inside a word, and every character with a fast path.
        let fast = "’‘«»“”„\u{a0}\u{202f}\u{2009}–—…€°•§·œŒæÆ";
        for c in ('\u{80}'..='\u{17f}')
            .chain('\u{2000}'..='\u{206f}')
            .chain(fast.chars())
        {
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
