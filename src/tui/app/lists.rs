//! The list's rows, the filter line and the session's messages: values changed only through
//! methods that count each change, so that what is built from them knows when to build again.

use super::*;
/// The filter: the line typed, the last query that parsed (the list shows its result), and
/// why the text does not parse, if it does not.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// What the user typed.
    pub input: LineInput,
    /// The last query that parsed.
    pub query: Query,
    /// Why the current text does not parse.
    pub error: Option<QueryError>,
}

impl Filter {
    /// A filter on this text.
    pub fn new(text: &str) -> Filter {
        let mut f = Filter::default();
        f.set(text);
        f
    }

    /// The text typed.
    pub fn text(&self) -> &str {
        self.input.text()
    }

    /// Replaces the text, and parses it: true when it parsed (the query is now its own).
    pub fn set(&mut self, text: &str) -> bool {
        self.input.set(text);
        self.parse()
    }

    /// Parses the text typed: true when it parsed (the query is now its own).
    pub fn parse(&mut self) -> bool {
        match Query::parse(self.input.text()) {
            Ok(query) => {
                self.error = None;
                self.query = query;
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }
}

/// The rows of the list: read as a slice; changed only through [`Rows::set`] and
/// [`Rows::take`], which count the change, so that what is built from the rows knows when
/// to build again.
#[derive(Debug, Default)]
pub struct Rows {
    hits: Vec<Hit>,
    version: u64,
}

impl std::ops::Deref for Rows {
    type Target = [Hit];
    fn deref(&self) -> &[Hit] {
        &self.hits
    }
}

impl Rows {
    /// New rows.
    pub fn set(&mut self, hits: Vec<Hit>) {
        self.hits = hits;
        self.version += 1;
    }

    /// The rows, taken out (none left).
    pub fn take(&mut self) -> Vec<Hit> {
        self.version += 1;
        std::mem::take(&mut self.hits)
    }

    /// Counts every change.
    pub fn version(&self) -> u64 {
        self.version
    }
}

/// The messages of the session, newest last: read as a slice; changed only through its
/// methods, which count the change (the log overlay is built from it).
#[derive(Debug, Default)]
pub struct Log {
    messages: Vec<Message>,
    version: u64,
}

impl std::ops::Deref for Log {
    type Target = [Message];
    fn deref(&self) -> &[Message] {
        &self.messages
    }
}

impl Log {
    /// Keeps a message (the oldest goes past [`LOG_SIZE`]); returns its number.
    pub fn push(&mut self, message: Message) -> u64 {
        self.version += 1;
        self.messages.push(Message {
            seq: self.version,
            ..message
        });
        if self.messages.len() > LOG_SIZE {
            self.messages.remove(0);
        }
        self.version
    }

    /// Words the message of this number again (a change's message, once it is saved).
    pub fn reword(&mut self, seq: u64, new: &str, kind: MessageKind) {
        if let Some(m) = self.messages.iter_mut().rev().find(|m| m.seq == seq) {
            m.text = new.to_string();
            m.kind = kind;
            self.version += 1;
        }
    }

    /// Counts every change.
    pub fn version(&self) -> u64 {
        self.version
    }
}
