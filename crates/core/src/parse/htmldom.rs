//! HTML read as browsers read it: html5ever runs the WHATWG tokenizer and tree construction
//! (implied end tags, misnested formatting, tables, entities), building a small arena tree
//! that is then laid out in document order ([`Dom`]).
//!
//! html5ever is used directly, through its `TreeSink`, rather than through `scraper`: dossier
//! needs no CSS selectors, and its own sink is where the limits below are kept. The tree
//! construction algorithm is quadratic in nesting depth and in re-opened formatting elements,
//! and the tokenizer in the attributes of one tag, with no cap of its own: a page or text past
//! [`MAX_HTML_DEPTH`], [`MAX_HTML_ELEMENTS`] or [`MAX_HTML_TAG_BYTES`] is refused instead
//! (browsers stop nesting at the same depth).

use crate::limits::{MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, MAX_HTML_TAG_BYTES};
use crate::parse::problem::HtmlLimit;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// An element of a [`Dom`], with the span of its subtree in document order.
#[derive(Debug)]
pub struct Element {
    /// The local name, lowercase for HTML elements.
    name: LocalName,
    attrs: Vec<Attribute>,
    /// Index of the first item after this element's subtree.
    pub end: usize,
    /// Index of the parent element, none for the root.
    pub parent: Option<usize>,
}

impl Element {
    /// The element's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of attribute `name` (entities decoded by the parser).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// True when the `class` attribute holds `class` among its words.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == class))
    }
}

/// One node of a [`Dom`]: an element or a run of text (comments, doctypes and processing
/// instructions are not kept).
#[derive(Debug)]
pub enum Item {
    /// An element.
    Element(Element),
    /// Text, entities decoded, adjacent runs merged.
    Text(StrTendril),
}

/// A parsed document or fragment, its nodes in document order (preorder): the subtree of the
/// element at `i` is `i + 1..end`.
#[derive(Debug, Default)]
pub struct Dom {
    /// The nodes.
    pub items: Vec<Item>,
}

impl Dom {
    /// The element at `i`, if `i` is one.
    pub fn element(&self, i: usize) -> Option<&Element> {
        match self.items.get(i) {
            Some(Item::Element(e)) => Some(e),
            _ => None,
        }
    }

    /// The elements, with their indices, in document order.
    pub fn elements(&self) -> impl Iterator<Item = (usize, &Element)> + '_ {
        self.items.iter().enumerate().filter_map(|(i, n)| match n {
            Item::Element(e) => Some((i, e)),
            Item::Text(_) => None,
        })
    }

    /// Index one past the subtree of `i`.
    pub fn end(&self, i: usize) -> usize {
        match self.items.get(i) {
            Some(Item::Element(e)) => e.end,
            _ => i + 1,
        }
    }
}

/// Parses a whole page.
pub fn parse_document(html: &str) -> Result<Dom, HtmlLimit> {
    let sink = Sink::new();
    let tree = TreeBuilder::new(sink, options());
    run(tree, TokenizerOpts::default(), html)
}

/// Parses a fragment as the content of a `<body>` (as `innerHTML` does).
pub fn parse_fragment(html: &str) -> Result<Dom, HtmlLimit> {
    let sink = Sink::new();
    let context = sink.create_element(
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        ElementFlags::default(),
    );
    let tree = TreeBuilder::new_for_fragment(sink, context, None, options());
    let tokenizer = TokenizerOpts {
        initial_state: Some(tree.tokenizer_state_for_context_elem(false)),
        ..TokenizerOpts::default()
    };
    run(tree, tokenizer, html)
}

fn options() -> TreeBuilderOpts {
    TreeBuilderOpts {
        // `<noscript>` content is read as markup, as a reader without scripts shows it.
        scripting_enabled: false,
        ..TreeBuilderOpts::default()
    }
}

/// Bytes fed to the tokenizer at a time: between two pieces, a tag still open after
/// [`MAX_HTML_TAG_BYTES`] stops the parse (so one that ends in the piece that crosses the limit
/// is still read: the limit is kept within a piece).
const PIECE_BYTES: usize = 4096;

fn run(tree: TreeBuilder<usize, Sink>, opts: TokenizerOpts, html: &str) -> Result<Dom, HtmlLimit> {
    let tokenizer = Tokenizer::new(
        Guard {
            tree,
            tokens: Cell::new(0),
        },
        opts,
    );
    let queue = BufferQueue::default();
    let mut rest = html;
    let (mut last_tokens, mut silent) = (0, 0);
    while !rest.is_empty() {
        let mut cut = rest.len().min(PIECE_BYTES);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        // Feed until the piece is used up: the tokenizer also pauses at a script and at a
        // `<meta charset>` (an encoding indicator, moot for a decoded text).
        while !matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done) {}
        let sink = &tokenizer.sink.tree.sink;
        if let Some(limit) = sink.stopped.get() {
            return Err(limit);
        }
        // No token completed for that long: one tag (or comment) that long, whose attributes
        // the tokenizer would compare pairwise.
        let tokens = tokenizer.sink.tokens.get();
        silent = if tokens == last_tokens {
            silent + cut
        } else {
            0
        };
        last_tokens = tokens;
        if silent > MAX_HTML_TAG_BYTES {
            return Err(HtmlLimit::TagBytes(MAX_HTML_TAG_BYTES));
        }
    }
    tokenizer.end();
    let sink = &tokenizer.sink.tree.sink;
    if let Some(limit) = sink.stopped.get() {
        return Err(limit);
    }
    Ok(sink.layout())
}

/// Between the tokenizer and the tree builder: counts tokens, and drops them all once a limit
/// is reached so that no more work is done.
struct Guard {
    tree: TreeBuilder<usize, Sink>,
    tokens: Cell<usize>,
}

impl TokenSink for Guard {
    type Handle = usize;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<usize> {
        // Parse errors come as tokens, in the middle of a tag too: they are not progress.
        if !matches!(token, Token::ParseError(_)) {
            self.tokens.set(self.tokens.get() + 1);
        }
        if self.tree.sink.stopped.get().is_some() {
            return TokenSinkResult::Continue;
        }
        self.tree.process_token(token, line)
    }

    fn end(&self) {
        if self.tree.sink.stopped.get().is_none() {
            self.tree.end();
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tree
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// "No node": the links of the arena.
const NONE: usize = usize::MAX;

enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// A `<template>`'s contents: a separate document, never walked.
        template: usize,
    },
    Text(StrTendril),
    /// A comment, doctype or processing instruction.
    Other,
}

struct Node {
    parent: usize,
    prev: usize,
    next: usize,
    first: usize,
    last: usize,
    data: Data,
}

/// The tree builder's sink: an arena of linked nodes.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    elements: Cell<usize>,
    stopped: Cell<Option<HtmlLimit>>,
}

/// The name `elem_name` gives for a node that is not an element (the tree builder never asks).
static NOT_AN_ELEMENT: QualName = QualName {
    prefix: None,
    ns: ns!(html),
    local: local_name!("span"),
};

impl Sink {
    fn new() -> Self {
        Sink {
            nodes: RefCell::new(vec![Node::new(Data::Document)]),
            elements: Cell::new(0),
            stopped: Cell::new(None),
        }
    }

    fn push(&self, data: Data) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn stop(&self, limit: HtmlLimit) {
        if self.stopped.get().is_none() {
            self.stopped.set(Some(limit));
        }
    }

    /// Checks the depth of a node just placed: its ancestors are walked, at most one past the
    /// limit (a depth stored per node would go stale when the adoption agency moves subtrees).
    fn check_depth(&self, node: usize) {
        let nodes = self.nodes.borrow();
        let mut depth = 0;
        let mut at = nodes.get(node).map_or(NONE, |n| n.parent);
        while at != NONE {
            depth += 1;
            if depth > MAX_HTML_DEPTH {
                drop(nodes);
                self.stop(HtmlLimit::Depth(MAX_HTML_DEPTH));
                return;
            }
            at = nodes.get(at).map_or(NONE, |n| n.parent);
        }
    }

    /// Puts `child` (a node, or text merged into `prev` when that is text) in place through
    /// `link`.
    fn place(
        &self,
        child: NodeOrText<usize>,
        prev: usize,
        link: impl FnOnce(&mut Vec<Node>, usize),
    ) {
        let node = match child {
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if let Some(Node {
                    data: Data::Text(t),
                    ..
                }) = nodes.get_mut(prev)
                {
                    t.push_tendril(&text);
                    return;
                }
                nodes.push(Node::new(Data::Text(text)));
                nodes.len() - 1
            }
            NodeOrText::AppendNode(node) => node,
        };
        link(&mut self.nodes.borrow_mut(), node);
        if matches!(
            self.nodes.borrow().get(node).map(|n| &n.data),
            Some(Data::Element { .. })
        ) {
            self.check_depth(node);
        }
    }

    /// The tree in document order, from the document node.
    fn layout(&self) -> Dom {
        let mut nodes = self.nodes.borrow_mut();
        let mut items = Vec::with_capacity(nodes.len());
        // (arena node, its index in `items`) of the open elements.
        let mut open: Vec<(usize, usize)> = Vec::new();
        let mut at = nodes.first().map_or(NONE, |d| d.first);
        while at != NONE {
            let Some(node) = nodes.get_mut(at) else { break };
            let (first, mut next) = (node.first, node.next);
            let parent = open.last().map(|&(_, i)| i);
            let descend = match std::mem::replace(&mut node.data, Data::Other) {
                Data::Element { name, attrs, .. } => {
                    items.push(Item::Element(Element {
                        name: name.local,
                        attrs,
                        end: NONE,
                        parent,
                    }));
                    true
                }
                Data::Text(t) => {
                    items.push(Item::Text(t));
                    false
                }
                Data::Document | Data::Other => false,
            };
            if descend && first != NONE {
                open.push((at, items.len() - 1));
                at = first;
                continue;
            }
            if descend {
                let len = items.len();
                if let Some(Item::Element(e)) = items.last_mut() {
                    e.end = len;
                }
            }
            // Up until a node has a next sibling, closing the elements left.
            while next == NONE {
                let Some((up, index)) = open.pop() else { break };
                let len = items.len();
                if let Some(Item::Element(e)) = items.get_mut(index) {
                    e.end = len;
                }
                next = nodes.get(up).map_or(NONE, |n| n.next);
            }
            at = next;
        }
        let len = items.len();
        for item in &mut items {
            if let Item::Element(e) = item {
                if e.end == NONE {
                    e.end = len;
                }
            }
        }
        Dom { items }
    }
}

impl Node {
    fn new(data: Data) -> Self {
        Node {
            parent: NONE,
            prev: NONE,
            next: NONE,
            first: NONE,
            last: NONE,
            data,
        }
    }
}

/// Unlinks `node` from its parent and siblings.
fn detach(nodes: &mut [Node], node: usize) {
    let Some(n) = nodes.get(node) else { return };
    let (parent, prev, next) = (n.parent, n.prev, n.next);
    if let Some(p) = nodes.get_mut(prev) {
        p.next = next;
    } else if let Some(p) = nodes.get_mut(parent) {
        p.first = next;
    }
    if let Some(n) = nodes.get_mut(next) {
        n.prev = prev;
    } else if let Some(p) = nodes.get_mut(parent) {
        p.last = prev;
    }
    if let Some(n) = nodes.get_mut(node) {
        (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
    }
}

/// Makes `child` the last child of `parent`.
fn append_child(nodes: &mut [Node], parent: usize, child: usize) {
    if parent >= nodes.len() || child >= nodes.len() || parent == child {
        return;
    }
    detach(nodes, child);
    let last = nodes[parent].last;
    if let Some(l) = nodes.get_mut(last) {
        l.next = child;
    } else {
        nodes[parent].first = child;
    }
    nodes[parent].last = child;
    let c = &mut nodes[child];
    (c.parent, c.prev) = (parent, last);
}

/// Puts `new` just before `sibling`, under the same parent.
fn insert_before(nodes: &mut [Node], sibling: usize, new: usize) {
    if sibling >= nodes.len() || new >= nodes.len() || sibling == new {
        return;
    }
    detach(nodes, new);
    let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev);
    if let Some(p) = nodes.get_mut(prev) {
        p.next = new;
    } else if let Some(p) = nodes.get_mut(parent) {
        p.first = new;
    }
    nodes[sibling].prev = new;
    let n = &mut nodes[new];
    (n.parent, n.prev, n.next) = (parent, prev, sibling);
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match nodes.get(*target) {
            Some(Node {
                data: Data::Element { name, .. },
                ..
            }) => name,
            _ => &NOT_AN_ELEMENT,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let count = self.elements.get() + 1;
        self.elements.set(count);
        if count > MAX_HTML_ELEMENTS {
            self.stop(HtmlLimit::Elements(MAX_HTML_ELEMENTS));
        }
        let template = if flags.template {
            self.push(Data::Document)
        } else {
            NONE
        };
        self.push(Data::Element {
            name,
            attrs,
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(Data::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        let prev = self.nodes.borrow().get(*parent).map_or(NONE, |p| p.last);
        self.place(child, prev, |nodes, node| {
            append_child(nodes, *parent, node)
        });
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &usize) -> usize {
        match self.nodes.borrow().get(*target).map(|n| &n.data) {
            Some(Data::Element { template, .. }) if *template != NONE => *template,
            // Not a template (never asked): its own node, as the safest answer.
            _ => *target,
        }
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, child: NodeOrText<usize>) {
        let prev = self.nodes.borrow().get(*sibling).map_or(NONE, |s| s.prev);
        self.place(child, prev, |nodes, node| {
            insert_before(nodes, *sibling, node)
        });
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            data: Data::Element { attrs: have, .. },
            ..
        }) = nodes.get_mut(*target)
        {
            for a in attrs {
                if !have.iter().any(|h| h.name == a.name) {
                    have.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes.get(*node).map_or(NONE, |n| n.first);
        while child != NONE {
            let next = nodes.get(child).map_or(NONE, |n| n.next);
            append_child(&mut nodes, *new_parent, child);
            child = next;
        }
        drop(nodes);
        self.check_depth(*new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        dom.items
            .iter()
            .map(|i| match i {
                Item::Element(e) => format!("<{}>{}", e.name(), e.end),
                Item::Text(t) => format!("{:?}", &**t),
            })
            .collect()
    }

    #[test]
    fn a_fragment_is_laid_out_in_document_order_with_subtree_ends() {
        let dom = parse_fragment("<p>a<b>b</b></p>c<!-- x -->").unwrap();
        assert_eq!(
            names(&dom),
            ["<html>6", "<p>5", "\"a\"", "<b>5", "\"b\"", "\"c\""]
        );
        assert_eq!(dom.element(3).and_then(|e| e.parent), Some(1));
    }

    #[test]
    fn a_short_page_is_read_past_its_meta_charset() {
        // The tokenizer pauses at `<meta charset>`; a page shorter than one piece was cut there.
        let dom = parse_document(
            "<html><head><meta charset=\"utf-8\"/></head><body><p>x</p></body></html>",
        )
        .unwrap();
        assert!(
            names(&dom).contains(&"\"x\"".to_string()),
            "{:?}",
            names(&dom)
        );
    }

    #[test]
    fn misnested_formatting_is_repaired_as_browsers_do() {
        // The adoption agency: `<b>` is closed and re-opened around the paragraph's text.
        let dom = parse_fragment("<b>x<p>y</b>z</p>").unwrap();
        assert_eq!(
            names(&dom),
            ["<html>7", "<b>3", "\"x\"", "<p>7", "<b>6", "\"y\"", "\"z\""]
        );
    }

    #[test]
    fn attributes_are_decoded_and_classes_split() {
        let dom =
            parse_document("<a name=PG1 href='x&amp;y' class=\" bold  h4\" hidden>t</a>").unwrap();
        let (_, a) = dom.elements().find(|(_, e)| e.name() == "a").unwrap();
        assert_eq!(a.attr("name"), Some("PG1"));
        assert_eq!(a.attr("href"), Some("x&y"));
        assert_eq!(a.attr("hidden"), Some(""));
        assert!(a.has_class("bold") && a.has_class("h4") && !a.has_class("bol"));
    }

    #[test]
    fn past_the_limits_a_parse_stops() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 10);
        assert_eq!(
            parse_document(&deep).unwrap_err(),
            HtmlLimit::Depth(MAX_HTML_DEPTH)
        );
        let many = "<p>x</p>".repeat(MAX_HTML_ELEMENTS + 10);
        assert_eq!(
            parse_fragment(&many).unwrap_err(),
            HtmlLimit::Elements(MAX_HTML_ELEMENTS)
        );
        // Distinct attributes, and duplicates between them (whose parse errors are tokens).
        let attrs: String = (0..MAX_HTML_TAG_BYTES / 4)
            .map(|i| format!(" a{i} a{i}"))
            .collect();
        assert_eq!(
            parse_fragment(&format!("<p{attrs}>x")).unwrap_err(),
            HtmlLimit::TagBytes(MAX_HTML_TAG_BYTES)
        );
        // Formatting elements re-opened in every paragraph: stopped at the element count.
        let open: String = (0..300).map(|i| format!("<b a{i}>")).collect();
        let reopened = format!("<p>{open}</p>{}", "<p>x</p>".repeat(10_000));
        assert_eq!(
            parse_fragment(&reopened).unwrap_err(),
            HtmlLimit::Elements(MAX_HTML_ELEMENTS)
        );
        // Misnested formatting closed one by one: stopped at the depth.
        let n = 400;
        let b: String = (0..n).map(|i| format!("<b a{i}>")).collect();
        let i: String = (0..n).map(|k| format!("<i a{k}>")).collect();
        let misnested = format!("{b}{i}{}", "x</b>".repeat(n));
        assert_eq!(
            parse_fragment(&misnested).unwrap_err(),
            HtmlLimit::Depth(MAX_HTML_DEPTH)
        );
        // Just under them, the same shapes are read.
        assert!(parse_document(&"<div>".repeat(MAX_HTML_DEPTH - 10)).is_ok());
    }
}
