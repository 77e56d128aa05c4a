//! What a parser or a load can find wrong with a file, as data: the words are chosen above
//! the domain (`i18n::load`), in the user's language.

use std::io;

/// What kind of non-text file a document turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FileKind {
    /// `%PDF`.
    Pdf,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A ZIP archive (or a Word/OpenDocument file).
    Zip,
    /// An old Microsoft Office document.
    OldOffice,
    /// An RTF document.
    Rtf,
    /// A program.
    Elf,
    /// A gzip archive.
    Gzip,
}

/// A system error, kept as its kind and the system's words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IoReason {
    /// The kind, for words in the user's language.
    #[serde(with = "error_kind")]
    pub kind: io::ErrorKind,
    /// The system's own message.
    pub text: String,
}

impl From<&io::Error> for IoReason {
    fn from(e: &io::Error) -> Self {
        IoReason {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

/// `io::ErrorKind` as the name of the kinds the messages tell apart (others read back as
/// `Other`).
mod error_kind {
    use std::io::ErrorKind;

    const KINDS: [(ErrorKind, &str); 8] = [
        (ErrorKind::NotFound, "not_found"),
        (ErrorKind::PermissionDenied, "permission_denied"),
        (ErrorKind::InvalidData, "invalid_data"),
        (ErrorKind::InvalidInput, "invalid_input"),
        (ErrorKind::UnexpectedEof, "unexpected_eof"),
        (ErrorKind::AlreadyExists, "already_exists"),
        (ErrorKind::Interrupted, "interrupted"),
        (ErrorKind::WouldBlock, "would_block"),
    ];

    pub fn serialize<S: serde::Serializer>(kind: &ErrorKind, s: S) -> Result<S::Ok, S::Error> {
        let name = KINDS
            .iter()
            .find(|(k, _)| k == kind)
            .map_or("other", |(_, n)| n);
        s.serialize_str(name)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ErrorKind, D::Error> {
        let name: String = serde::Deserialize::deserialize(d)?;
        Ok(KINDS
            .iter()
            .find(|(_, n)| *n == name)
            .map_or(ErrorKind::Other, |(k, _)| *k))
    }
}

/// What a JSON (or XML) value is, for a message about a field of the wrong type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// A list.
    List,
    /// An object.
    Object,
}

/// What a field should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Wanted {
    /// A string.
    String,
    /// An object.
    Object,
    /// A string or an object.
    StringOrObject,
}

/// An event a source gives without a date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Undated {
    /// An erratum of the question (false) or of the answer (true).
    Erratum(bool),
    /// A change of attribution, to this ministry.
    Attribution(String),
    /// A closure, with this label.
    Closure(String),
    /// A signalement.
    Signalement,
    /// Renewals.
    Renewals,
    /// A renewal with an unreadable date.
    RenewalUnreadable,
}

/// Why a cache file was ignored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CacheReason {
    /// Written by another version of dossier.
    OtherVersion,
    /// Damaged or truncated (what did not hold).
    Damaged(String),
    /// Could not be read (the system's words).
    Unreadable(String),
}

/// The limit an HTML page or text went past (see `limits.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum HtmlLimit {
    /// Elements nested deeper than this.
    Depth(usize),
    /// More elements than this.
    Elements(usize),
    /// A tag (or comment) longer than this many bytes.
    TagBytes(usize),
}

/// Something wrong with a file or one of its lines.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    // Decoding.
    /// The file is another kind of file.
    NotADocument(FileKind),
    /// NUL bytes: binary data.
    BinaryNul,
    /// Mostly control characters: binary data.
    BinaryControls,
    /// Not UTF-8: read as Windows-1252.
    Windows1252,
    /// Ends in the middle of a character.
    TruncatedUtf8,
    /// Invalid UTF-8 replaced.
    DamagedUtf8,
    /// UTF-16.
    Utf16,
    /// Control characters removed.
    ControlsRemoved(usize),
    // The text renderings.
    /// No byte at all.
    EmptyFile,
    /// Only blank lines.
    BlankFile,
    /// A line over the limit.
    LineTooLong {
        /// Its length.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// A legislature that is not a number.
    BadLegislature(String),
    /// An unknown question type.
    UnknownKind(String),
    /// A question number without digits.
    NumberWithoutDigits(String),
    /// A question number too large.
    NumberTooLarge(String),
    /// A date that does not exist.
    ImpossibleDate {
        /// The date as written.
        date: String,
        /// The label of its line.
        label: String,
    },
    /// A dated label without a date.
    NoDate {
        /// The label.
        label: String,
        /// The value.
        value: String,
    },
    /// Text glued after a date, as when a line break was lost (`page 2651Date de
    /// renouvellement : …`): an event may have been lost with it.
    TextAfterDate {
        /// The label of the line.
        label: String,
        /// What follows the date.
        rest: String,
        /// True when the glued text was read as a line of its own.
        recovered: bool,
    },
    /// The data field's number and the heading's differ.
    NumberMismatch {
        /// From `Numéro de la question`.
        field: u32,
        /// From the heading.
        heading: u32,
        /// The one kept.
        used: u32,
    },
    /// No question number.
    NoNumber,
    /// No question type: taken as a written question.
    NoKind,
    /// No legislature line: assumed from the dates.
    LegislatureAssumed(u16),
    /// No legislature line and no date.
    NoLegislature,
    /// No publication date.
    NoPublication,
    /// No author.
    NoAuthor,
    /// An answer text without its date.
    AnswerWithoutDate,
    // Open data.
    // Open data and saved pages.
    /// A JSON file that ends inside the document.
    TruncatedJson,
    /// Not valid JSON (the reader's words).
    InvalidJson(String),
    /// An XML file that ends inside an element (before its root closes when `true`).
    TruncatedXml,
    /// Not valid XML (the reader's words).
    InvalidXml(String),
    /// XML text that is not UTF-8.
    XmlNotUtf8,
    /// XML nested deeper than a question file ever is.
    XmlTooDeep(usize),
    /// HTML past one of the reader's limits: hostile, or not a question page.
    HtmlTooLarge(HtmlLimit),
    /// An XML file whose root element is empty.
    XmlEmptyRoot,
    /// XML text before the root element.
    XmlTextBeforeRoot,
    /// An XML root that holds many questions, given as one question file.
    XmlManyQuestions(String),
    /// An XML root of no schema dossier reads.
    UnknownRoot(String),
    /// Neither XML nor JSON.
    UnknownFormat,
    /// Valid JSON of no schema dossier reads (its top-level keys).
    UnknownSchema(String),
    /// A legacy archive without its list of questions.
    NoQuestionList,
    /// A field of the wrong type.
    WrongType {
        /// The field's path.
        field: String,
        /// What it is.
        found: JsonType,
        /// What it should be.
        expected: Wanted,
    },
    /// A field that must be there.
    MissingField(String),
    /// A field that should hold a date: ignored.
    NotADate {
        /// The field's path.
        field: String,
        /// What it holds.
        value: String,
    },
    /// A question type code dossier does not know.
    UnknownQuestionKind(String),
    /// A field that must be a number.
    NotANumber {
        /// The field's path.
        field: String,
        /// What it holds.
        value: String,
    },
    /// Legislature 0.
    LegislatureZero,
    /// A uid not of the form `QANR5L17QE1`.
    BadUid(String),
    /// A uid that says another question than the question's own fields.
    UidMismatch {
        /// The uid.
        uid: String,
        /// The id the fields give.
        id: String,
    },
    /// An event without a date: not shown.
    UndatedEvent(Undated),
    /// Closed as answered, without an answer text: shown as withdrawn.
    AnsweredWithoutText,
    /// Several question texts that differ: the last one is shown.
    SeveralTexts(usize),
    /// A problem with one question of a legacy archive.
    InQuestion {
        /// The question's uid (or its position).
        tag: String,
        /// What is wrong.
        problem: Box<Problem>,
    },
    /// A zip archive that cannot be read (the reader's words).
    BadArchive(String),
    /// A zip archive expanding past the limit.
    ArchiveTooBig(u64),
    /// A zip archive without any file entry: nothing to read in it.
    EmptyArchive,
    /// A zip entry that cannot be read (the reader's words).
    BadEntry(String),
    /// A zip entry declaring more than the limit.
    EntryTooBig {
        /// The size it declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// A zip entry expanding past the limit although it declares less.
    EntryBomb {
        /// The size it declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// A zip entry holding another size than it declares.
    EntrySize {
        /// The size it declares.
        declared: u64,
        /// The size it holds.
        actual: u64,
    },
    /// An author whose acteur is not in the data given: shown by its reference.
    UnresolvedAuthor(String),
    /// Open-data questions without any AMO data to name their authors.
    NoAmo {
        /// Authors shown by their reference.
        authors: usize,
    },
    /// A saved page of none of the known layouts of the Assemblée's site.
    NotAQuestionPage,
    // Loading.
    /// A path cannot be opened.
    CannotOpen(IoReason),
    /// A file cannot be read.
    CannotRead(IoReason),
    /// More files than a load reads.
    TooManyFiles(usize),
    /// A FIFO, device or socket.
    NotRegular,
    /// Directories nested too deep.
    TooDeep(usize),
    /// A symbolic link loop.
    SymlinkLoop,
    /// A file over the size limit.
    TooBig {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A file that grew past the limit while read.
    GrewWhileRead(u64),
    /// The load was cancelled (the user quit).
    Cancelled,
    /// The cache file was ignored: every file was read again.
    CacheIgnored(CacheReason),
    /// A second copy of a question.
    Duplicate {
        /// The copy kept.
        kept: String,
        /// The question's id.
        id: String,
        /// True when the kept copy is more complete; false when both tell as much.
        more_complete: bool,
    },
    /// The same file named twice (under two spellings of its path).
    SamePath(String),
    // Added after the others, so that caches written before still read.
    /// A text that looks like a question page (these labels, as it writes them) in a
    /// layout dossier does not know.
    UnknownLayout(Vec<String>),
    /// XML of another schema than the Assemblée's questions (its root element).
    ForeignXml(String),
    /// JSON of another schema than the Assemblée's questions and AMO files (its keys).
    ForeignJson(String),
}
