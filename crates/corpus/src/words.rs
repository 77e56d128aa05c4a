//! Words: agreement, articles, elision, numbers and amounts as French prints them.

use crate::rng::Rng;
use crate::vocabulary::MONTHS;
use chrono::{Datelike, NaiveDate};

pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lower-cases a leading article ("Le Gouvernement" -> "le Gouvernement"), not a name
/// ("SNCF Réseau", "La Poste" stay).
pub(crate) fn lower_article(s: &str) -> String {
    if s.starts_with("La Poste") {
        return s.to_string();
    }
    if ["Le ", "La ", "Les ", "L'"]
        .iter()
        .any(|a| s.starts_with(a))
    {
        lower_first(s)
    } else {
        s.to_string()
    }
}

/// "du dispositif" -> "le dispositif", "des infirmières" -> "les infirmières".
pub(crate) fn bare(de_form: &str) -> String {
    if let Some(rest) = de_form.strip_prefix("du ") {
        format!("le {rest}")
    } else if let Some(rest) = de_form.strip_prefix("des ") {
        format!("les {rest}")
    } else if let Some(rest) = de_form.strip_prefix("de la ") {
        format!("la {rest}")
    } else if let Some(rest) = de_form.strip_prefix("de l'") {
        format!("l'{rest}")
    } else if let Some(rest) = de_form.strip_prefix("de ") {
        rest.to_string()
    } else {
        de_form.to_string()
    }
}

/// Whether a noun phrase is plural ("les services", "des infirmières").
pub(crate) fn plural(np: &str) -> bool {
    let lower = np.to_lowercase();
    lower.starts_with("les ") || lower.starts_with("des ") || lower.starts_with("aux ")
}

/// The verb agreeing with a subject.
pub(crate) fn agree(subject: &str, verb: (&'static str, &'static str)) -> &'static str {
    if plural(subject) {
        verb.1
    } else {
        verb.0
    }
}

/// "de garantir", "d'assurer".
pub(crate) fn de_inf(inf: &str) -> String {
    if inf.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
        format!("d'{inf}")
    } else {
        format!("de {inf}")
    }
}

/// `k` distinct items (fewer when the list is shorter), in draw order.
pub(crate) fn pick_distinct<'a>(rng: &mut Rng, items: &'a [&'a str], k: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for _ in 0..k * 4 {
        if out.len() == k {
            break;
        }
        let x = *rng.pick(items);
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// "le maintien" -> "du maintien", "l'accès" -> "de l'accès", "un plan" -> "d'un plan".
pub(crate) fn de(np: &str) -> String {
    if let Some(rest) = np.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = np.strip_prefix("les ") {
        format!("des {rest}")
    } else if np.starts_with("un ") || np.starts_with("une ") {
        format!("d'{np}")
    } else {
        format!("de {np}")
    }
}

/// "le maintien" -> "au maintien", "les délais" -> "aux délais".
pub(crate) fn a(np: &str) -> String {
    if let Some(rest) = np.strip_prefix("le ") {
        format!("au {rest}")
    } else if let Some(rest) = np.strip_prefix("les ") {
        format!("aux {rest}")
    } else {
        format!("à {np}")
    }
}

/// A noun phrase without its article, capitalised: "l'accès aux soins" -> "Accès aux soins".
pub(crate) fn headline(np: &str) -> String {
    let rest = [
        "le ", "la ", "les ", "l'", "un ", "une ", "du ", "des ", "de la ", "de l'",
    ]
    .iter()
    .find_map(|article| np.strip_prefix(article))
    .unwrap_or(np);
    upper_first(rest)
}

/// A number written the French way: "9 000".
pub(crate) fn french_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// An amount in euros, in one of the forms of the texts: "12 500 euros", "3,5 millions
/// d'euros", "5,54 M€", "2,3 milliards d'euros".
pub(crate) fn euros(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!("{} euros", french_number(rng.range(2, 400) as u64 * 50)),
        1 => format!("{} millions d'euros", rng.range(2, 900)),
        2 => format!("{},{} M€", rng.range(1, 90), rng.range(1, 99)),
        3 => format!("{},{} milliards d'euros", rng.range(1, 30), rng.range(1, 9)),
        _ => format!("{} €", french_number(rng.range(20, 5000) as u64 * 10)),
    }
}

/// A date as printed: `24 mars 2026`, and for the first of a month `1er` or `1`.
pub(crate) fn french_date(rng: &mut Rng, date: NaiveDate) -> String {
    let day = if date.day() == 1 && rng.chance(0.6) {
        "1er".to_string()
    } else {
        date.day().to_string()
    };
    format!("{day} {} {}", MONTHS[date.month0() as usize], date.year())
}
