//! The scoreboard's words, for the viewer's screen and `stats --by` alike.

use dossier_core::i18n::{Lang, NB};
use dossier_core::scoreboard::By;

/// "Par ministère (qui doit répondre)".
pub fn heading(lang: Lang, by: By) -> &'static str {
    match (lang, by) {
        (Lang::Fr, By::Ministry) => "Par ministère (qui doit répondre)",
        (Lang::Fr, By::Group) => "Par groupe",
        (Lang::Fr, By::Author) => "Par auteur",
        (Lang::Fr, By::Rubric) => "Par rubrique",
        (Lang::Fr, By::Legislature) => "Par législature",
        (Lang::En, By::Ministry) => "By ministry (that must answer)",
        (Lang::En, By::Group) => "By group",
        (Lang::En, By::Author) => "By author",
        (Lang::En, By::Rubric) => "By rubric",
        (Lang::En, By::Legislature) => "By legislature",
    }
}

/// The first column's header.
pub fn name_column(lang: Lang, by: By) -> &'static str {
    match (lang, by) {
        (Lang::Fr, By::Ministry) => "Ministère",
        (Lang::Fr, By::Group) => "Groupe",
        (Lang::Fr, By::Author) => "Auteur",
        (Lang::Fr, By::Rubric) => "Rubrique",
        (Lang::Fr, By::Legislature) => "Législature",
        (Lang::En, By::Ministry) => "Ministry",
        (Lang::En, By::Group) => "Group",
        (Lang::En, By::Author) => "Author",
        (Lang::En, By::Rubric) => "Rubric",
        (Lang::En, By::Legislature) => "Legislature",
    }
}

/// A row's name as shown: a legislature's number as an ordinal.
pub fn row_name(lang: Lang, by: By, name: &str) -> String {
    match (by, lang) {
        (By::Legislature, Lang::Fr) => format!("{name}e législature"),
        (By::Legislature, Lang::En) => format!("{name}th legislature"),
        _ => name.to_string(),
    }
}

/// The numbers' headers: received, answered, answer rate, on-time rate, overdue,
/// pending, closed, median and p90 delay, oldest overdue, re-attributed in.
pub fn columns(lang: Lang) -> [&'static str; 11] {
    lang.pick(
        [
            "Reçues", "Rép.", "Taux", "À temps", "Retard", "Attente", "Closes", "Méd. j", "P90 j",
            "Max j", "Réattr.",
        ],
        [
            "Recv.", "Answ.", "Rate", "On time", "Overdue", "Pending", "Closed", "Med. d", "P90 d",
            "Max d", "Reattr.",
        ],
    )
}

/// "Total".
pub fn total(lang: Lang) -> &'static str {
    lang.pick("Total", "Total")
}

/// A rate: "61 %" / "61%".
pub fn rate(lang: Lang, rate: Option<f64>) -> String {
    match rate {
        None => "—".into(),
        Some(r) => {
            let pct = (r * 100.0).round();
            lang.pick(format!("{pct}\u{202f}%"), format!("{pct}%"))
        }
    }
}

/// "situation au 22 novembre 2026 · 5 questions".
pub fn as_of(lang: Lang, today: chrono::NaiveDate, questions: usize) -> String {
    let q = lang.count(
        questions,
        ("question", "questions"),
        ("question", "questions"),
    );
    lang.pick(
        format!("situation au {} · {q}", lang.date(today)),
        format!("as of {} · {q}", lang.date(today)),
    )
}

/// The period counted, when one was given.
pub fn period(
    lang: Lang,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> Option<String> {
    Some(match (since, until) {
        (None, None) => return None,
        (Some(s), Some(u)) => lang.pick(
            format!("questions publiées du {} au {}", lang.date(s), lang.date(u)),
            format!(
                "questions published from {} to {}",
                lang.date(s),
                lang.date(u)
            ),
        ),
        (Some(s), None) => lang.pick(
            format!("questions publiées depuis le {}", lang.date(s)),
            format!("questions published since {}", lang.date(s)),
        ),
        (None, Some(u)) => lang.pick(
            format!("questions publiées jusqu'au {}", lang.date(u)),
            format!("questions published until {}", lang.date(u)),
        ),
    })
}

/// Nothing counted.
pub fn empty(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune question dans cette période.",
        "No question in this period.",
    )
}

/// The oldest overdue question of all.
pub fn oldest(lang: Lang, id: &str, row: &str, days: i64) -> String {
    lang.pick(
        format!(
            "Plus ancien retard{NB}: {id} ({row}, {} de retard).",
            lang.days(days)
        ),
        format!("Oldest overdue: {id} ({row}, {} overdue).", lang.days(days)),
    )
}

/// The heading of the merged labels.
pub fn merged(lang: Lang) -> String {
    lang.pick(format!("Libellés regroupés{NB}:"), "Labels merged:".into())
}

/// What the columns mean, a paragraph each.
pub fn legend(lang: Lang, by: By) -> Vec<String> {
    let mut lines: Vec<String> = match lang {
        Lang::Fr => vec![
            format!("Reçues{NB}: questions publiées{NB}; Rép.{NB}: répondues{NB}; Attente{NB}: en attente dans le délai{NB}; Retard{NB}: en attente au-delà du délai de l'art. 135 (2 mois, 1 avant le 28 novembre 2014, 10 jours après un signalement){NB}; Closes{NB}: retirées ou caduques (fin de législature) sans réponse."),
            format!("Taux{NB}: répondues / dues{NB}; À temps{NB}: répondues dans le délai (art. 135) / dues{NB}; dues = répondues + en retard + closes (toutes sauf celles encore dans le délai)."),
            format!("Méd., P90{NB}: délai de réponse en jours (médiane, 90e centile){NB}; Max{NB}: jours de retard de la plus ancienne question en retard."),
        ],
        Lang::En => vec![
            "Recv.: questions published; Answ.: answered; Pending: pending within the deadline; Overdue: pending past the art. 135 deadline (2 months, 1 before 28 November 2014, 10 days after a signalement); Closed: withdrawn or lapsed (end of the legislature) without an answer.".into(),
            "Rate: answered / due; On time: answered within the deadline (art. 135) / due; due = answered + overdue + closed (all but those still within their deadline).".into(),
            "Med., P90: days to answer (median, 90th percentile); Max: days overdue of the oldest overdue question.".into(),
        ],
    };
    if by == By::Ministry {
        lines.push(lang.pick(
            format!("Réattr.{NB}: questions venues d'un autre ministère par un changement d'attribution."),
            "Reattr.: questions that came from another ministry by a change of attribution.".into(),
        ));
    }
    lines
}

/// `--format csv` without `--by`.
pub fn csv_needs_by(lang: Lang) -> &'static str {
    lang.pick(
        "--format csv donne le tableau par ministère, groupe… : ajoutez --by ministry (ou group, author, rubric, legislature)",
        "--format csv gives the scoreboard: add --by ministry (or group, author, rubric, legislature)",
    )
}

/// The screen's title: "Tableau de bord — par ministère (qui doit répondre)".
pub fn screen_title(lang: Lang, by: By) -> String {
    let by = heading(lang, by);
    let mut chars = by.chars();
    let lower: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    lang.pick(
        format!("Tableau de bord — {lower}"),
        format!("Scoreboard — {lower}"),
    )
}

/// The orders of the rows: by overdue questions, answer rate, median delay.
pub fn sorts(lang: Lang) -> [&'static str; 3] {
    lang.pick(
        ["en retard", "taux de réponse", "délai médian"],
        ["overdue", "answer rate", "median delay"],
    )
}

/// The order of the rows, as the title's right side says it.
pub fn sort_name(lang: Lang, what: &str) -> String {
    lang.pick(format!("tri{NB}: {what}"), format!("sort: {what}"))
}

/// The keys of the screen, at its bottom.
pub fn footer(lang: Lang) -> &'static str {
    lang.pick(
        "s tri · Tab groupe, auteur… · Entrée filtrer · Échap fermer",
        "s sort · Tab group, author… · Enter filter · Esc close",
    )
}

/// A dossier with no question (yet).
pub fn no_question(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune question dans ce dossier.",
        "No question in this dossier.",
    )
}

/// While the scoreboard is computed.
pub fn computing(lang: Lang) -> &'static str {
    lang.pick("Calcul du tableau de bord…", "Computing the scoreboard…")
}

/// The table's headers: received, answer rate, on time, overdue, median delay, and the
/// bar's (what it measures follows the order).
pub fn table_columns(lang: Lang) -> [&'static str; 5] {
    lang.pick(
        ["Reçues", "Taux", "À temps", "Retard", "Méd. j"],
        ["Recv.", "Rate", "On time", "Overdue", "Med. d"],
    )
}

/// The ranges of the delay distribution (see `scoreboard::DELAY_BUCKETS`).
pub fn buckets(lang: Lang) -> [&'static str; 6] {
    lang.pick(
        ["≤1 m", "≤2 m", "≤3 m", "≤6 m", "≤1 an", ">1 an"],
        ["≤1 m", "≤2 m", "≤3 m", "≤6 m", "≤1 y", ">1 y"],
    )
}

/// The heading of the delay distribution.
pub fn distribution_heading(lang: Lang) -> &'static str {
    lang.pick(
        "Délais de réponse (questions répondues)",
        "Answer delays (answered questions)",
    )
}

/// No answered question in the row.
pub fn no_delay(lang: Lang) -> &'static str {
    lang.pick("Aucune réponse publiée.", "No answer published.")
}

/// The figures of the row selected, a line each.
pub fn row_figures(lang: Lang, row: &dossier_core::scoreboard::Row) -> Vec<String> {
    let n = |v: usize| lang.number(v);
    let mut out = vec![
        lang.pick(
            format!(
                "{} · {} ({} à temps)",
                lang.count(row.received, ("reçue", "reçues"), ("", "")),
                lang.count(row.answered, ("répondue", "répondues"), ("", "")),
                n(row.answered_on_time)
            ),
            format!(
                "{} received · {} answered ({} on time)",
                n(row.received),
                n(row.answered),
                n(row.answered_on_time)
            ),
        ),
        lang.pick(
            format!(
                "{} en retard · {} dans le délai · {} sans réponse",
                n(row.overdue),
                n(row.pending),
                lang.count(row.closed_unanswered, ("close", "closes"), ("", ""))
            ),
            format!(
                "{} overdue · {} within the deadline · {} closed unanswered",
                n(row.overdue),
                n(row.pending),
                n(row.closed_unanswered)
            ),
        ),
        lang.pick(
            format!(
                "Taux{NB}: {} des dues · à temps{NB}: {}",
                rate(lang, row.answer_rate),
                rate(lang, row.on_time_rate)
            ),
            format!(
                "Rate: {} of those due · on time: {}",
                rate(lang, row.answer_rate),
                rate(lang, row.on_time_rate)
            ),
        ),
    ];
    if let (Some(med), Some(p90)) = (row.median_delay_days, row.p90_delay_days) {
        out.push(lang.pick(
            format!("Délai médian{NB}: {med} j · 90e centile{NB}: {p90} j"),
            format!("Median delay: {med} d · 90th percentile: {p90} d"),
        ));
    }
    if let Some(o) = &row.oldest_overdue {
        out.push(lang.pick(
            format!(
                "Plus ancien retard{NB}: {} ({})",
                o.id,
                lang.days(o.overdue_days)
            ),
            format!("Oldest overdue: {} ({})", o.id, lang.days(o.overdue_days)),
        ));
    }
    if let Some(n) = row.reattributed_in.filter(|n| *n > 0) {
        out.push(lang.pick(
            format!(
                "{} d'un autre ministère",
                lang.count(n, ("venue", "venues"), ("", ""))
            ),
            format!("{} came from another ministry", lang.number(n)),
        ));
    }
    if row.labels.len() > 1 {
        out.push(format!("{} {}", merged(lang), row.labels.join(" · ")));
    }
    out
}

/// The row of questions naming no ministry (group, author…) has no filter term.
pub fn no_term(lang: Lang, by: By) -> String {
    let what = name_column(lang, by).to_lowercase();
    lang.pick(
        format!("Ces questions n'ont pas de {what}{NB}: aucun filtre ne les désigne."),
        format!("These questions have no {what}: no filter term names them."),
    )
}

/// The list filtered to a row: the term written, and, for a row merging several labels,
/// which one the term keeps.
pub fn filtered(lang: Lang, term: &str, row: &dossier_core::scoreboard::Row) -> String {
    let n = row.labels.len();
    if n > 1 {
        lang.pick(
            format!(
                "Filtre{NB}: {term} (le plus fréquent des {n} libellés regroupés dans la ligne)"
            ),
            format!("Filter: {term} (the most frequent of the row's {n} merged labels)"),
        )
    } else {
        lang.pick(format!("Filtre{NB}: {term}"), format!("Filter: {term}"))
    }
}
