//! One question's facts, the same whatever form it is written in: dates and events, title,
//! texts, and the edits of a campaign's copy.

use crate::plan::{days_between, tuesday, Deputy, Person, Plan};
use crate::prose::{
    answer_blocks, closing_sentence, fill, guard_colons, map_text, opening_sentence,
    question_blocks, question_sentence, typographic, Block, Ctx, Piece, Sentence,
};
use crate::rng::Rng;
use crate::vocabulary::{title_head, DOMAINS, TITLE_AREAS, TITLE_CHALLENGES};
use crate::words::{bare, headline, lower_first};
use crate::world::{
    a_town, group_organe, minister_female, minister_title, ymd, DEPARTMENTS, GROUPS, LEGISLATURES,
};
use chrono::{Datelike, Duration, NaiveDate};
use dossier_core::model::{EventKind, Status};

/// One dated line: label, date, JO page, note.
#[derive(Debug, Clone)]
pub(crate) struct Dated {
    pub(crate) kind: EventKind,
    pub(crate) label: &'static str,
    pub(crate) date: NaiveDate,
    pub(crate) page: Option<u32>,
    pub(crate) note: Option<&'static str>,
}

/// Everything a question says, before it is written as text or JSON.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    pub(crate) leg: usize,
    pub(crate) number: u32,
    pub(crate) seed: u64,
    pub(crate) title: String,
    pub(crate) person: Person,
    pub(crate) deputy: Deputy,
    pub(crate) author: String,
    pub(crate) rubric: &'static str,
    pub(crate) head: Option<&'static str>,
    pub(crate) asked: usize,
    pub(crate) assigned: usize,
    pub(crate) reassigned: bool,
    pub(crate) status: Status,
    pub(crate) withdrawal_code: Option<&'static str>,
    pub(crate) question: Vec<Block>,
    pub(crate) answer: Vec<Block>,
    pub(crate) events: Vec<Dated>,
    pub(crate) campaign: Option<u32>,
    pub(crate) answer_group: Option<u32>,
    pub(crate) topic_group: Option<u32>,
    pub(crate) edits: Vec<&'static str>,
}

impl Facts {
    pub(crate) fn legislature(&self) -> u16 {
        LEGISLATURES[self.leg].0
    }
    pub(crate) fn id(&self) -> String {
        format!("{}-{}QE", self.legislature(), self.number)
    }
    pub(crate) fn uid(&self) -> String {
        format!("QANR5L{}QE{}", self.legislature(), self.number)
    }
    pub(crate) fn group(&self) -> (&'static str, &'static str, u32) {
        let (name, abbrev, _) = GROUPS[self.deputy.leg][self.deputy.group];
        (
            name,
            abbrev,
            group_organe(self.deputy.leg, self.deputy.group),
        )
    }
    pub(crate) fn published(&self) -> NaiveDate {
        self.events[0].date
    }
    pub(crate) fn event(&self, kind: EventKind) -> Option<&Dated> {
        self.events.iter().find(|e| e.kind == kind)
    }
}

/// A JO page for a date (pages run through the year).
pub(crate) fn jo_page(date: NaiveDate, salt: u64) -> u32 {
    date.ordinal() * 28 + (salt % 28) as u32 + 1
}

/// The first page of the answers in the JO of a date: every answer of one issue shares it.
pub(crate) fn answers_page(date: NaiveDate) -> u32 {
    date.ordinal() * 28 + 9
}

pub(crate) fn make_title(rng: &mut Rng, ctx: &Ctx, with_place: bool) -> String {
    let d = ctx.domain;
    let subject = &ctx.subject;
    let head = title_head(rng, subject);
    let place = if rng.chance(0.3) {
        a_town(DEPARTMENTS[ctx.dept].4)
    } else {
        DEPARTMENTS[ctx.dept].3.to_string()
    };
    let stake = *rng.pick(d.stakes);
    let area = *rng.pick(TITLE_AREAS);
    let challenge = *rng.pick(TITLE_CHALLENGES);
    let named = headline(&bare(subject));
    match rng.below(20) {
        0 => format!("{head} {subject}"),
        1..=3 => format!("{head} {subject} {area}"),
        4..=5 => format!("{head} {subject} et {}", lower_first(&headline(stake))),
        6..=8 if with_place && rng.chance(0.5) => {
            format!("{named} : {} {place}", lower_first(head))
        }
        6..=8 => format!("{named} : {} {area}", lower_first(head)),
        9..=12 if with_place => format!("{head} {subject} {place}"),
        9..=12 => format!("{head} {subject} {challenge}"),
        13..=14 if with_place => format!("{} {place}", headline(stake)),
        13..=14 => format!("{} {area}", headline(stake)),
        15..=16 => format!("{head} {subject} {challenge}"),
        17 => format!("{named} : {}", lower_first(&headline(stake))),
        _ if with_place => format!("{named} {place} : {}", lower_first(&headline(stake))),
        _ => format!("{named} {challenge} : {}", lower_first(&headline(stake))),
    }
}

/// Swaps two neighbouring words inside a sentence; false when none can be swapped.
pub(crate) fn swap_words(rng: &mut Rng, sentence: &mut Sentence) -> bool {
    let [Piece::Text(t)] = sentence.as_mut_slice() else {
        return false;
    };
    let mut words: Vec<String> = t.split(' ').map(str::to_string).collect();
    let plain = |w: &str| w.len() >= 3 && w.chars().all(|c| c.is_alphabetic());
    let candidates: Vec<usize> = (1..words.len().saturating_sub(2))
        .filter(|&k| plain(&words[k]) && plain(&words[k + 1]) && words[k] != words[k + 1])
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let k = *rng.pick(&candidates);
    words.swap(k, k + 1);
    *t = words.join(" ");
    true
}

/// The edits a campaign copy makes to the base text.
pub(crate) fn edit_copy(
    rng: &mut Rng,
    ctx: &Ctx,
    blocks: &mut Vec<Block>,
    edits: &mut Vec<&'static str>,
) {
    let paras = |blocks: &mut Vec<Block>| -> Vec<usize> {
        (0..blocks.len())
            .filter(|&i| matches!(blocks[i], Block::Para(_)))
            .collect()
    };
    if rng.chance(0.3) {
        if let Some(Block::Para(p)) = blocks.first_mut() {
            p[0] = opening_sentence(rng, ctx);
            edits.push("opening");
        }
    }
    // A copy keeps most of the base text: three content edits at most.
    let room = |edits: &Vec<&'static str>| {
        edits
            .iter()
            .filter(|e| !matches!(**e, "author" | "minister"))
            .count()
            < 3
    };
    if rng.chance(0.5) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        let last = at == blocks.len() - 1;
        if let Block::Para(p) = &mut blocks[at] {
            // Not before the opening, not after the closing.
            let lo = usize::from(at == 0);
            let hi = if last { p.len() - 1 } else { p.len() };
            if hi >= lo {
                let k = rng.range(lo as i64, hi as i64) as usize;
                p.insert(k, question_sentence(rng, ctx, true));
                edits.push("added_sentence");
            }
        }
    }
    if rng.chance(0.4) && room(edits) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        let last = at == blocks.len() - 1;
        if let Block::Para(p) = &mut blocks[at] {
            let lo = usize::from(at == 0);
            let hi = if last {
                p.len() as i64 - 2
            } else {
                p.len() as i64 - 1
            };
            if hi >= lo as i64 {
                let k = rng.range(lo as i64, hi) as usize;
                let new = question_sentence(rng, ctx, true);
                if new != p[k] {
                    p[k] = new;
                    edits.push("changed_sentence");
                }
            }
        }
    }
    if rng.chance(0.3) && room(edits) {
        let list = paras(blocks);
        let at = *rng.pick(&list);
        if let Block::Para(p) = &mut blocks[at] {
            let k = rng.below(p.len() as u64) as usize;
            if !(at == 0 && k == 0) && swap_words(rng, &mut p[k]) {
                edits.push("reordered_words");
            }
        }
    }
    if blocks.len() >= 3 && rng.chance(0.2) && room(edits) {
        let k = rng.range(1, blocks.len() as i64 - 2) as usize;
        blocks.remove(k);
        edits.push("dropped_paragraph");
    }
    if rng.chance(0.25) && room(edits) {
        if let Some(Block::Para(p)) = blocks.last_mut() {
            if let Some(last) = p.last_mut() {
                let new = closing_sentence(rng, ctx);
                if new != *last {
                    *last = new;
                    edits.push("closing");
                }
            }
        }
    }
}

pub(crate) fn facts(plan: &Plan, index: usize) -> Facts {
    let slot = &plan.slots[index];
    let mut rng = Rng::new(slot.seed);
    let deputy = plan.deputies[slot.deputy as usize].clone();
    let person = plan.persons[deputy.person as usize].clone();
    let civility = if person.female { "Mme" } else { "M." };
    let author = format!("{civility} {} {}", person.first, person.last);
    let domain = &DOMAINS[slot.domain];
    let (_, start, end, _, _) = LEGISLATURES[slot.leg];
    let (_start, end) = (ymd(start), ymd(end));
    let mut ctx = Ctx {
        domain,
        subject: String::new(),
        dept: deputy.dept,
        female: person.female,
        author: author.clone(),
        minister: minister_title(slot.asked, minister_female(slot.asked, slot.leg)),
    };
    ctx.subject = fill(domain.subjects[slot.subject], &ctx, &mut rng);

    let typographic_question = rng.chance(0.3);
    let mut edits = Vec::new();
    let campaign = slot.campaign.map(|c| &plan.campaigns[c as usize]);
    let (rubric, head, mut title, mut question) = match campaign {
        Some(c) => {
            // The base text, regenerated from the campaign's seed with this copy's author,
            // minister and département, then this copy's edits.
            let mut base = Rng::new(c.seed);
            let rubric = *base.pick_zipf(domain.rubrics);
            let head = *base.pick_zipf(domain.heads);
            let base_title = make_title(&mut base, &ctx, false);
            // Three paragraphs or more: a copy keeps most of the base text.
            let target = base.length(1300, 3200);
            let mut blocks = question_blocks(&mut base, &ctx, target);
            edits.push("author");
            if slot.asked != c.ministry {
                edits.push("minister");
            }
            edit_copy(&mut rng, &ctx, &mut blocks, &mut edits);
            let title = if rng.chance(0.6) {
                base_title
            } else {
                edits.push("title");
                make_title(&mut rng, &ctx, true)
            };
            (rubric, head, title, blocks)
        }
        None => {
            let rubric = *rng.pick_zipf(domain.rubrics);
            let head = *rng.pick_zipf(domain.heads);
            let title = make_title(&mut rng, &ctx, true);
            let target = rng.length(300, 3000);
            (rubric, head, title, question_blocks(&mut rng, &ctx, target))
        }
    };
    let head = rng.chance(0.8).then_some(head);
    if typographic_question {
        title = typographic(&title);
        map_text(&mut question, &typographic);
    }
    guard_colons(&mut question);

    let mut answer = Vec::new();
    if slot.status == Status::Answered {
        match slot.answer_group {
            Some(g) => {
                let group = &plan.answer_groups[g as usize];
                let lead = &plan.slots[group.members[0] as usize];
                let lead_domain = &DOMAINS[lead.domain];
                let mut grng = Rng::new(group.seed);
                let mut gctx = Ctx {
                    domain: lead_domain,
                    subject: String::new(),
                    dept: plan.deputies[lead.deputy as usize].dept,
                    female: false,
                    author: String::new(),
                    minister: String::new(),
                };
                gctx.subject = fill(lead_domain.subjects[lead.subject], &gctx, &mut grng);
                let typo = grng.chance(0.3);
                let target = grng.length(500, 4000);
                answer = answer_blocks(&mut grng, &gctx, target, true);
                if typo {
                    map_text(&mut answer, &typographic);
                }
            }
            None => {
                let typo = rng.chance(0.3);
                let target = rng.length(400, 5000);
                answer = answer_blocks(&mut rng, &ctx, target, false);
                if typo {
                    map_text(&mut answer, &typographic);
                }
            }
        }
        guard_colons(&mut answer);
    }

    // Dates: publication and closing from the plan, the rest in between.
    let published = slot.published;
    let closing = slot.closing;
    let mut events = vec![Dated {
        kind: EventKind::QuestionPublished,
        label: "Question publiée au JO le",
        date: published,
        page: Some(jo_page(published, slot.seed)),
        note: None,
    }];
    match slot.status {
        Status::Answered => events.push(Dated {
            kind: EventKind::AnswerPublished,
            label: "Réponse publiée au JO le",
            date: closing,
            page: Some(answers_page(closing) + (slot.seed >> 8) as u32 % 40),
            note: None,
        }),
        Status::Withdrawn => events.push(Dated {
            kind: EventKind::Withdrawn,
            label: "Question retirée le",
            date: closing,
            page: None,
            note: slot.withdrawal.map(|w| w.0),
        }),
        Status::Pending => {}
    }
    let window = days_between(published, closing);
    let between = |rng: &mut Rng| {
        let d = published + Duration::days(rng.range(1, window.max(2) - 1));
        let t = tuesday(d, closing - Duration::days(1));
        if t > published && t < closing {
            t
        } else {
            d
        }
    };
    let mut reassigned = slot.reassigned;
    if window > 3 {
        if reassigned {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::AttributionChanged,
                label: "Date de changement d'attribution",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.04) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::Signaled,
                label: "Date de signalement",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.05) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::Renewed,
                label: "Date de renouvellement",
                date,
                page: None,
                note: None,
            });
        }
        if rng.chance(0.02) {
            let date = between(&mut rng);
            events.push(Dated {
                kind: EventKind::ErratumQuestion,
                label: "Erratum de la question publié au JO le",
                date,
                page: Some(jo_page(date, slot.seed >> 3)),
                note: None,
            });
        }
    } else {
        reassigned = false;
    }
    if slot.status == Status::Answered && rng.chance(0.03) {
        let date = tuesday(
            closing + Duration::days(rng.range(7, 40)),
            end + Duration::days(60),
        );
        events.push(Dated {
            kind: EventKind::ErratumAnswer,
            label: "Erratum de la réponse publié au JO le",
            date,
            page: Some(jo_page(date, slot.seed >> 5)),
            note: None,
        });
    }
    // Stable: equal dates keep the order above, as the parser's stable sort does.
    events.sort_by_key(|d| d.date);

    Facts {
        leg: slot.leg,
        number: slot.number,
        seed: slot.seed,
        title,
        person,
        deputy,
        author,
        rubric,
        head,
        asked: slot.asked,
        assigned: slot.assigned,
        reassigned,
        status: slot.status,
        withdrawal_code: slot.withdrawal.map(|w| w.1),
        question,
        answer,
        events,
        campaign: slot.campaign,
        answer_group: slot.answer_group,
        topic_group: slot.topic_group,
        edits,
    }
}
