//! The viewer's side of related questions: installing the relations once found, grouping
//! the list by campaign, and going to a related question.

use super::app::layers::{Choice, ChoiceValue, Chooser, PickerKind};
use super::app::{App, CampaignRow, MessageKind};
use super::panes::Pane;
use super::widgets::picker::Picker;
use crate::tui::words::related as words;
use dossier_core::model::Status;
use dossier_core::query::Hit;
use dossier_core::related::RelatedSet;
use std::collections::HashMap;
use std::sync::Arc;

/// No campaign, in [`App::campaign_of`].
pub const NONE: u32 = u32::MAX;

/// The relations of the dossier shown are found: kept with it, each question's campaign
/// noted. Returns true when they were taken (the load is still the one shown).
pub fn install(app: &mut App, related: RelatedSet) -> bool {
    if related.len() != app.dossier.len() || app.dossier.related.get().is_some() {
        return false;
    }
    let mut campaign_of = vec![NONE; related.len()];
    for group in related.campaigns() {
        let key = group[0];
        for i in group {
            if let Some(c) = campaign_of.get_mut(i as usize) {
                *c = key;
            }
        }
    }
    app.campaign_of = Arc::new(campaign_of);
    app.dossier.related.set(related).is_ok()
}

/// Rebuilds the rows of the list from what the filter keeps: as they are, or, grouped by
/// campaign, one row per campaign (its first question in the order shown) followed, when
/// it is open, by its other questions.
pub fn regroup(app: &mut App) {
    app.campaign_rows.clear();
    let all = match app.ungrouped.take() {
        Some(all) => all,
        None => app.hits.take(),
    };
    if !app.group_campaigns || app.campaign_of.is_empty() {
        app.hits.set(all);
        return;
    }
    let campaign = |h: &Hit| app.campaign_of.get(h.index).copied().unwrap_or(NONE);
    let mut members: HashMap<u32, Vec<Hit>> = HashMap::new();
    for h in &all {
        let c = campaign(h);
        if c != NONE {
            members.entry(c).or_default().push(*h);
        }
    }
    let mut rows = Vec::with_capacity(all.len());
    for h in &all {
        let c = campaign(h);
        let Some(group) = members.get(&c).filter(|g| c != NONE && g.len() >= 2) else {
            rows.push(*h);
            continue;
        };
        if group[0].index != h.index {
            continue; // Under its head.
        }
        let status = |s: Status| {
            group
                .iter()
                .filter(|m| app.dossier.rows.get(m.index).is_some_and(|q| q.status == s))
                .count()
        };
        let expanded = app.expanded.contains(&c);
        app.campaign_rows.insert(
            h.index,
            CampaignRow::Head {
                key: c,
                count: group.len(),
                pending: status(Status::Pending),
                answered: status(Status::Answered),
                expanded,
            },
        );
        rows.push(*h);
        if expanded {
            for (k, m) in group[1..].iter().enumerate() {
                let last = k + 2 == group.len();
                app.campaign_rows
                    .insert(m.index, CampaignRow::Member { last });
                rows.push(*m);
            }
        }
    }
    app.ungrouped = Some(all);
    app.hits.set(rows);
}

/// The selected row's campaign opened or closed; the selection stays on the campaign.
pub fn toggle_campaign(app: &mut App) {
    let Some(i) = app.selected_index() else {
        return;
    };
    let Some(&key) = app.campaign_of.get(i).filter(|&&k| k != NONE) else {
        return;
    };
    if !app.expanded.remove(&key) {
        app.expanded.insert(key);
    }
    regroup(app);
    // On the head once closed; on the same question once opened.
    let keep = match app.campaign_rows.get(&i) {
        Some(_) => i,
        None => app
            .hits
            .iter()
            .find(|h| app.campaign_of.get(h.index) == Some(&key))
            .map_or(i, |h| h.index),
    };
    select_index(app, keep);
}

/// Selects the row of the question at position `i` of the dossier, when shown.
pub fn select_index(app: &mut App, i: usize) -> bool {
    match app.hits.iter().position(|h| h.index == i) {
        Some(row) => {
            app.selected = row;
            app.selected_id = app.dossier.rows.get(i).map(|q| q.id.to_string());
            app.scroll.reset();
            true
        }
        None => false,
    }
}

/// The picker of the selected question's related questions.
pub fn picker(app: &App) -> Result<Chooser, &'static str> {
    let lang = app.lang;
    let (Some(i), Some(q)) = (app.selected_index(), app.selected_question()) else {
        return Err(words::none_related(lang, true));
    };
    let Some(set) = app.dossier.related.get() else {
        return Err(words::none_related(lang, false));
    };
    let choices: Vec<Choice> = set
        .distinct(i)
        .into_iter()
        .filter_map(|r| {
            let other = app.dossier.related_record(r.index as usize)?;
            let outside = r.index as usize >= app.dossier.len();
            Some(Choice {
                label: format!("{} · {}", other.id(), other.author()),
                detail: format!(
                    "{} · {} · {}{}",
                    words::reason(lang, r.reason),
                    words::percent(lang, r.similarity),
                    crate::tui::words::ui::status(lang, other.status()),
                    if outside {
                        format!(" · {}", words::outside(lang))
                    } else {
                        String::new()
                    }
                ),
                value: ChoiceValue::Question(other.id().to_string()),
            })
        })
        .collect();
    if choices.is_empty() {
        return Err(words::none_related(lang, true));
    }
    Ok(Chooser {
        kind: PickerKind::Related(q.id.to_string()),
        picker: Picker::over(choices),
        error: None,
    })
}

/// Goes to the question `id`, related to `from`: selected where it is shown (its campaign
/// opened if need be); else the filter becomes `similar:FROM`, which shows it, and it is
/// selected once the list is there. Returns the message to show, if any.
pub fn go_to(app: &mut App, from: &str, id: &str) -> Option<(String, MessageKind)> {
    let Some(&i) = app.dossier.by_id.get(id) else {
        // In the library, not in this dossier.
        return Some((words::not_in_dossier(app.lang, id), MessageKind::Info));
    };
    if select_index(app, i) {
        return None;
    }
    if app.shown_hits().iter().any(|h| h.index == i) {
        // In a closed campaign.
        if let Some(&key) = app.campaign_of.get(i) {
            app.expanded.insert(key);
        }
        regroup(app);
        select_index(app, i);
        return None;
    }
    let query = super::terms::similar(from, app.lang);
    app.filter.set(&query);
    app.scroll.set(Pane::Detail, 0);
    app.selected_id = Some(id.to_string());
    Some((words::filter_widened(app.lang, &query), MessageKind::Info))
}
