//! The one error type of the generator: every failure says where it is and what is wrong.

use std::fmt;

/// Where in the input an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A line and column (1-based) in the spec file, for syntax errors.
    LineColumn { line: usize, column: usize },
    /// A JSON pointer into the spec document (`#/components/schemas/Foo/properties/bar`).
    Pointer(String),
    /// A path on disk, for I/O failures.
    Path(String),
    /// No better place is known.
    Unknown,
}

/// A generation failure. `Display` gives one line a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The file the error is in, when known.
    pub file: Option<String>,
    /// Where in that file.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl Error {
    /// An error at a JSON pointer of the spec document.
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { file: None, location: Location::Pointer(pointer.into()), message: message.into() }
    }

    /// An error with no location but a file path (I/O).
    pub fn io(path: impl Into<String>, err: &std::io::Error) -> Self {
        let path = path.into();
        Error { file: Some(path.clone()), location: Location::Path(path), message: err.to_string() }
    }

    /// Names the spec file this error belongs to, unless it already names one.
    pub fn in_file(mut self, file: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_owned());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_deref().unwrap_or("<spec>");
        match &self.location {
            Location::LineColumn { line, column } => write!(f, "{file}:{line}:{column}: {}", self.message),
            Location::Pointer(p) => write!(f, "{file}: at {p}: {}", self.message),
            Location::Path(_) => write!(f, "{file}: {}", self.message),
            Location::Unknown => write!(f, "{file}: {}", self.message),
        }
    }
}

impl std::error::Error for Error {}

/// A problem that does not stop generation (e.g. a default that does not match its schema):
/// reported to the user, never silently dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer of the construct.
    pub pointer: String,
    /// What was wrong and what the generator did instead.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: at {}: {}", self.pointer, self.message)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
