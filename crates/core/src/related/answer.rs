//! Grouped answers ("allotissement"): one answer text published for several questions.
//! Two answers are the same when their texts are identical once whitespace and markup are
//! folded: runs of spaces, tabs, line breaks and no-break spaces count as one space, leading
//! and trailing ones as none; emphasis markers (`*`, `_`) and HTML tags (`<br>`, `</p>`) are
//! dropped; typographic apostrophes are `'`. Case, accents and every word count.

use super::words::mix64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Length of the longest HTML tag dropped as markup (`<br/>`, `</strong>`, `<p class=...>`).
const TAG_MAX: usize = 40;

/// The length of an HTML tag starting at `rest` (which starts with `<`), if it is one: `<`,
/// a letter or `/`, then anything but `<` up to `>` within [`TAG_MAX`] bytes.
fn tag_len(rest: &[u8]) -> Option<usize> {
    let second = *rest.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/') {
        return None;
    }
    let end = rest
        .iter()
        .take(TAG_MAX)
        .skip(1)
        .position(|&b| b == b'>' || b == b'<')?;
    (rest[end + 1] == b'>').then_some(end + 2)
}

/// The key of an answer text: a 64-bit hash of its normal form, `None` when nothing is left
/// of it (no answer).
pub(crate) fn answer_key(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut h = FNV_OFFSET;
    let mut any = false;
    let mut space = false;
    let feed = |h: &mut u64, b: u8, space: &mut bool, any: &mut bool| {
        if *space && *any {
            *h = (*h ^ u64::from(b' ')).wrapping_mul(FNV_PRIME);
        }
        *space = false;
        *any = true;
        *h = (*h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            match b {
                b'*' | b'_' => {}
                b'<' => {
                    if let Some(len) = tag_len(&bytes[i..]) {
                        // A tag separates words as a space would (`a<br>b`).
                        space = true;
                        i += len;
                        continue;
                    }
                    feed(&mut h, b, &mut space, &mut any);
                }
                _ if b.is_ascii_whitespace() => space = true,
                _ => feed(&mut h, b, &mut space, &mut any),
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '’' | '‘' | 'ʼ' => feed(&mut h, b'\'', &mut space, &mut any),
            _ if c.is_whitespace() => space = true,
            _ => {
                let mut buf = [0u8; 4];
                for &cb in c.encode_utf8(&mut buf).as_bytes() {
                    feed(&mut h, cb, &mut space, &mut any);
                }
            }
        }
    }
    any.then(|| mix64(h).max(1))
}

#[cfg(test)]
mod tests {
    use super::answer_key;

    #[test]
    fn whitespace_and_markup_are_folded() {
        let a = answer_key("Le Gouvernement a engagé une réforme.\n\nElle entre en vigueur.");
        assert!(a.is_some());
        for same in [
            "  Le Gouvernement a engagé une réforme. Elle entre en vigueur.  ",
            "Le  Gouvernement\ta engagé une **réforme**.\nElle entre en vigueur.",
            "Le Gouvernement a engagé une *réforme*.<br><br>Elle entre en\u{a0}vigueur.",
            "<p>Le Gouvernement a engagé une réforme.</p><p>Elle entre en vigueur.</p>",
        ] {
            assert_eq!(answer_key(same), a, "{same}");
        }
        assert_eq!(answer_key("L’État"), answer_key("L'État"));
        for other in [
            "Le Gouvernement a engagé une réforme. Elle entre en application.",
            "Le Gouvernement a engagé une réforme. Elle entre en vigueur",
            "Le Gouvernement a engagé une reforme. Elle entre en vigueur.",
            "Le Gouvernement a engagé une réforme. Elle entreen vigueur.",
        ] {
            assert_ne!(answer_key(other), a, "{other}");
        }
        assert_eq!(answer_key(""), None);
        assert_eq!(answer_key(" \n\t** <br> "), None);
        assert!(answer_key("a < b et c > d").is_some());
        assert_ne!(answer_key("a < b"), answer_key("a b"));
        assert!(answer_key("<").is_some());
    }
}
