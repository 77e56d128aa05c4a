//! The viewer's prompts and what acting on the questions shown says: switching dossier,
//! saving a view, exporting, marking all shown, opening a page or a source.

use dossier_core::export::Format;
use dossier_core::i18n::{Lang, NB};
use dossier_core::views::ViewsError;

/// The switcher's entry for the whole library.
pub fn whole_library(lang: Lang) -> &'static str {
    lang.pick("(toute la bibliothèque)", "(the whole library)")
}

/// Title of the dossier switcher (in the library) or of the saved views (elsewhere).
pub fn switch_title(lang: Lang, library: bool) -> &'static str {
    match library {
        true => lang.pick("Changer de dossier", "Switch dossier"),
        false => lang.pick("Vues enregistrées", "Saved views"),
    }
}

/// Title of the prompt naming the filter to save.
pub fn save_title(lang: Lang, library: bool) -> &'static str {
    match library {
        true => lang.pick(
            "Enregistrer le filtre comme dossier — nom",
            "Save the filter as a dossier — name",
        ),
        false => lang.pick(
            "Enregistrer le filtre comme vue — nom",
            "Save the filter as a view — name",
        ),
    }
}

/// Title of the export format picker.
pub fn export_title(lang: Lang, count: usize) -> String {
    let n = lang.count(
        count,
        ("question affichée", "questions affichées"),
        ("question shown", "questions shown"),
    );
    lang.pick(
        format!("Exporter {n} — format"),
        format!("Export {n} — format"),
    )
}

/// Title of the export file prompt.
pub fn export_path_title(lang: Lang, format: Format) -> String {
    lang.pick(
        format!("Exporter en {} — fichier", format_name(lang, format)),
        format!("Export as {} — file", format_name(lang, format)),
    )
}

/// An export format, for the picker.
pub fn format_name(lang: Lang, format: Format) -> &'static str {
    match format {
        Format::Csv => lang.pick("CSV (tableur)", "CSV (spreadsheet)"),
        Format::Memo => lang.pick(
            "mémo Markdown (les plus urgentes d'abord)",
            "Markdown memo (most urgent first)",
        ),
        Format::Json => lang.pick("JSON (fiches complètes)", "JSON (full records)"),
        Format::Signalement => lang.pick(
            "mémo de signalement (pour le président de groupe)",
            "signalement memo (for the group president)",
        ),
    }
}

/// Title of the help's section on prompts and pickers.
pub fn help_section(lang: Lang) -> &'static str {
    lang.pick(
        "Dans une invite (changer de dossier, enregistrer, exporter)",
        "In a prompt (switch dossier, save, export)",
    )
}

/// Title of the help's section on yes/no questions.
pub fn confirm_section(lang: Lang) -> &'static str {
    lang.pick(
        "Aux questions (remplacer, tout marquer, abandonner une note)",
        "At a question (replace, mark all, discard a note)",
    )
}

/// The keys of a picker, at its foot.
pub fn picker_keys(lang: Lang) -> &'static str {
    lang.pick(
        "tapez pour filtrer · ↑↓ choisir · Entrée valider · Échap annuler",
        "type to filter · ↑↓ choose · Enter accept · Esc cancel",
    )
}

/// The keys of a text prompt, at its foot.
pub fn prompt_keys(lang: Lang) -> &'static str {
    lang.pick(
        "Entrée valider · Échap annuler",
        "Enter accept · Esc cancel",
    )
}

/// While the choices are read.
pub fn reading(lang: Lang) -> &'static str {
    lang.pick("lecture…", "reading…")
}

/// A picker with nothing to offer, or nothing matching.
pub fn no_choice(lang: Lang, library: bool, typed: bool) -> &'static str {
    match (typed, library) {
        (true, _) => lang.pick("rien ne correspond", "nothing matches"),
        (false, true) => lang.pick(
            "aucun dossier\u{a0}: V enregistre le filtre comme dossier",
            "no dossier yet: V saves the filter as one",
        ),
        (false, false) => lang.pick(
            "aucune vue\u{a0}: V enregistre le filtre comme vue",
            "no view yet: V saves the filter as one",
        ),
    }
}

/// Marks the dossier open in the switcher.
pub fn current(lang: Lang) -> &'static str {
    lang.pick("ouvert", "open")
}

/// Views cannot be saved (no data directory).
pub fn no_views_file(lang: Lang) -> &'static str {
    lang.pick(
        "pas de dossier de données où garder les vues",
        "no data directory to keep views in",
    )
}

/// Saving with no filter.
pub fn nothing_to_save(lang: Lang) -> &'static str {
    lang.pick(
        "le filtre est vide\u{a0}: rien à enregistrer (/ pour filtrer)",
        "the filter is empty: nothing to save (/ to filter)",
    )
}

/// Exporting an empty list.
pub fn nothing_to_export(lang: Lang) -> &'static str {
    lang.pick(
        "aucune question affichée à exporter",
        "no question shown to export",
    )
}

/// What needs every question, asked while the library's first page is shown.
pub fn still_loading(lang: Lang) -> &'static str {
    lang.pick(
        "la bibliothèque se charge encore\u{a0}: réessayez dans un instant",
        "the library is still loading: try again in a moment",
    )
}

/// The export prompt left empty.
pub fn file_needed(lang: Lang) -> &'static str {
    lang.pick("indiquez un fichier", "give a file")
}

/// A named dossier saved from the viewer.
pub fn dossier_saved(lang: Lang, name: &str, query: &str, new: bool) -> String {
    let name = dossier_core::text::sanitize::terminal_line(name);
    let query = dossier_core::text::sanitize::terminal_line(query);
    match new {
        true => lang.pick(
            format!("dossier «{NB}{name}{NB}» créé ({query})\u{a0}; D pour l'ouvrir"),
            format!("dossier '{name}' created ({query}); D to open it"),
        ),
        false => lang.pick(
            format!("dossier «{NB}{name}{NB}» mis à jour ({query})"),
            format!("dossier '{name}' updated ({query})"),
        ),
    }
}

/// A view saved.
pub fn view_saved(lang: Lang, name: &str, replaced: bool) -> String {
    let name = dossier_core::text::sanitize::terminal_line(name);
    match replaced {
        false => lang.pick(
            format!("vue «{NB}{name}{NB}» enregistrée\u{a0}; D pour la rappeler"),
            format!("view '{name}' saved; D to recall it"),
        ),
        true => lang.pick(
            format!("vue «{NB}{name}{NB}» remplacée"),
            format!("view '{name}' replaced"),
        ),
    }
}

/// Why a view was not saved.
pub fn view_refused(lang: Lang, e: &ViewsError) -> String {
    match e {
        ViewsError::BadName(name) => dossier_core::i18n::library::bad_dossier_name(
            lang,
            &dossier_core::text::sanitize::terminal_line(name),
        ),
        ViewsError::BadQuery(q) => dossier_core::i18n::query::invalid_query(
            lang,
            &dossier_core::i18n::query::error(lang, &q.kind),
        ),
        ViewsError::Io { path, source } => lang.pick(
            format!("vue non enregistrée{NB}: {}{NB}: {source}", path.display()),
            format!("view not saved: {}: {source}", path.display()),
        ),
        ViewsError::Damaged { path, what } => lang.pick(
            format!(
                "{} n'est pas un fichier de vues ({what})\u{a0}: laissé tel quel",
                path.display()
            ),
            format!(
                "{} is not a views file ({what}): left as it is",
                path.display()
            ),
        ),
    }
}

/// A view shown.
pub fn view_applied(lang: Lang, name: &str) -> String {
    let name = dossier_core::text::sanitize::terminal_line(name);
    lang.pick(format!("vue «{NB}{name}{NB}»"), format!("view '{name}'"))
}

/// A dossier being opened.
pub fn opening(lang: Lang, name: &str) -> String {
    let name = dossier_core::text::sanitize::terminal_line(name);
    lang.pick(
        format!("ouverture de «{NB}{name}{NB}»…"),
        format!("opening '{name}'…"),
    )
}

/// A switch given up because the current marks could not be saved.
pub fn switch_cancelled(lang: Lang) -> &'static str {
    lang.pick(
        "changement de dossier annulé\u{a0}: les marques de ce dossier ne sont pas encore enregistrées",
        "switch cancelled: this dossier's marks are not saved yet",
    )
}

/// The question before marking all shown reviewed.
pub fn confirm_mark_shown(lang: Lang, count: usize) -> String {
    let n = lang.count(
        count,
        ("question affichée", "questions affichées"),
        ("question shown", "questions shown"),
    );
    lang.pick(
        format!(
            "Marquer {n} comme {}\u{a0}?",
            if count > 1 { "revues" } else { "revue" }
        ),
        format!("Mark {n} reviewed?"),
    )
}

/// The question before replacing a file.
pub fn confirm_overwrite(lang: Lang, path: &str) -> String {
    let path = dossier_core::text::sanitize::terminal_line(path);
    lang.pick(
        format!("{path} existe. Le remplacer\u{a0}?"),
        format!("{path} exists. Replace it?"),
    )
}

/// The question before replacing a named dossier or a saved view.
pub fn confirm_replace_view(lang: Lang, name: &str, library: bool) -> String {
    let name = dossier_core::text::sanitize::terminal_line(name);
    match library {
        true => lang.pick(
            format!("Le dossier «{NB}{name}{NB}» existe. Remplacer sa requête{NB}?"),
            format!("The dossier '{name}' exists. Replace its query?"),
        ),
        false => lang.pick(
            format!("La vue «{NB}{name}{NB}» existe. La remplacer{NB}?"),
            format!("The view '{name}' exists. Replace it?"),
        ),
    }
}

/// Title of a yes/no question.
pub fn confirm_title(lang: Lang) -> &'static str {
    lang.pick("Confirmer", "Confirm")
}

/// Marked as asked.
pub fn marked_shown(lang: Lang, count: usize) -> String {
    lang.pick(
        format!(
            "{} marquée{} revue{}",
            lang.count(count, ("question", "questions"), ("question", "questions")),
            if count > 1 { "s" } else { "" },
            if count > 1 { "s" } else { "" }
        ),
        format!(
            "{} marked reviewed",
            lang.count(count, ("question", "questions"), ("question", "questions"))
        ),
    )
}

/// Nothing to mark.
pub fn all_reviewed_already(lang: Lang) -> &'static str {
    lang.pick(
        "toutes les questions affichées sont déjà revues",
        "every question shown is reviewed already",
    )
}

/// An export written.
pub fn exported(lang: Lang, count: usize, path: &str) -> String {
    let path = dossier_core::text::sanitize::terminal_line(path);
    let n = lang.count(count, ("question", "questions"), ("question", "questions"));
    lang.pick(
        format!(
            "{n} exportée{} vers {path}",
            if count > 1 { "s" } else { "" }
        ),
        format!("{n} exported to {path}"),
    )
}

/// An export that failed.
pub fn export_failed(lang: Lang, why: &str) -> String {
    let why = dossier_core::text::sanitize::terminal_line(why);
    lang.pick(
        format!("export impossible{NB}: {why}"),
        format!("export failed: {why}"),
    )
}

/// Questions the library could not give (the log says why).
pub fn not_read_from(lang: Lang, missing: usize, library: &std::path::Path) -> String {
    let n = lang.number(missing);
    let library = library.display();
    match (lang, missing) {
        (Lang::Fr, 1) => format!(
            "1{NB}question n'a pas pu être lue dans la bibliothèque {library} (le journal dit pourquoi)"
        ),
        (Lang::Fr, _) => format!(
            "{n}{NB}questions n'ont pas pu être lues dans la bibliothèque {library} (le journal dit pourquoi)"
        ),
        (Lang::En, 1) => {
            format!("1 question could not be read from the library {library} (the log says why)")
        }
        (Lang::En, _) => {
            format!("{n} questions could not be read from the library {library} (the log says why)")
        }
    }
}

/// A program the shell could not find (exit code 127).
pub fn program_not_found(lang: Lang) -> &'static str {
    lang.pick(
        "programme introuvable (vérifiez $PAGER, $EDITOR, $VISUAL ou $BROWSER)",
        "program not found (check $PAGER, $EDITOR, $VISUAL or $BROWSER)",
    )
}

/// A program that ended with an error code.
pub fn exit_code(lang: Lang, code: i32) -> String {
    lang.pick(
        format!("code de sortie {code}"),
        format!("exit code {code}"),
    )
}

/// The browser was given the page.
pub fn opened_page(lang: Lang, url: &str, how: &str) -> String {
    lang.pick(
        format!("page ouverte avec {how}{NB}: {url}"),
        format!("page opened with {how}: {url}"),
    )
}

/// No browser to open the page with.
pub fn no_browser(lang: Lang, url: &str) -> String {
    lang.pick(
        format!("aucun navigateur trouvé (définissez $BROWSER)\u{a0}; adresse{NB}: {url}"),
        format!("no browser found (set $BROWSER); address: {url}"),
    )
}

/// A source shown from a copy (an archive's entry, a sample document).
pub fn source_copy(lang: Lang, source: &str, copy: &str) -> String {
    let source = dossier_core::text::sanitize::terminal_line(source);
    let copy = dossier_core::text::sanitize::terminal_line(copy);
    lang.pick(
        format!("{source} lu depuis une copie{NB}: {copy} (la modifier ne change pas la source)"),
        format!("{source} read from a copy: {copy} (changing it does not change the source)"),
    )
}

/// The source cannot be found again.
pub fn source_missing(lang: Lang, why: &str) -> String {
    let why = dossier_core::text::sanitize::terminal_line(why);
    lang.pick(
        format!("source introuvable{NB}: {why}"),
        format!("source not found: {why}"),
    )
}

/// A program that could not run, or failed.
pub fn program_failed(lang: Lang, program: &str, why: &str) -> String {
    let program = dossier_core::text::sanitize::terminal_line(program);
    let why = dossier_core::text::sanitize::terminal_line(why);
    lang.pick(
        format!("{program} a échoué{NB}: {why}"),
        format!("{program} failed: {why}"),
    )
}
