//! The vocabulary of the query language: field names, their aliases and accepted values.
//!
//! The parser resolves every name through these tables, and the help screen can list them
//! ([`FIELDS`], [`STATUS_VALUES`], [`IS_VALUES`], [`HAS_VALUES`], [`KIND_VALUES`]), so the help
//! cannot drift from what the parser accepts. Names and values are matched folded (case and
//! accents ignored, apostrophes dropped: `jusqu'à:` is `jusqua:`).
//!
//! | field (aliases)                                  | value                      | matches |
//! |--------------------------------------------------|----------------------------|---------|
//! | *word*                                           |                            | fuzzy, in number/id, title, author, group, ministries, rubric |
//! | `"a phrase"`                                     |                            | substring of one of those fields |
//! | `status:` `statut:` `etat:`                      | `pending` `attente` · `answered` `repondu` · `withdrawn` `retire` | status |
//! | `author:` `auteur:` `depute:`                    | text                       | substring of the author |
//! | `group:` `groupe:`                               | text                       | substring of the group |
//! | `min:` `ministry:` `ministere:` `ministre:`      | text                       | substring of either ministry |
//! | `rubric:` `rubrique:`                            | text                       | substring of the rubric |
//! | `place:` `lieu:` `circonscription:`              | text                       | substring of the constituency |
//! | `id:` `num:` `numero:`                           | text                       | substring of the id (`17-13809QE`) |
//! | `leg:` `legislature:`                            | `17`                       | legislature |
//! | `type:` `kind:`                                  | `QE` `QG` `QOSD`           | kind of question |
//! | `since:` `depuis:`                               | `2026-01-01` (or `2026-01`, `2026`, `01/01/2026`) | published on or after |
//! | `until:` `jusqua:` `avant:`                      | same                       | published on or before |
//! | `is:` `est:`                                     | `overdue` `retard` · `pending` · `answered` · `withdrawn` · `reviewed` `revu` · `flagged` `marque` · `changed` `modifie` · `campaign` `campagne` · `answered-elsewhere` `repondue-ailleurs` · `lapsed` `caduque` · `to-signal` `a-signaler` | |
//! | `similar:` `proche:` `similaire:`                | `17-13809QE` (or `13809`)  | the question and those related to it |
//! | `has:` `a:` `avec:`                              | `note`                     | a review note exists |
//! | `text:` `texte:`                                 | text                       | substring of the question or answer text |
//!
//! `-term` negates any term or word; quotes hold spaces (`author:"Le Fur"`).

use crate::model::{QuestionKind, Status};

/// What a field name designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `status:`
    Status,
    /// `author:`
    Author,
    /// `group:`
    Group,
    /// `ministry:`
    Ministry,
    /// `rubric:`
    Rubric,
    /// `id:`
    Id,
    /// `leg:`
    Legislature,
    /// `type:`
    Kind,
    /// `since:`
    Since,
    /// `until:`
    Until,
    /// `is:`
    Is,
    /// `has:`
    Has,
    /// `text:`
    Text,
    /// `similar:`
    Similar,
    /// `place:`
    Place,
}

/// One field of the query language, for the help screen.
#[derive(Debug, Clone, Copy)]
pub struct FieldHelp {
    /// Accepted names, English first, then French (`author`, `auteur`, ...): what a
    /// term written for a user in either language is made of.
    pub names: &'static [&'static str],
    /// What the value looks like.
    pub value: &'static str,
    /// What the term keeps, in French.
    pub fr: &'static str,
    /// What the term keeps, in English.
    pub en: &'static str,
    /// The field.
    pub field: Field,
}

/// Every field of the query language.
pub const FIELDS: &[FieldHelp] = &[
    FieldHelp {
        names: &["status", "statut", "etat"],
        value: "pending|answered|withdrawn (attente|repondu|retire)",
        fr: "questions dans cet état",
        en: "questions with this status",
        field: Field::Status,
    },
    FieldHelp {
        names: &["author", "auteur", "depute"],
        value: "texte",
        fr: "l'auteur contient le texte",
        en: "the author contains the text",
        field: Field::Author,
    },
    FieldHelp {
        names: &["group", "groupe"],
        value: "texte",
        fr: "le groupe contient le texte",
        en: "the group contains the text",
        field: Field::Group,
    },
    FieldHelp {
        names: &["min", "ministry", "ministere", "ministre"],
        value: "texte",
        fr: "le ministère interrogé ou attributaire contient le texte",
        en: "the ministry asked or assigned contains the text",
        field: Field::Ministry,
    },
    FieldHelp {
        names: &["rubric", "rubrique"],
        value: "texte",
        fr: "la rubrique contient le texte",
        en: "the rubric contains the text",
        field: Field::Rubric,
    },
    FieldHelp {
        names: &["place", "lieu", "circonscription", "departement"],
        value: "texte",
        fr: "la circonscription (département) contient le texte",
        en: "the constituency (département) contains the text",
        field: Field::Place,
    },
    FieldHelp {
        names: &["id", "num", "numero"],
        value: "17-13809QE",
        fr: "l'identifiant contient le texte",
        en: "the id contains the text",
        field: Field::Id,
    },
    FieldHelp {
        names: &["leg", "legislature"],
        value: "17",
        fr: "législature",
        en: "legislature",
        field: Field::Legislature,
    },
    FieldHelp {
        names: &["type", "kind"],
        value: "QE|QG|QOSD",
        fr: "type de question (écrite, au Gouvernement, orale)",
        en: "kind of question (written, government, oral)",
        field: Field::Kind,
    },
    FieldHelp {
        names: &["since", "depuis", "apres"],
        value: "AAAA-MM-JJ",
        fr: "publiée au JO ce jour-là ou après",
        en: "published in the JO on or after",
        field: Field::Since,
    },
    FieldHelp {
        names: &["until", "jusqua", "jusquau", "avant"],
        value: "AAAA-MM-JJ",
        fr: "publiée au JO ce jour-là ou avant",
        en: "published in the JO on or before",
        field: Field::Until,
    },
    FieldHelp {
        names: &["is", "est"],
        value: "overdue|pending|answered|withdrawn|reviewed|flagged|changed|campaign|answered-elsewhere|lapsed|to-signal",
        fr: "en retard, en attente, répondue, retirée, revue, marquée, modifiée, d'une campagne (texte proche d'une autre), en attente alors qu'une question proche est répondue, caduque (restée sans réponse à la fin de sa législature), à signaler (proposée pour un signalement) (retard|attente|repondue|retiree|revue|marquee|modifiee|campagne|repondue-ailleurs|caduque|a-signaler)",
        en: "overdue, pending, answered, withdrawn, reviewed, flagged, changed, part of a campaign (a text like another's), pending while a related question is answered, lapsed (left unanswered when its legislature ended), to signal (proposed for a signalement)",
        field: Field::Is,
    },
    FieldHelp {
        names: &["similar", "proche", "proches", "similaire"],
        value: "17-13809QE",
        fr: "cette question et celles qui lui sont proches (texte presque identique ou même réponse)",
        en: "this question and those related to it (near-identical text or the same answer)",
        field: Field::Similar,
    },
    FieldHelp {
        names: &["has", "a", "avec"],
        value: "note",
        fr: "porte une note de relecture",
        en: "has a review note",
        field: Field::Has,
    },
    FieldHelp {
        names: &["text", "texte"],
        value: "texte",
        fr: "le texte de la question ou de la réponse contient le texte",
        en: "the question or answer text contains the text",
        field: Field::Text,
    },
];

/// A value with a fixed meaning (`pending`, `overdue`, `QE` ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// A status.
    Status(Status),
    /// A kind of question.
    Kind(QuestionKind),
    /// Past its deadline.
    Overdue,
    /// Reviewed.
    Reviewed,
    /// Flagged for follow-up.
    Flagged,
    /// With a note.
    HasNote,
    /// Changed since its review.
    Changed,
    /// Part of a campaign.
    Campaign,
    /// Pending while a related question is answered.
    AnsweredElsewhere,
    /// Left unanswered when its legislature ended.
    Lapsed,
    /// Marked to be signalée by the group president.
    ToSignal,
}

/// One accepted value of `status:`, `is:`, `has:` or `type:`, for the help screen.
#[derive(Debug, Clone, Copy)]
pub struct ValueHelp {
    /// Accepted spellings, English first, then French; matched folded (`répondu` is
    /// `repondu`).
    pub names: &'static [&'static str],
    /// The value.
    pub flag: Flag,
}

const PENDING: &[&str] = &["pending", "attente", "en_attente", "unanswered"];
const ANSWERED: &[&str] = &["answered", "repondu", "repondue", "reponse"];
const WITHDRAWN: &[&str] = &["withdrawn", "retire", "retiree", "retrait"];

/// Values of `status:`.
pub const STATUS_VALUES: &[ValueHelp] = &[
    ValueHelp {
        names: PENDING,
        flag: Flag::Status(Status::Pending),
    },
    ValueHelp {
        names: ANSWERED,
        flag: Flag::Status(Status::Answered),
    },
    ValueHelp {
        names: WITHDRAWN,
        flag: Flag::Status(Status::Withdrawn),
    },
];

/// Values of `is:`.
pub const IS_VALUES: &[ValueHelp] = &[
    ValueHelp {
        names: &["overdue", "retard", "en_retard", "late"],
        flag: Flag::Overdue,
    },
    ValueHelp {
        names: PENDING,
        flag: Flag::Status(Status::Pending),
    },
    ValueHelp {
        names: ANSWERED,
        flag: Flag::Status(Status::Answered),
    },
    ValueHelp {
        names: WITHDRAWN,
        flag: Flag::Status(Status::Withdrawn),
    },
    ValueHelp {
        names: &["reviewed", "revu", "revue", "lu", "lue"],
        flag: Flag::Reviewed,
    },
    ValueHelp {
        names: &["flagged", "marque", "marquee"],
        flag: Flag::Flagged,
    },
    ValueHelp {
        names: &["changed", "modifie", "modifiee", "change", "changee"],
        flag: Flag::Changed,
    },
    ValueHelp {
        names: &["campaign", "campagne"],
        flag: Flag::Campaign,
    },
    ValueHelp {
        names: &[
            "answered-elsewhere",
            "repondue-ailleurs",
            "answered_elsewhere",
            "repondue_ailleurs",
            "deja-repondue",
        ],
        flag: Flag::AnsweredElsewhere,
    },
    ValueHelp {
        names: &["lapsed", "caduque", "caduc"],
        flag: Flag::Lapsed,
    },
    ValueHelp {
        names: &[
            "to-signal",
            "a-signaler",
            "to_signal",
            "a_signaler",
            "signaler",
        ],
        flag: Flag::ToSignal,
    },
];

/// Values of `has:`.
pub const HAS_VALUES: &[ValueHelp] = &[ValueHelp {
    names: &["note", "notes"],
    flag: Flag::HasNote,
}];

/// Values of `type:`.
pub const KIND_VALUES: &[ValueHelp] = &[
    ValueHelp {
        names: &["qe", "ecrite", "written"],
        flag: Flag::Kind(QuestionKind::Written),
    },
    ValueHelp {
        names: &["qg", "gouvernement", "government"],
        flag: Flag::Kind(QuestionKind::Government),
    },
    ValueHelp {
        names: &["qosd", "qo", "orale", "oral"],
        flag: Flag::Kind(QuestionKind::Oral),
    },
];

/// The field a folded, apostrophe-free name designates.
pub(super) fn lookup_field(key: &str) -> Option<Field> {
    FIELDS
        .iter()
        .find(|f| f.names.contains(&key))
        .map(|f| f.field)
}

/// The value a folded spelling designates in a table; spaces and dashes count as `_`
/// (`en attente`, `en-retard`).
pub(super) fn lookup_value(table: &[ValueHelp], value: &str) -> Option<Flag> {
    let key: String = value
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    table
        .iter()
        .find(|v| v.names.contains(&key.as_str()))
        .map(|v| v.flag)
}
