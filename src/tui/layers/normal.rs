//! The main screen's keys (no layer open): moving in the list and the panes, opening the
//! filter line, the overlays, the prompts and pickers, marking, annotating, sorting,
//! grouping, and running a program on the question.

use super::super::app::layers::{
    Board, ChoiceValue, Chooser, Confirm, Layer, Overlay, OverlayKind, PickerKind, Prompt,
    PromptKind,
};
use crate::tui::action::Action;
use crate::tui::app::{App, MessageKind, Shown};
use crate::tui::command::Command;
use crate::tui::effect::Effect;
use crate::tui::external::External;
use crate::tui::messages::{clear_if, show, show_about, About};
use crate::tui::panes::Pane;
use crate::tui::terms::{self, Quick};
use crate::tui::widgets::picker::{Choice, Picker};
use crate::tui::widgets::scroll::Step;
use crate::tui::words::{prompts, ui};
use crate::tui::{hits, loading, marks, related};
use dossier_core::library::Origin;
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

/// Handles an action on the main screen.
pub fn handle(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let command = match action {
        Action::Command(c) => c,
        Action::Wheel { down, x, y } => {
            if let Some((pane, _)) = pane_at(app, x, y) {
                let focus = app.focus;
                app.focus = pane;
                scroll_focused(app, Step::Line(if down { 3 } else { -3 }));
                if pane != Pane::List {
                    app.focus = focus;
                }
            }
            return;
        }
        Action::Click(x, y) => {
            if let Some((pane, rect)) = pane_at(app, x, y) {
                app.focus = pane;
                if pane == Pane::List && y >= rect.y + 2 {
                    // Rows start below the top border and the header.
                    let row = (y - rect.y - 2) as usize;
                    if app.list_offset + row < app.hits.len() {
                        hits::select(app, app.list_offset + row);
                    }
                }
            }
            return;
        }
        _ => return,
    };
    match command {
        Command::Down => scroll_focused(app, Step::Line(1)),
        Command::Up => scroll_focused(app, Step::Line(-1)),
        Command::PageDown => scroll_focused(app, Step::Page(1)),
        Command::PageUp => scroll_focused(app, Step::Page(-1)),
        Command::HalfPageDown => scroll_focused(app, Step::Half(1)),
        Command::HalfPageUp => scroll_focused(app, Step::Half(-1)),
        Command::Top => scroll_focused(app, Step::Top),
        Command::Bottom => scroll_focused(app, Step::Bottom),
        Command::FocusNext => app.focus = app.focus.next(),
        Command::FocusPrev => app.focus = app.focus.prev(),
        Command::Open if app.focus == Pane::List && !app.hits.is_empty() => {
            app.focus = Pane::Detail
        }
        Command::Back => {
            if app.focus != Pane::List {
                app.focus = Pane::List;
            } else if !app.filter.text().is_empty() {
                app.filter = Default::default();
            }
        }
        Command::OpenFilter => {
            app.layers.push(Layer::Filter);
            app.filter.input.to_end();
            // "The filter is empty: nothing to save (/ to filter)" is being acted on.
            clear_if(app, About::NothingToSave);
        }
        Command::NextMatch => jump_to_match(app, true),
        Command::PrevMatch => jump_to_match(app, false),
        Command::ToggleHelp => open_overlay(app, OverlayKind::Help),
        Command::ToggleDiagnostics => open_overlay(app, OverlayKind::Log),
        Command::News => crate::tui::news::open(app),
        Command::CycleSort => app.sort = app.sort.next(),
        Command::ReverseSort => app.reverse = !app.reverse,
        Command::ToggleUnanswered => toggle_term(app, Quick::Unanswered),
        Command::ToggleOverdue => toggle_term(app, Quick::Overdue),
        Command::ToggleChronology => {
            if app.cache.areas.timeline.is_none() {
                // A narrow terminal shows one pane below the list: the chronology's.
                app.chronology = true;
                app.focus = Pane::Timeline;
            } else {
                app.chronology = !app.chronology;
            }
            app.scroll.set(Pane::Timeline, 0);
        }
        Command::CopyCitation => {
            if let Some(q) = app.selected_index().and_then(|i| app.dossier.question(i)) {
                fx.push(Effect::Copy(ui::citation(app.lang, &q)));
            }
        }
        Command::ToggleReviewed | Command::ToggleFlag | Command::ToggleToSignal => {
            marks::toggle(app, command)
        }
        Command::Scoreboard => app.layers.push(Layer::Scoreboard(Board::new())),
        Command::EditNote => super::note::open(app, fx),
        Command::NextToReview => jump_to_review(app, true),
        Command::PrevToReview => jump_to_review(app, false),
        Command::SwitchDossier => open_switcher(app, fx),
        Command::SaveView => open_save_view(app),
        Command::Export | Command::MarkShownReviewed if app.load.shown == Shown::Preview => {
            show(app, prompts::still_loading(app.lang), MessageKind::Info)
        }
        Command::Export => open_export(app),
        Command::MarkShownReviewed => ask_mark_shown(app),
        Command::GroupCampaigns => {
            app.group_campaigns = !app.group_campaigns;
            related::regroup(app);
            if app.group_campaigns && app.campaign_rows.is_empty() {
                let ready = app.dossier.related.get().is_some();
                show(
                    app,
                    crate::tui::words::related::no_campaign(app.lang, ready),
                    MessageKind::Info,
                );
            }
            hits::keep_selection(app);
            hits::recount(app);
        }
        Command::ToggleCampaign => related::toggle_campaign(app),
        Command::RelatedQuestions => match related::picker(app) {
            Ok(picker) => app.layers.push(Layer::Picker(picker)),
            Err(why) => show(app, why, MessageKind::Info),
        },
        Command::OpenWeb | Command::OpenSource | Command::EditSource => {
            if let Some(q) = app.selected_index().and_then(|i| app.dossier.question(i)) {
                fx.push(Effect::Run(match command {
                    Command::OpenWeb => External::Browser(q.an_url()),
                    Command::OpenSource => External::Pager(q.source.clone()),
                    _ => External::Editor(q.source.clone()),
                }));
            }
        }
        Command::Reload => loading::reload(app, fx),
        Command::Suspend => fx.push(Effect::Suspend),
        Command::Quit => app.quit = true,
        _ => {}
    }
}

/// Opens the dossier switcher; its choices are read in the background.
fn open_switcher(app: &mut App, fx: &mut Vec<Effect>) {
    if !matches!(app.origin, Origin::Library { .. }) && app.views_file.is_none() {
        let text = prompts::no_views_file(app.lang);
        show(app, text, MessageKind::Warning);
        return;
    }
    app.layers.push(Layer::Picker(Chooser {
        kind: PickerKind::Switch,
        picker: Picker::waiting(),
        error: None,
    }));
    fx.push(Effect::ListChoices {
        origin: app.origin.clone(),
        views_file: app.views_file.clone(),
    });
}

fn open_save_view(app: &mut App) {
    let lang = app.lang;
    if !matches!(app.origin, Origin::Library { .. }) && app.views_file.is_none() {
        show(app, prompts::no_views_file(lang), MessageKind::Warning);
        return;
    }
    if app.filter.error.is_some() {
        show(app, ui::words(lang).filter_hint, MessageKind::Warning);
        return;
    }
    if app.filter.text().trim().is_empty() {
        let text = prompts::nothing_to_save(lang);
        show_about(app, text, MessageKind::Warning, About::NothingToSave);
        return;
    }
    app.layers
        .push(Layer::Prompt(Prompt::new(PromptKind::SaveView, "")));
}

fn open_export(app: &mut App) {
    if app.hits.is_empty() {
        let text = prompts::nothing_to_export(app.lang);
        show(app, text, MessageKind::Warning);
        return;
    }
    let choices = dossier_core::export::Format::ALL
        .iter()
        .map(|&f| Choice {
            label: prompts::format_name(app.lang, f).to_string(),
            detail: format!(".{}", f.extension()),
            value: ChoiceValue::Format(f),
        })
        .collect();
    app.layers.push(Layer::Picker(Chooser {
        kind: PickerKind::ExportFormat,
        picker: Picker::over(choices),
        error: None,
    }));
}

/// The file an export is proposed to: in the export folder, named after the dossier and
/// the day; the signalement memo's name says so, apart from the Markdown memo's.
pub fn default_export_path(app: &App, format: dossier_core::export::Format) -> String {
    let name = match &app.origin {
        Origin::Library {
            dossier: Some(d), ..
        } => d.clone(),
        _ => "dossier".to_string(),
    };
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = match (format, &app.origin) {
        (
            dossier_core::export::Format::Signalement,
            Origin::Library {
                dossier: Some(_), ..
            },
        ) => {
            format!("signalement-{slug}")
        }
        (dossier_core::export::Format::Signalement, _) => "signalement".to_string(),
        _ => slug,
    };
    let file = format!(
        "{slug}-{}.{}",
        app.today.format("%Y-%m-%d"),
        format.extension()
    );
    if app.export_dir == std::path::Path::new(".") {
        file
    } else {
        app.export_dir.join(file).display().to_string()
    }
}

fn ask_mark_shown(app: &mut App) {
    let lang = app.lang;
    if let Some(reason) = app.review.read_only_reason() {
        let text = ui::review_read_only(lang, &dossier_core::i18n::review::unusable(lang, reason));
        show(app, text, MessageKind::Warning);
        return;
    }
    let dossier = Arc::clone(&app.dossier);
    let ids: Vec<String> = app
        .shown_hits()
        .iter()
        .filter_map(|h| dossier.rows.get(h.index))
        .filter(|q| !app.review.is_reviewed(&q.id) || app.review.is_changed(*q))
        .map(|q| q.id.to_string())
        .collect();
    if ids.is_empty() {
        show(app, prompts::all_reviewed_already(lang), MessageKind::Info);
        return;
    }
    app.layers.push(Layer::Confirm(Confirm::MarkShown(ids)));
}

/// Shows a saved view: its filter and its sort.
pub fn apply_view(app: &mut App, view: &dossier_core::views::SavedView) {
    if app.filter.set(&view.query) {
        app.scroll.set(Pane::Detail, 0);
    }
    if let Some(sort) = view.sort.as_deref().and_then(|s| s.parse().ok()) {
        app.sort = sort;
    }
    let name = view.name.clone();
    show(
        app,
        prompts::view_applied(app.lang, &name),
        MessageKind::Info,
    );
}

/// Moves in the focused pane: selection in the list, scroll elsewhere.
fn scroll_focused(app: &mut App, step: Step) {
    match app.focus {
        Pane::List => {
            let delta = step.rows(app.list_rows(), app.hits.len());
            hits::move_by(app, delta);
        }
        pane => {
            let (max, page) = pane.room(&app.cache, app.hits.len());
            let to = step.from(app.scroll.get(pane), page, max);
            app.scroll.set(pane, to);
        }
    }
}

/// Opens an overlay.
fn open_overlay(app: &mut App, kind: OverlayKind) {
    app.layers.push(Layer::Overlay(Overlay::new(kind)));
}

/// Adds a term to the filter, or takes it away (`u`, `o`): the list follows the filter.
fn toggle_term(app: &mut App, quick: Quick) {
    let term = terms::term(quick, app.lang);
    let text = terms::toggle(app.filter.text(), &term);
    if app.filter.set(&text) {
        app.scroll.set(Pane::Detail, 0);
    }
}

/// Moves to the next (or previous) shown question to review, wrapping around the list.
fn jump_to_review(app: &mut App, forward: bool) {
    let n = app.hits.len();
    if n == 0 {
        return;
    }
    let found = (1..=n)
        .map(|step| {
            if forward {
                (app.selected + step) % n
            } else {
                (app.selected + n - step % n) % n
            }
        })
        .find(|&p| {
            app.hits
                .get(p)
                .and_then(|h| app.dossier.rows.get(h.index))
                .is_some_and(|q| app.is_to_review(q))
        });
    match found {
        Some(p) => {
            // "Nothing to review" no longer holds.
            clear_if(app, About::NothingToReview);
            hits::select(app, p)
        }
        None => {
            let text = ui::nothing_to_review(app.lang);
            show_about(app, text, MessageKind::Info, About::NothingToReview);
        }
    }
}

fn jump_to_match(app: &mut App, forward: bool) {
    let (max, _) = Pane::Detail.room(&app.cache, app.hits.len());
    let matches = app
        .cache
        .detail
        .as_ref()
        .map(|d| d.1.matches.clone())
        .unwrap_or_default();
    let current = app.scroll.get(Pane::Detail);
    let next = if forward {
        matches.iter().copied().find(|&m| m > current)
    } else {
        matches.iter().rev().copied().find(|&m| m < current)
    };
    // Wrap around, as search in a pager does.
    let next = next.or_else(|| {
        if forward {
            matches.first().copied()
        } else {
            matches.last().copied()
        }
    });
    match next {
        Some(line) => {
            app.scroll.set(Pane::Detail, line.min(max));
            if app.cache.areas.detail.is_some() && app.focus == Pane::List {
                app.focus = Pane::Detail;
            }
        }
        None => {
            let text = ui::no_more_matches(app.lang);
            show(app, text, MessageKind::Info);
        }
    }
}

fn pane_at(app: &App, x: u16, y: u16) -> Option<(Pane, Rect)> {
    let areas = app.cache.areas;
    let at = Position::new(x, y);
    [
        (Pane::List, areas.list),
        (Pane::Detail, areas.detail),
        (Pane::Timeline, areas.timeline),
    ]
    .into_iter()
    .find_map(|(pane, r)| r.filter(|r| r.contains(at)).map(|r| (pane, r)))
}
