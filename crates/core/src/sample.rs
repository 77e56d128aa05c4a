//! The sample dossier shipped inside the binary: five real questions on the Asalée network,
//! so that `dossier` shows something real from any directory and after `cargo install`.

/// Prefix of the sample documents' source paths.
pub const SOURCE_PREFIX: &str = "<sample>";

/// The documents of `assets/`, by file name, embedded at build time.
pub const DOCUMENTS: [(&str, &str); 5] = [
    (
        "000_ca7e1411996a7a9f.txt",
        include_str!("../../../assets/000_ca7e1411996a7a9f.txt"),
    ),
    (
        "001_8a016c17cf93605d.txt",
        include_str!("../../../assets/001_8a016c17cf93605d.txt"),
    ),
    (
        "002_eb32264c33876689.txt",
        include_str!("../../../assets/002_eb32264c33876689.txt"),
    ),
    (
        "003_d03222e0d74a5826.txt",
        include_str!("../../../assets/003_d03222e0d74a5826.txt"),
    ),
    (
        "004_68d0ed20e3d9d359.txt",
        include_str!("../../../assets/004_68d0ed20e3d9d359.txt"),
    ),
];

/// The sample's questions, parsed straight from their documents: for the unit tests of the
/// modules below `load` (related questions, the word index), which must not reach up to it.
#[cfg(test)]
pub(crate) fn questions() -> Vec<crate::model::Question> {
    DOCUMENTS
        .iter()
        .filter_map(|(name, text)| {
            crate::parse::parse_bytes(text.as_bytes(), &format!("{SOURCE_PREFIX}/{name}")).ok()
        })
        .map(|parsed| parsed.question)
        .collect()
}
