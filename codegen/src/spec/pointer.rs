//! JSON pointers, built up as the generator walks the document, so every error can say where.

use std::fmt;

/// A JSON pointer in URI-fragment form (`#/components/schemas/Foo`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// Parses a `$ref`-style pointer; anything not starting with `#` is kept as is.
    pub fn from_ref(reference: &str) -> Self {
        Pointer(reference.to_owned())
    }

    /// The pointer one step further down (`token` is escaped).
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        let mut s = String::with_capacity(self.0.len() + 1 + token.as_ref().len());
        s.push_str(&self.0);
        s.push('/');
        s.push_str(&escape_pointer_token(token.as_ref()));
        Pointer(s)
    }

    /// The pointer one step further down into an array.
    pub fn index(&self, i: usize) -> Self {
        Pointer(format!("{}/{i}", self.0))
    }

    /// The text of the pointer.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Escapes one reference token (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
