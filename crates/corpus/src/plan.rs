//! The plan: deputies, and every question's place, date, author, subject, ministries, status
//! and groups (campaigns, grouped answers, topic groups), fixed before the documents are
//! rendered in parallel.

use crate::rng::Rng;
use crate::vocabulary::{Domain, DOMAINS, WITHDRAWAL_REASONS};
use crate::world::{
    ymd, DEPARTMENTS, FIRST_NAMES_F, FIRST_NAMES_M, GROUPS, LAST_NAMES, LEGISLATURES, MINISTRIES,
};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier_core::model::Status;
use std::collections::{HashMap, HashSet};

/// A deputy as a person, across legislatures.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// `PA…` number.
    pub(crate) pa: u32,
    pub(crate) female: bool,
    pub(crate) first: &'static str,
    pub(crate) last: &'static str,
    pub(crate) born: NaiveDate,
    /// Indices into [`Plan::deputies`]: one seat per legislature served.
    pub(crate) seats: Vec<u32>,
}

/// A seat held in one legislature.
#[derive(Debug, Clone)]
pub(crate) struct Deputy {
    pub(crate) person: u32,
    pub(crate) leg: usize,
    pub(crate) dept: usize,
    pub(crate) seat: u32,
    pub(crate) group: usize,
    /// `PM…` of the ASSEMBLEE mandat, and of the group mandat.
    pub(crate) mandat: u32,
    pub(crate) gp_mandat: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub(crate) leg: usize,
    pub(crate) number: u32,
    pub(crate) published: NaiveDate,
    pub(crate) deputy: u32,
    pub(crate) domain: usize,
    pub(crate) subject: usize,
    pub(crate) asked: usize,
    pub(crate) assigned: usize,
    /// A "Date de changement d'attribution" line.
    pub(crate) reassigned: bool,
    pub(crate) status: Status,
    /// Answer or withdrawal date; the legislature's end when pending.
    pub(crate) closing: NaiveDate,
    /// Withdrawal note and closure code.
    pub(crate) withdrawal: Option<(&'static str, &'static str)>,
    pub(crate) campaign: Option<u32>,
    pub(crate) answer_group: Option<u32>,
    pub(crate) topic_group: Option<u32>,
    pub(crate) seed: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct Campaign {
    pub(crate) seed: u64,
    pub(crate) domain: usize,
    pub(crate) subject: usize,
    pub(crate) ministry: usize,
    /// Slot indices, in publication order.
    pub(crate) members: Vec<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct AnswerGroup {
    pub(crate) seed: u64,
    pub(crate) date: NaiveDate,
    pub(crate) ministry: usize,
    pub(crate) campaign: Option<u32>,
    pub(crate) members: Vec<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct TopicGroup {
    pub(crate) domain: usize,
    pub(crate) subject: usize,
    pub(crate) members: Vec<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) n: usize,
    pub(crate) seed: u64,
    pub(crate) persons: Vec<Person>,
    pub(crate) deputies: Vec<Deputy>,
    /// In legislature, then number order.
    pub(crate) slots: Vec<Slot>,
    pub(crate) campaigns: Vec<Campaign>,
    pub(crate) answer_groups: Vec<AnswerGroup>,
    pub(crate) topic_groups: Vec<TopicGroup>,
}

/// The Tuesday on or after `date` (the JO des questions comes out on Tuesdays), or the one
/// before when that falls after `last`.
pub(crate) fn tuesday(date: NaiveDate, last: NaiveDate) -> NaiveDate {
    let ahead = (7 + Weekday::Tue.num_days_from_monday() as i64
        - date.weekday().num_days_from_monday() as i64)
        % 7;
    let next = date + Duration::days(ahead);
    if next <= last {
        next
    } else {
        next - Duration::days(7)
    }
}

pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// Campaign sizes: 2 to 60, P(k) proportional to 1/k².
pub(crate) fn campaign_size(rng: &mut Rng) -> usize {
    let total: f64 = (2..=60).map(|k| 1.0 / (k * k) as f64).sum();
    let mut u = rng.unit() * total;
    for k in 2..=60 {
        u -= 1.0 / (k * k) as f64;
        if u <= 0.0 {
            return k;
        }
    }
    60
}

pub(crate) fn weighted(rng: &mut Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u64 = weights.clone().map(u64::from).sum();
    let mut w = rng.below(total.max(1));
    for (i, x) in weights.enumerate() {
        if w < u64::from(x) {
            return i;
        }
        w -= u64::from(x);
    }
    0
}

pub(crate) fn build_deputies(rng: &mut Rng) -> (Vec<Person>, Vec<Deputy>) {
    let mut persons: Vec<Person> = Vec::new();
    let mut deputies: Vec<Deputy> = Vec::new();
    let mut names: HashSet<(&str, &str)> = HashSet::new();
    let mut previous: HashMap<(usize, u32), u32> = HashMap::new();
    let mut next_pm = 800_001u32;
    for (leg, groups) in GROUPS.iter().enumerate() {
        let mut current = HashMap::new();
        for (d, dept) in DEPARTMENTS.iter().enumerate() {
            for seat in 1..=dept.2 {
                let person = match previous.get(&(d, seat)) {
                    Some(&p) if rng.chance(0.45) => p,
                    _ => {
                        let female = rng.chance(0.38);
                        let mut name = ("", "");
                        for _ in 0..40 {
                            let first = if female {
                                *rng.pick(FIRST_NAMES_F)
                            } else {
                                *rng.pick(FIRST_NAMES_M)
                            };
                            name = (first, *rng.pick(LAST_NAMES));
                            if !names.contains(&name) {
                                break;
                            }
                        }
                        names.insert(name);
                        let born = ymd((1945, 1, 1)) + Duration::days(rng.range(0, 50 * 365));
                        persons.push(Person {
                            pa: 700_001 + persons.len() as u32 * 13,
                            female,
                            first: name.0,
                            last: name.1,
                            born,
                            seats: Vec::new(),
                        });
                        persons.len() as u32 - 1
                    }
                };
                let group = weighted(rng, groups.iter().map(|g| g.2));
                persons[person as usize].seats.push(deputies.len() as u32);
                deputies.push(Deputy {
                    person,
                    leg,
                    dept: d,
                    seat,
                    group,
                    mandat: next_pm,
                    gp_mandat: next_pm + 1,
                });
                next_pm += 2;
                current.insert((d, seat), person);
            }
        }
        previous = current;
    }
    (persons, deputies)
}

/// A subject index of a domain; for a group, one that names no town.
pub(crate) fn pick_subject(rng: &mut Rng, domain: &Domain, group: bool) -> usize {
    for _ in 0..8 {
        let s = rng.zipf(domain.subjects.len());
        if !group || !domain.subjects[s].contains('{') {
            return s;
        }
    }
    0
}

/// Subjects of the news, written about by many deputies separately.
pub(crate) const HOT_SUBJECTS: &[&str] = &[
    "des pénuries de médicaments",
    "du dispositif Asalée",
    "du prix du lait",
    "des déserts médicaux",
    "des accompagnants d'élèves en situation de handicap",
    "du dispositif MaPrimeRénov'",
    "des petites lignes ferroviaires",
    "de la prédation du loup",
    "des secrétaires de mairie",
];

/// A (domain, subject) of [`HOT_SUBJECTS`].
pub(crate) fn hot_subject(rng: &mut Rng) -> (usize, usize) {
    let wanted = rng.pick_str(HOT_SUBJECTS);
    DOMAINS
        .iter()
        .enumerate()
        .find_map(|(d, domain)| {
            domain
                .subjects
                .iter()
                .position(|s| *s == wanted)
                .map(|s| (d, s))
        })
        .unwrap_or((0, 0))
}

pub(crate) fn other_ministry(rng: &mut Rng, domain: &Domain, not: usize) -> usize {
    let candidates: Vec<usize> = domain
        .ministries
        .iter()
        .copied()
        .filter(|&m| m != not)
        .collect();
    if !candidates.is_empty() && rng.chance(0.7) {
        *rng.pick(&candidates)
    } else {
        let m = rng.below(MINISTRIES.len() as u64) as usize;
        if m == not {
            (m + 1) % MINISTRIES.len()
        } else {
            m
        }
    }
}

pub(crate) fn plan(n: usize, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let (persons, deputies) = build_deputies(&mut rng);
    let mut by_leg: Vec<Vec<u32>> = vec![Vec::new(); LEGISLATURES.len()];
    for (i, d) in deputies.iter().enumerate() {
        by_leg[d.leg].push(i as u32);
    }
    // Activity: a few deputies ask far more questions than the others.
    for seats in &mut by_leg {
        for i in (1..seats.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            seats.swap(i, j);
        }
    }
    let pick_deputy = |rng: &mut Rng, leg: usize| -> u32 {
        let seats = &by_leg[leg];
        if rng.chance(0.5) {
            seats[rng.zipf(seats.len())]
        } else {
            *rng.pick(seats)
        }
    };

    // Questions per legislature.
    let total_weight: u64 = LEGISLATURES.iter().map(|l| l.3).sum();
    let mut per_leg = [0usize; 4];
    for _ in 0..n {
        per_leg[weighted(&mut rng, LEGISLATURES.iter().map(|l| l.3 as u32))] += 1;
    }
    debug_assert_eq!(per_leg.iter().sum::<usize>(), n, "{total_weight}");

    let mut slots: Vec<Slot> = Vec::with_capacity(n);
    let mut campaigns: Vec<Campaign> = Vec::new();
    let mut topic_groups: Vec<TopicGroup> = Vec::new();
    for (leg, &count) in per_leg.iter().enumerate() {
        let (_, start, end, _, _) = LEGISLATURES[leg];
        let (start, end) = (ymd(start), ymd(end));
        let span = days_between(start, end);
        let first_slot = slots.len();
        let mut made = 0;
        while made < count {
            let r = rng.unit();
            let mut size = if r < 0.03 {
                campaign_size(&mut rng)
            } else if r < 0.06 {
                rng.range(2, 6) as usize
            } else {
                1
            };
            size = size.min(count - made);
            let campaign = r < 0.03 && size >= 2;
            let topic_group = !campaign && r < 0.06 && size >= 2;
            if !campaign && !topic_group {
                size = 1;
            }
            let (domain, subject) = if topic_group && rng.chance(0.3) {
                // Subjects many deputies write about on their own, as the seeds' Asalée.
                hot_subject(&mut rng)
            } else {
                let domain = weighted(&mut rng, DOMAINS.iter().map(|d| d.weight));
                (domain, pick_subject(&mut rng, &DOMAINS[domain], size > 1))
            };
            let ministry = DOMAINS[domain].ministries[rng.zipf(DOMAINS[domain].ministries.len())];
            let day0 = rng.below(span as u64) as i64;
            let spread = if campaign {
                rng.range(0, 42)
            } else if topic_group {
                150
            } else {
                0
            };
            let unit_id = if campaign {
                campaigns.push(Campaign {
                    seed: rng.next_u64(),
                    domain,
                    subject,
                    ministry,
                    members: Vec::new(),
                });
                Some(campaigns.len() as u32 - 1)
            } else if topic_group {
                topic_groups.push(TopicGroup {
                    domain,
                    subject,
                    members: Vec::new(),
                });
                Some(topic_groups.len() as u32 - 1)
            } else {
                None
            };
            let mut authors: HashSet<u32> = HashSet::new();
            for _ in 0..size {
                let mut deputy = pick_deputy(&mut rng, leg);
                while !authors.insert(deputy) {
                    deputy = *rng.pick(&by_leg[leg]);
                }
                let offset = (day0 + rng.range(0, spread)).min(span - 1);
                let published = tuesday(start + Duration::days(offset), end - Duration::days(1));
                let asked = if campaign && rng.chance(0.15) {
                    other_ministry(&mut rng, &DOMAINS[domain], ministry)
                } else if campaign || topic_group {
                    ministry
                } else {
                    DOMAINS[domain].ministries[rng.zipf(DOMAINS[domain].ministries.len())]
                };
                slots.push(Slot {
                    leg,
                    number: 0,
                    published,
                    deputy,
                    domain,
                    subject,
                    asked,
                    assigned: asked,
                    reassigned: false,
                    status: Status::Pending,
                    closing: end,
                    withdrawal: None,
                    campaign: if campaign { unit_id } else { None },
                    answer_group: None,
                    topic_group: if topic_group { unit_id } else { None },
                    seed: rng.next_u64(),
                });
            }
            made += size;
        }
        // Numbers grow with time, with gaps (other kinds of questions, withdrawn drafts).
        slots[first_slot..].sort_by_key(|s| (s.published, s.seed));
        let mut number = 0u32;
        for s in &mut slots[first_slot..] {
            number += rng.range(1, 3) as u32;
            s.number = number;
        }
        // Status, ministry assigned and closing date.
        let last_leg = leg == LEGISLATURES.len() - 1;
        for s in &mut slots[first_slot..] {
            let room = days_between(s.published, end).max(1);
            let roll = rng.below(100);
            if roll < 12 {
                s.assigned = other_ministry(&mut rng, &DOMAINS[s.domain], s.asked);
                s.reassigned = true;
            } else if roll < 15 {
                s.assigned = other_ministry(&mut rng, &DOMAINS[s.domain], s.asked);
            }
            let roll = rng.below(100);
            if roll < 56 {
                let delay = rng.length(20, 600) as i64;
                let date = tuesday(s.published + Duration::days(delay), end);
                if date > s.published && days_between(s.published, date) <= room {
                    s.status = Status::Answered;
                    s.closing = date;
                } else if !last_leg {
                    s.status = Status::Withdrawn;
                    s.closing = end + Duration::days(1);
                    s.withdrawal = Some(("Fin de mandat", "FIN_MANDAT"));
                }
            } else if roll < 90 {
                // Pending until the end of the legislature.
            } else if !last_leg && rng.chance(0.7) {
                s.status = Status::Withdrawn;
                s.closing = end + Duration::days(1);
                s.withdrawal = Some(("Fin de mandat", "FIN_MANDAT"));
            } else if room > 2 {
                s.status = Status::Withdrawn;
                s.closing = s.published + Duration::days(rng.range(1, room.min(400) - 1));
                s.withdrawal = Some(*rng.pick(WITHDRAWAL_REASONS));
            }
        }
    }
    for (i, s) in slots.iter().enumerate() {
        if let Some(c) = s.campaign {
            campaigns[c as usize].members.push(i as u32);
        }
        if let Some(t) = s.topic_group {
            topic_groups[t as usize].members.push(i as u32);
        }
    }

    // Grouped answers: a campaign's questions answered together...
    let mut answer_groups: Vec<AnswerGroup> = Vec::new();
    for (c, campaign) in campaigns.iter().enumerate() {
        if !rng.chance(0.55) {
            continue;
        }
        let leg = slots[campaign.members[0] as usize].leg;
        let end = ymd(LEGISLATURES[leg].2);
        let last = campaign
            .members
            .iter()
            .map(|&m| slots[m as usize].published)
            .max()
            .unwrap_or(end);
        let date = tuesday(last + Duration::days(rng.length(20, 300) as i64), end);
        // No answer after the legislature's last day (the corpus's "today" for the 17th).
        if date <= last || date > end {
            continue;
        }
        let members: Vec<u32> = campaign
            .members
            .iter()
            .copied()
            .filter(|_| rng.chance(0.85))
            .collect();
        if members.len() < 2 {
            continue;
        }
        let id = answer_groups.len() as u32;
        for &m in &members {
            let s = &mut slots[m as usize];
            s.status = Status::Answered;
            s.closing = date;
            s.withdrawal = None;
            s.answer_group = Some(id);
            s.reassigned = s.asked != campaign.ministry && rng.chance(0.7);
            s.assigned = campaign.ministry;
        }
        answer_groups.push(AnswerGroup {
            seed: rng.next_u64(),
            date,
            ministry: campaign.ministry,
            campaign: Some(c as u32),
            members,
        });
    }
    // ... and unrelated questions of one ministry answered on one date.
    let mut buckets: std::collections::BTreeMap<(usize, usize), Vec<u32>> = Default::default();
    for (i, s) in slots.iter().enumerate() {
        if s.status == Status::Answered && s.answer_group.is_none() && s.campaign.is_none() {
            buckets
                .entry((s.leg, s.assigned))
                .or_default()
                .push(i as u32);
        }
    }
    for members in buckets.values_mut() {
        members.sort_by_key(|&m| (slots[m as usize].closing, m));
        let mut i = 0;
        while i + 1 < members.len() {
            if !rng.chance(0.025) {
                i += 1;
                continue;
            }
            let size = (rng.length(2, 8)).min(members.len() - i);
            let group: Vec<u32> = members[i..i + size].to_vec();
            let date = group
                .iter()
                .map(|&m| slots[m as usize].closing)
                .max()
                .unwrap_or_default();
            let id = answer_groups.len() as u32;
            for &m in &group {
                let s = &mut slots[m as usize];
                s.closing = date;
                s.answer_group = Some(id);
            }
            let mut group = group;
            group.sort_unstable();
            answer_groups.push(AnswerGroup {
                seed: rng.next_u64(),
                date,
                ministry: slots[group[0] as usize].assigned,
                campaign: None,
                members: group,
            });
            i += size;
        }
    }
    Plan {
        n,
        seed,
        persons,
        deputies,
        slots,
        campaigns,
        answer_groups,
        topic_groups,
    }
}
