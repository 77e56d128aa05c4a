//! Saved Assemblée nationale question pages, read "like the text renderings": the same
//! [`Question`] fields the text parser gives for the same page.
//!
//! Three layouts are known (see `shared/opendata/pages/`):
//! - the current `/dyn/` layout (2023: "Données clés" sidebar, `data-id="QANR5L16QE200 / …"`);
//! - the `questions.assemblee-nationale.fr` layout of 2012–2017 ("Ministère interrogé >",
//!   `div.question_publish_date`);
//! - the 1997–2002 "FICHE QUESTION" layout, whose data sits in custom tags (`<num>`, `<aut>`,
//!   `<dpq>`, …).
//!
//! A page saved by macOS TextEdit ("Cocoa HTML Writer") holds the real page source as escaped
//! text, one `<p>` per source line: it is unescaped and read as the page.
//!
//! Choices where the page and the open data differ: a question au Gouvernement's debate is the
//! answer (as in the open data and the older layouts), dated by its séance; a page without a
//! title (older layouts) takes its "Analyse", then "Tête d'analyse", then rubric as title, as
//! the open-data reader does.

use super::dates::{parse_dated_value, reason_after_date};
use super::decode::decode;
use super::htmldom::{parse_document, Element, Item};
use super::htmltext::one_line;
use super::inline::Styled;
use super::label::event_kind;
use super::opendata::question::{labels, parse_uid};
use super::problem::Problem;
use super::{split_constituency, LineMessage, Parsed};
use crate::model::{Event, EventKind, Question, QuestionKind};
use crate::text::fold::fold;

/// Reads a saved question page. `source` is recorded in the question.
pub fn parse_html(bytes: &[u8], source: &str) -> Result<Parsed, LineMessage> {
    let decoded = decode(bytes).map_err(|e| LineMessage {
        line: e.line,
        problem: e.problem,
    })?;
    let text = decoded.text.as_ref();
    let recovered;
    let text = if is_textedit_export(text) {
        recovered = textedit_source(text);
        recovered.as_str()
    } else {
        text
    };
    let tree = parse_document(text).map_err(|l| LineMessage::doc(Problem::HtmlTooLarge(l)))?;
    let dom = Dom { tree };
    let mut page = Page::default();
    if dom
        .find(|n| n.name() == "leg" || n.name() == "nat")
        .is_some()
    {
        page.fiche(&dom);
    } else if dom
        .find(|n| n.has_class("question_legislature") || n.has_class("question_header"))
        .is_some()
    {
        page.layout_2012(&dom);
    } else if dom
        .find(|n| {
            n.has_class("_style-question")
                || n.attr("data-id").is_some_and(|d| d.starts_with("QANR5L"))
        })
        .is_some()
    {
        page.layout_dyn(&dom);
    } else {
        return Err(LineMessage::doc(Problem::NotAQuestionPage));
    }
    page.finish(source)
}

/// True for a macOS TextEdit export of a page's source.
fn is_textedit_export(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.contains("Cocoa HTML Writer")
        || (text.contains("<p class=\"p1\">") && text.contains("&lt;html"))
}

/// The page source a TextEdit export holds: the text of each `<p>` of its body, unescaped,
/// one line each. An export past the HTML limits holds no page.
fn textedit_source(export: &str) -> String {
    let mut out = String::with_capacity(export.len() / 2);
    let Ok(tree) = parse_document(export) else {
        return out;
    };
    for (i, p) in tree.elements() {
        if p.name() != "p" {
            continue;
        }
        for item in &tree.items[i + 1..p.end] {
            if let Item::Text(t) = item {
                out.push_str(&t.replace('\u{a0}', " "));
            }
        }
        out.push('\n');
    }
    out
}

/// A page's elements, as the HTML5 parser built them; elements are named by their index.
struct Dom {
    tree: super::htmldom::Dom,
}

impl Dom {
    fn find(&self, pred: impl Fn(&Element) -> bool) -> Option<usize> {
        self.tree.elements().find(|(_, e)| pred(e)).map(|(i, _)| i)
    }

    fn find_all(&self, pred: impl Fn(&Element) -> bool) -> Vec<usize> {
        self.tree
            .elements()
            .filter(|(_, e)| pred(e))
            .map(|(i, _)| i)
            .collect()
    }

    /// The element descendants of `n`, in document order.
    fn descendants(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        (n + 1..self.tree.end(n)).filter(|&i| self.tree.element(i).is_some())
    }

    /// The first descendant of `n` matching `pred`.
    fn find_in(&self, n: usize, pred: impl Fn(&Element) -> bool) -> Option<usize> {
        self.descendants(n)
            .find(|&i| self.tree.element(i).is_some_and(&pred))
    }

    /// The element children of `n`.
    fn children(&self, n: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = n + 1;
        while i < self.tree.end(n) {
            if self.tree.element(i).is_some() {
                out.push(i);
            }
            i = self.tree.end(i).max(i + 1);
        }
        out
    }

    /// The element after `n` among its parent's children.
    fn next_sibling(&self, n: usize) -> Option<usize> {
        let parent = self.tree.element(n)?.parent?;
        let stop = self.tree.end(parent);
        (self.tree.end(n)..stop).find(|&i| self.tree.element(i).is_some())
    }

    fn name(&self, n: usize) -> &str {
        self.tree.element(n).map_or("", Element::name)
    }

    fn attr(&self, n: usize, name: &str) -> Option<String> {
        self.tree.element(n)?.attr(name).map(str::to_string)
    }

    fn has_class(&self, n: usize, class: &str) -> bool {
        self.tree.element(n).is_some_and(|e| e.has_class(class))
    }

    /// True when `at` or one of its ancestors has `class`.
    fn has_ancestor_class(&self, mut at: Option<usize>, class: &str) -> bool {
        while let Some(p) = at {
            let Some(e) = self.tree.element(p) else {
                return false;
            };
            if e.has_class(class) {
                return true;
            }
            at = e.parent;
        }
        false
    }

    fn styled(&self, n: usize) -> Styled {
        super::htmltext::styled(&self.tree, n)
    }

    /// The text of `n` on one line.
    fn text(&self, n: usize) -> String {
        one_line(&self.styled(n).text)
    }

    /// The text just before `n`, elements and blanks skipped: the label a page prints before
    /// a value.
    fn label_before(&self, n: usize) -> Option<String> {
        self.tree.items[..n.min(self.tree.items.len())]
            .iter()
            .rev()
            .take(8)
            .find_map(|t| match t {
                Item::Text(s) if !s.trim().is_empty() => Some(one_line(s)),
                _ => None,
            })
    }
}

/// What a page tells, gathered before it becomes a [`Question`].
#[derive(Default)]
struct Page {
    legislature: Option<u16>,
    kind: Option<QuestionKind>,
    number: Option<u32>,
    title: String,
    author: String,
    author_ref: Option<String>,
    constituency: String,
    group: String,
    rubric: String,
    ministry_asked: String,
    ministry_assigned: String,
    analysis_head: Option<String>,
    analysis: Option<String>,
    question: Styled,
    answer: Styled,
    events: Vec<Event>,
    warnings: Vec<LineMessage>,
}

fn digits(s: &str) -> Option<u32> {
    let d: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    d.parse().ok()
}

fn kind_from_words(s: &str) -> Option<QuestionKind> {
    let f = fold(s);
    if f.contains("ecrite") {
        Some(QuestionKind::Written)
    } else if f.contains("gouvernement") {
        Some(QuestionKind::Government)
    } else if f.contains("orale") {
        Some(QuestionKind::Oral)
    } else {
        QuestionKind::from_code(f.trim())
    }
}

/// "label : value" or "label > value": the value after the first separator.
fn after(text: &str, sep: char) -> String {
    text.split_once(sep)
        .map_or(String::new(), |(_, v)| v.trim().to_string())
}

impl Page {
    /// Adds a dated event from a value such as "21/08/2012 page : 4774" or "27 septembre
    /// 2022, page 4253"; the label as the page prints it, its kind from the label.
    fn event(&mut self, label: &str, value: &str, default: EventKind) {
        let value = value.replace("page :", "page").replace("page:", "page");
        let label = label.trim().trim_end_matches(':').trim();
        match parse_dated_value(value.trim()) {
            Ok(dv) => {
                let kind = event_kind(&fold(label))
                    .filter(|k| *k != EventKind::Other)
                    .unwrap_or(default);
                // A closure's reason may follow its date bare: `21/06/2022 Fin de mandat`.
                let note = dv.note.or_else(|| {
                    (kind == EventKind::Withdrawn)
                        .then(|| reason_after_date(value.trim()))
                        .flatten()
                });
                self.events.push(Event {
                    kind,
                    label: label.to_string(),
                    date: dv.date,
                    page: dv.page,
                    note: note.map(|n| one_line(&n)),
                })
            }
            Err(_) => self.warnings.push(LineMessage::doc(Problem::NoDate {
                label: label.to_string(),
                value: one_line(&value),
            })),
        }
    }

    fn has(&self, kind: EventKind) -> bool {
        self.events.iter().any(|e| e.kind == kind)
    }

    /// The 1997–2002 "FICHE QUESTION" layout: the data in custom tags.
    fn fiche(&mut self, dom: &Dom) {
        let tag = |name: &str| dom.find(|n| n.name() == name);
        let text = |name: &str| tag(name).map(|n| dom.text(n)).unwrap_or_default();
        self.legislature = tag("nleg")
            .or(tag("leg"))
            .and_then(|n| digits(&dom.text(n)))
            .and_then(|l| u16::try_from(l).ok());
        self.number = digits(&text("num"));
        self.kind = kind_from_words(&text("nat"));
        self.group = text("groupe");
        self.constituency = text("dept");
        self.ministry_asked = text("mini");
        self.ministry_assigned = text("mina");
        self.rubric = text("rub");
        self.analysis_head = Some(text("tana")).filter(|s| !s.is_empty());
        self.analysis = Some(text("ana")).filter(|s| !s.is_empty());
        if let Some(n) = tag("quest") {
            self.question = dom.styled(n);
        }
        if let Some(n) = tag("rep") {
            self.answer = dom.styled(n);
        }
        // "Jacquaint Muguette": family name first. The texts usually name the author first
        // name first ("Mme Muguette Jacquaint attire…"): that order is kept when found.
        let aut = text("aut");
        let civ = text("civ");
        let name = first_name_first(&aut, &[&self.question.text, &self.answer.text]);
        self.author = [civ, name]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        // Date tags, their page tags, their kinds when the page prints no label. `draps` is
        // unverified: the only other dated field of that era is the renewal.
        let dated = [
            (
                "dpq",
                Some("pgq"),
                EventKind::QuestionPublished,
                labels::QUESTION,
            ),
            (
                "dpr",
                Some("pgrep"),
                EventKind::AnswerPublished,
                labels::ANSWER,
            ),
            (
                "derq",
                Some("pgerq"),
                EventKind::ErratumQuestion,
                labels::ERRATUM_QUESTION,
            ),
            (
                "derr",
                Some("pgerrep"),
                EventKind::ErratumAnswer,
                labels::ERRATUM_ANSWER,
            ),
            ("dsign", None, EventKind::Signaled, labels::SIGNALED),
            ("draps", None, EventKind::Renewed, labels::RENEWED),
            (
                "dca",
                None,
                EventKind::AttributionChanged,
                labels::ATTRIBUTION,
            ),
            ("dret", None, EventKind::Withdrawn, labels::WITHDRAWN),
        ];
        for (date_tag, page_tag, kind, default_label) in dated {
            let Some(n) = tag(date_tag) else { continue };
            let date = dom.text(n);
            if date.is_empty() {
                continue;
            }
            let label = dom
                .label_before(n)
                .map(|l| l.trim_end_matches(':').trim().to_string())
                .filter(|l| event_kind(&fold(l)) == Some(kind))
                .unwrap_or_else(|| default_label.to_string());
            let mut value = date;
            if let Some(p) = page_tag.map(text).filter(|p| !p.is_empty()) {
                value = format!("{value} page {p}");
            }
            if kind == EventKind::Withdrawn {
                let reason = text("cret");
                if !reason.is_empty() {
                    value = format!("{value} ({reason})");
                }
            }
            self.event(&label, &value, kind);
        }
    }

    /// The `questions.assemblee-nationale.fr` layout of 2012–2017.
    fn layout_2012(&mut self, dom: &Dom) {
        if let Some(n) = dom.find(|n| n.has_class("question_legislature")) {
            self.legislature = digits(&dom.text(n)).and_then(|l| u16::try_from(l).ok());
        }
        // Two `#question_col10` cells: "Question N° 3200", then the kind.
        for n in dom.find_all(|n| n.attr("id") == Some("question_col10")) {
            let t = dom.text(n);
            if fold(&t).contains("n°") || self.number.is_none() && digits(&t).is_some() {
                self.number = self.number.or(digits(&t));
            } else if let Some(k) = kind_from_words(&t) {
                self.kind = Some(k);
            }
        }
        if let Some(n) = dom.find(|n| n.attr("id") == Some("question_col80")) {
            // "de M. Philippe Le Ray (Union pour un Mouvement Populaire - Morbihan )"
            if let Some(a) = dom.find_in(n, |x| x.name() == "a") {
                self.author = dom.text(a);
                self.author_ref = dom.attr(a, "href").and_then(|h| acteur_ref(&h));
            }
            let t = dom.text(n);
            if let (Some(open), Some(close)) = (t.find('('), t.rfind(')')) {
                // ") … (": nothing between them.
                let close = close.max(open + 1);
                let inner = t[open + 1..close].trim();
                match inner.rsplit_once(" - ") {
                    Some((group, place)) => {
                        self.group = group.trim().to_string();
                        self.constituency = place.trim().to_string();
                    }
                    None => self.group = inner.to_string(),
                }
            }
        }
        for n in dom.find_all(|n| {
            n.has_class("question_col50")
                || (n.name() == "p" && dom.has_ancestor_class(n.parent, "analyse_header"))
        }) {
            let t = dom.text(n);
            let value = after(&t, '>');
            let label = fold(t.split('>').next().unwrap_or(""));
            match label.trim() {
                "ministere interroge" => self.ministry_asked = value,
                "ministere attributaire" => self.ministry_assigned = value,
                "rubrique" => self.rubric = value,
                "tete d'analyse" => self.analysis_head = Some(value).filter(|v| !v.is_empty()),
                "analyse" => self.analysis = Some(value).filter(|v| !v.is_empty()),
                _ => {}
            }
        }
        if let Some(box_) = dom.find(|n| n.has_class("question_publish_date")) {
            for line in dom.children(box_) {
                let t = dom.text(line);
                if let Some((label, value)) = t.split_once(':') {
                    self.event(label, value, EventKind::Other);
                }
            }
        }
        if let Some(q) = dom.find(|n| n.name() == "div" && n.has_class("question")) {
            let parts: Vec<Styled> = dom
                .children(q)
                .into_iter()
                .filter(|&c| dom.name(c) != "h3")
                .map(|c| dom.styled(c))
                .collect();
            self.question = join(parts);
        }
        if let Some(a) = dom.find(|n| n.has_class("reponse_contenu")) {
            self.answer = dom.styled(a);
        }
    }

    /// The current `/dyn/` layout (2023).
    fn layout_dyn(&mut self, dom: &Dom) {
        if let Some((l, k, n)) = dom
            .tree
            .elements()
            .find_map(|(_, n)| n.attr("data-id"))
            .and_then(|d| d.split_whitespace().next().and_then(parse_uid))
        {
            (self.legislature, self.kind, self.number) = (Some(l), Some(k), Some(n));
        }
        if let Some(h) = dom.find(|n| n.name() == "span" && n.has_class("h4")) {
            let t = dom.text(h);
            if let Some(title) = dom.find_in(h, |n| n.has_class("_regular")) {
                self.title = dom.text(title);
            }
            self.kind = self
                .kind
                .or_else(|| kind_from_words(t.split(':').next().unwrap_or("")));
            self.number = self
                .number
                .or_else(|| t.split_once('°').and_then(|(_, r)| digits(r)));
        }
        if self.legislature.is_none() {
            self.legislature = dom
                .find(|n| n.has_class("h6") && n.has_class("_bold"))
                .and_then(|n| digits(&dom.text(n)))
                .and_then(|l| u16::try_from(l).ok());
        }
        // The JO links of the header: "Publication de la question au Journal Officiel du 26
        // juillet 2022, page 3501".
        for a in dom.find_all(|n| n.name() == "a" && n.has_class("link")) {
            let t = dom.text(a);
            let f = fold(&t);
            let value = t.split_once(" du ").map(|(_, v)| v.to_string());
            if let Some(value) = value.filter(|_| f.starts_with("publication de la")) {
                if f.contains("de la question") {
                    self.event(labels::QUESTION, &value, EventKind::QuestionPublished);
                } else if f.contains("de la reponse") {
                    self.event(labels::ANSWER, &value, EventKind::AnswerPublished);
                }
            }
        }
        let mut seance = None;
        for p in dom.find_all(|n| n.name() == "p" && n.has_class("h6")) {
            let t = dom.text(p);
            let label = fold(t.split(':').next().unwrap_or("")).trim().to_string();
            let value = dom
                .find_in(p, |n| n.has_class("_regular"))
                .map(|v| dom.text(v))
                .unwrap_or_else(|| after(&t, ':'));
            match label.as_str() {
                "auteur" | "auteure" => {
                    self.author_from(&value);
                    self.author_ref = dom
                        .find_in(p, |n| n.attr("data-document-id").is_some())
                        .and_then(|n| dom.attr(n, "data-document-id"));
                }
                "circonscription" => {
                    let (constituency, group) = split_constituency(&value);
                    self.constituency = constituency;
                    if !group.is_empty() {
                        self.group = group;
                    }
                }
                "type de question" => self.kind = self.kind.or_else(|| kind_from_words(&value)),
                "rubrique" => self.rubric = value,
                "ministere interroge" => self.ministry_asked = value,
                "ministere repondant" | "ministere attributaire" => self.ministry_assigned = value,
                "date de la seance" => seance = date_after_le(&value),
                "dates" => {
                    let lines: Vec<usize> = dom
                        .descendants(p)
                        .filter(|&n| dom.has_class(n, "_regular"))
                        .collect();
                    for line in lines {
                        let l = dom.text(line);
                        let lf = fold(&l);
                        let Some(d) = date_after_le(&l) else { continue };
                        if lf.starts_with("question") && !self.has(EventKind::QuestionPublished) {
                            self.event(labels::QUESTION, &d, EventKind::QuestionPublished);
                        } else if lf.starts_with("reponse") && !self.has(EventKind::AnswerPublished)
                        {
                            self.event(labels::ANSWER, &d, EventKind::AnswerPublished);
                        }
                    }
                }
                _ => {}
            }
        }
        // "Question de :" then the question's text; "Réponse publiée le …" then the answer's.
        for p in dom
            .find_all(|n| n.name() == "p" && n.has_class("_colored-primary") && !n.has_class("h6"))
        {
            let t = dom.text(p);
            if !fold(&t).starts_with("question de") {
                continue;
            }
            if self.author.is_empty() {
                if let Some(v) = dom.find_in(p, |n| n.has_class("_regular")) {
                    self.author_from(&dom.text(v));
                }
            }
            // QG: "…, posée en séance, et publiée le 26 octobre 2022".
            if let Some(d) = t
                .split_once("publiée le")
                .and_then(|(_, d)| date_after_le(&format!("le {d}")))
            {
                seance = seance.or(Some(d));
            }
            if let Some(text) = dom
                .next_sibling(p)
                .filter(|&s| dom.has_class(s, "_pa-small"))
            {
                self.question = dom.styled(text);
            }
        }
        for p in dom.find_all(|n| n.name() == "p" && n.has_class("_colored-green")) {
            let t = dom.text(p);
            if !fold(&t).starts_with("reponse") {
                continue;
            }
            if let Some(d) = date_after_le(&t) {
                if !self.has(EventKind::AnswerPublished) {
                    self.event(labels::ANSWER, &d, EventKind::AnswerPublished);
                }
            }
            if let Some(text) = dom
                .next_sibling(p)
                .filter(|&s| dom.has_class(s, "_pa-small"))
            {
                self.answer = dom.styled(text);
            }
        }
        if let Some(d) = seance {
            if !self.has(EventKind::QuestionPublished) {
                self.event(labels::QUESTION, &d, EventKind::QuestionPublished);
            }
        }
        // A question au Gouvernement is answered in the séance that put it: its debate is the
        // answer, as in the open data.
        if self.kind == Some(QuestionKind::Government) && self.answer.text.is_empty() {
            self.answer = std::mem::take(&mut self.question);
            if !self.has(EventKind::AnswerPublished) && !self.answer.text.is_empty() {
                if let Some(d) = self
                    .events
                    .iter()
                    .find(|e| e.kind == EventKind::QuestionPublished)
                    .map(|e| e.date)
                {
                    self.events.push(Event {
                        kind: EventKind::AnswerPublished,
                        label: labels::ANSWER.into(),
                        date: d,
                        page: None,
                        note: None,
                    });
                }
            }
        }
    }

    /// "Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)": author, then constituency and
    /// group as the text parser splits them.
    fn author_from(&mut self, value: &str) {
        match (value.find(" ("), value.rfind(')')) {
            (Some(open), Some(close)) if close > open => {
                self.author = value[..open].trim().to_string();
                let (constituency, group) = split_constituency(&value[open + 2..close]);
                self.constituency = constituency;
                self.group = group;
            }
            _ => self.author = value.trim().to_string(),
        }
    }

    fn finish(mut self, source: &str) -> Result<Parsed, LineMessage> {
        let number = self
            .number
            .ok_or_else(|| LineMessage::doc(Problem::NoNumber))?;
        let kind = self.kind.unwrap_or_else(|| {
            self.warnings.push(LineMessage::doc(Problem::NoKind));
            QuestionKind::Written
        });
        let legislature = match self.legislature.filter(|&l| l > 0) {
            Some(l) => l,
            None => {
                let from_dates = self
                    .events
                    .iter()
                    .map(|e| e.date)
                    .min()
                    .and_then(super::legislature_on);
                from_dates.ok_or_else(|| LineMessage::doc(Problem::NoLegislature))?
            }
        };
        self.events.sort_by_key(|e| e.date);
        if !self.has(EventKind::QuestionPublished) {
            self.warnings.push(LineMessage::doc(Problem::NoPublication));
        }
        if self.author.is_empty() {
            self.warnings.push(LineMessage::doc(Problem::NoAuthor));
        }
        if kind == QuestionKind::Written {
            super::htmltext::strip_qe_header(&mut self.question);
        }
        let answered = self.has(EventKind::AnswerPublished);
        let withdrawn = self.has(EventKind::Withdrawn);
        let status = super::page_status(answered, !self.answer.text.is_empty(), withdrawn);
        let title = super::title_or_analysis(
            self.title,
            &self.analysis,
            &self.analysis_head,
            &self.rubric,
        );
        let ministry_assigned =
            super::assigned_or_asked(self.ministry_assigned, &self.ministry_asked);
        Ok(Parsed {
            question: Question {
                id: Question::make_id(legislature, number, kind),
                legislature,
                kind,
                number,
                title,
                author: self.author,
                constituency: self.constituency,
                group: self.group,
                rubric: self.rubric,
                ministry_asked: self.ministry_asked,
                ministry_assigned,
                analysis_head: self.analysis_head,
                analysis: self.analysis,
                question_text: self.question.text,
                question_emphasis: self.question.emphasis,
                answer_text: self.answer.text,
                answer_emphasis: self.answer.emphasis,
                status,
                events: self.events,
                extra: Vec::new(),
                source: source.to_string(),
                author_ref: self.author_ref,
                mandate_ref: None,
                attributions: Vec::new(),
            },
            warnings: self.warnings,
        })
    }
}

/// `PA607603` from a link to a deputy's page (`…/fiche/OMC_PA607603`, `…/deputes/PA722252`).
fn acteur_ref(href: &str) -> Option<String> {
    let at = href.rfind("PA")?;
    let digits: String = href[at + 2..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| format!("PA{digits}"))
}

/// The date after the last " le " of a text: "Réponse publiée le 27 septembre 2022".
fn date_after_le(text: &str) -> Option<String> {
    let t = one_line(text);
    let (_, rest) = t
        .rsplit_once(" le ")
        .or_else(|| t.strip_prefix("le ").map(|r| ("", r)))?;
    parse_dated_value(rest)
        .ok()
        .map(|_| rest.trim().to_string())
}

/// "Jacquaint Muguette" -> "Muguette Jacquaint" when one of `texts` writes it so.
fn first_name_first(name: &str, texts: &[&str]) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    for k in 1..words.len() {
        let candidate = format!("{} {}", words[k..].join(" "), words[..k].join(" "));
        if texts.iter().any(|t| t.contains(&candidate)) {
            return candidate;
        }
    }
    words.join(" ")
}

fn join(parts: Vec<Styled>) -> Styled {
    let mut out = Styled::default();
    for p in parts.into_iter().filter(|p| !p.text.is_empty()) {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let shift = out.text.len();
        out.text.push_str(&p.text);
        out.emphasis.extend(p.emphasis.into_iter().map(|mut e| {
            e.start += shift;
            e.end += shift;
            e
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_name_order() {
        assert_eq!(
            first_name_first("Jacquaint Muguette", &["Mme Muguette Jacquaint attire"]),
            "Muguette Jacquaint"
        );
        assert_eq!(
            first_name_first("Le Fur Corentin", &["M. Corentin Le Fur"]),
            "Corentin Le Fur"
        );
        assert_eq!(first_name_first("Dupont Jean", &["rien"]), "Dupont Jean");
    }

    #[test]
    fn author_lines_of_the_dyn_layouts() {
        let mut page = Page::default();
        page.author_from("Mme Marie-Pierre Rixain (Ile-de-France - Renaissance)");
        assert_eq!(
            (
                page.author.as_str(),
                page.constituency.as_str(),
                page.group.as_str()
            ),
            ("Mme Marie-Pierre Rixain", "Ile-de-France", "Renaissance")
        );
        page.author_from("Mme Sylvie Bonnet (Loire (4e circonscription) - Droite Républicaine)");
        assert_eq!(
            (
                page.author.as_str(),
                page.constituency.as_str(),
                page.group.as_str()
            ),
            (
                "Mme Sylvie Bonnet",
                "Loire (4e circonscription)",
                "Droite Républicaine"
            )
        );
        let mut page = Page::default();
        page.author_from("M. Jean Seul");
        assert_eq!(
            (page.author.as_str(), page.constituency.as_str()),
            ("M. Jean Seul", "")
        );
    }

    #[test]
    fn acteur_refs_from_links() {
        assert_eq!(
            acteur_ref("https://www2.assemblee-nationale.fr/deputes/fiche/OMC_PA607603").as_deref(),
            Some("PA607603")
        );
        assert_eq!(
            acteur_ref("/dyn/deputes/PA722252").as_deref(),
            Some("PA722252")
        );
        assert_eq!(acteur_ref("/dyn/deputes/x"), None);
    }

    #[test]
    fn textedit_exports_are_unescaped() {
        let export = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<html><head>\
            <meta name=\"Generator\" content=\"Cocoa HTML Writer\"></head><body>\n\
            <p class=\"p1\"><span class=\"s1\">&lt;div class=\"a\"&gt;</span></p>\n\
            <p class=\"p1\"><span class=\"Apple-converted-space\">&nbsp; </span><span class=\"s1\">x &amp;amp; y&lt;/div&gt;</span></p>\n\
            </body></html>";
        assert!(is_textedit_export(export));
        assert_eq!(
            textedit_source(export),
            "<div class=\"a\">\n  x &amp; y</div>\n"
        );
    }

    #[test]
    fn a_page_past_the_html_limits_is_refused_saying_which() {
        let deep = format!("<html><body><num>1</num>{}", "<div>".repeat(600));
        let e = parse_html(deep.as_bytes(), "x.html").unwrap_err();
        assert_eq!(
            e.problem,
            Problem::HtmlTooLarge(crate::parse::problem::HtmlLimit::Depth(512))
        );
    }

    #[test]
    fn a_page_of_no_known_layout_is_refused() {
        let e = parse_html(b"<html><body><p>Bonjour</p></body></html>", "x.html").unwrap_err();
        assert_eq!(e.problem, Problem::NotAQuestionPage);
    }
}
