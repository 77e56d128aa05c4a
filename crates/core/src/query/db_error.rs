//! The error of the library's database as the query engine reads it: its own file, so
//! that the readers of rows and of word segments use it without depending on `db.rs`,
//! which uses them.

/// Why a query could not be answered from the database.
#[derive(Debug)]
pub enum DbError {
    /// SQLite refused.
    Sqlite(rusqlite::Error),
    /// Something stored does not hold together (damaged, or edited by hand).
    Damaged(String),
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Sqlite(e)
    }
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Sqlite(e) => write!(f, "{e}"),
            DbError::Damaged(what) => write!(f, "damaged: {what}"),
        }
    }
}

impl std::error::Error for DbError {}
