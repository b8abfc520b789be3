//! How a struct's fields were on the wire, where their Rust values cannot say it, and the report
//! of every place where data left the spec.
//!
//! A struct read from JSON keeps, per field, whether the key was missing, `null`, or held a value
//! of another JSON type than documented ([`Presence`]). The states live behind one pointer that is
//! `None` for well-formed data, so a struct pays 8 bytes and no allocation for it; a struct read
//! from data that left the spec allocates them once.

use serde_json::Value;
use std::fmt;

/// How a field was on the wire, where its Rust value cannot say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence<'a> {
    /// The Rust value tells it all: a value was read (or set in Rust), or an optional field was
    /// absent (`None`, `Nullable::Absent`).
    Stored,
    /// A required field's key was missing: it holds its zero value and is not written back.
    Absent,
    /// The field was `null` where its type cannot hold `null`: it holds its zero value and is
    /// written back as `null`.
    Null,
    /// The field held a value of another JSON type than documented: it holds its zero value, and
    /// this value is written back unchanged.
    Raw(&'a Value),
}

/// A value that left the spec, kept exactly as it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    /// The value as read.
    pub(crate) value: Value,
    /// Where inside `value` it left the spec, as a JSON pointer (empty: the value itself).
    pub(crate) at: String,
    /// What the spec documents there.
    pub(crate) expected: &'static str,
}

impl Raw {
    /// `value` where `expected` was documented.
    pub fn new(value: Value, expected: &'static str) -> Self {
        Raw { value, at: String::new(), expected }
    }

    /// The same mismatch, seen from a container: `value` is the container, `at` the item's
    /// place in it.
    pub(crate) fn inside(self, container: Value, at: &str) -> Self {
        Raw { value: container, at: format!("{at}{}", self.at), expected: self.expected }
    }

    /// The value as read.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The value the mismatch report describes.
    fn found(&self) -> &Value {
        self.value.pointer(&self.at).unwrap_or(&self.value)
    }

    pub(crate) fn into_value(self) -> Value {
        self.value
    }
}

/// The presence states of one struct value (see the module docs): one pointer, `None` for
/// well-formed data and for values built in Rust, so a struct pays 8 bytes for them.
#[derive(Clone, Default, PartialEq)]
pub struct Wire {
    states: StatesPtr,
}

/// How the fields of a struct were on the wire, where some left the spec. Never empty: a `Wire`
/// without states has no `States`.
#[derive(Clone, Default, PartialEq, Debug)]
struct States {
    /// The whole value, when it was not an object (the struct's fields are all zero).
    whole: Option<Raw>,
    /// Bit `i`: field `i` (below 64) was absent.
    absent: u64,
    /// Bit `i`: field `i` (below 64) was `null`.
    null: u64,
    /// Raw values, by field.
    raw: Vec<(usize, Raw)>,
    /// Fields past the 64th that were absent.
    absent_far: Vec<usize>,
    /// Fields past the 64th that were `null`.
    null_far: Vec<usize>,
}

impl States {
    fn is_empty(&self) -> bool {
        self.whole.is_none()
            && self.absent == 0
            && self.null == 0
            && self.raw.is_empty()
            && self.absent_far.is_empty()
            && self.null_far.is_empty()
    }
}

/// The pointer to [`States`]. Its drop is a test inlined into each struct's drop, and the rare
/// drop of the states themselves is out of line (a plain `Option<Box<_>>` made every struct's
/// drop call a function for it).
#[derive(Clone, Default, PartialEq)]
struct StatesPtr(Option<Box<States>>);

impl Drop for StatesPtr {
    #[inline]
    fn drop(&mut self) {
        if let Some(states) = self.0.take() {
            drop_states(states);
        }
    }
}

#[cold]
#[inline(never)]
fn drop_states(states: Box<States>) {
    drop(states);
}

impl fmt::Debug for Wire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(states) = &self.states.0 else { return f.write_str("Wire") };
        f.debug_struct("Wire")
            .field("absent", &format_args!("{:#b}", states.absent))
            .field("null", &format_args!("{:#b}", states.null))
            .field("raw", &states.raw)
            .field("absent_far", &states.absent_far)
            .field("null_far", &states.null_far)
            .finish()
    }
}

impl Wire {
    /// Whether every field's Rust value tells how it is written (always so for values built in
    /// Rust).
    pub fn is_plain(&self) -> bool {
        self.states.0.is_none()
    }

    /// The fields that may have a state, for writing: bit `i` set when field `i` (below 64) was
    /// absent or `null`; every bit set when there are raw values or fields past the 64th (then
    /// fields past the 64th may have one too). A clear bit means [`Presence::Stored`].
    #[inline]
    pub(crate) fn special_mask(&self) -> u64 {
        match &self.states.0 {
            None => 0,
            Some(states) => states.special_mask(),
        }
    }

    /// How field `index` was on the wire.
    pub fn presence(&self, index: usize) -> Presence<'_> {
        let Some(states) = &self.states.0 else { return Presence::Stored };
        if let Some((_, raw)) = states.raw.iter().find(|(i, _)| *i == index) {
            return Presence::Raw(&raw.value);
        }
        if index < 64 {
            let bit = 1u64 << index;
            if states.absent & bit != 0 {
                return Presence::Absent;
            }
            if states.null & bit != 0 {
                return Presence::Null;
            }
        } else if states.absent_far.contains(&index) {
            return Presence::Absent;
        } else if states.null_far.contains(&index) {
            return Presence::Null;
        }
        Presence::Stored
    }

    /// The raw value of field `index`, with where inside it the data left the spec.
    pub(crate) fn raw(&self, index: usize) -> Option<&Raw> {
        self.states.0.as_ref()?.raw.iter().find(|(i, _)| *i == index).map(|(_, raw)| raw)
    }

    fn states(&mut self) -> &mut States {
        self.states.0.get_or_insert_with(Box::default)
    }

    pub(crate) fn set_absent(&mut self, index: usize) {
        let states = self.states();
        if index < 64 {
            states.absent |= 1 << index;
        } else {
            states.absent_far.push(index);
        }
    }

    /// Marks absent every field (below 64) whose bit is set in `bits` (not 0).
    #[cold]
    pub(crate) fn set_absent_bits(&mut self, bits: u64) {
        self.states().absent |= bits;
    }

    /// Takes the states `read` recorded while a struct was read, into this struct's states
    /// (none yet).
    #[inline]
    pub(crate) fn set_read(&mut self, read: Wire) {
        if read.states.0.is_some() {
            self.merge(read);
        }
    }

    #[cold]
    fn merge(&mut self, mut read: Wire) {
        let Some(read) = read.states.0.take() else { return };
        match &mut self.states.0 {
            None => self.states.0 = Some(read),
            Some(states) => {
                let States { whole, absent, null, raw, absent_far, null_far } = *read;
                states.whole = states.whole.take().or(whole);
                states.absent |= absent;
                states.null |= null;
                states.raw.extend(raw);
                states.absent_far.extend(absent_far);
                states.null_far.extend(null_far);
            }
        }
    }

    pub(crate) fn set_null(&mut self, index: usize) {
        let states = self.states();
        if index < 64 {
            states.null |= 1 << index;
        } else {
            states.null_far.push(index);
        }
    }

    pub(crate) fn set_raw(&mut self, index: usize, raw: Raw) {
        self.states().raw.push((index, raw));
    }

    /// The JSON the struct was read from, when it was not an object.
    #[inline]
    pub fn whole(&self) -> Option<&Raw> {
        self.states.0.as_ref()?.whole.as_ref()
    }

    pub(crate) fn set_whole(&mut self, raw: Raw) {
        self.states().whole = Some(raw);
    }

    /// Forgets how field `index` was read: from now on its Rust value alone decides how it is
    /// written.
    pub fn forget(&mut self, index: usize) {
        let Some(states) = &mut self.states.0 else { return };
        if index < 64 {
            states.absent &= !(1 << index);
            states.null &= !(1 << index);
        }
        states.raw.retain(|(i, _)| *i != index);
        states.absent_far.retain(|i| *i != index);
        states.null_far.retain(|i| *i != index);
        if states.is_empty() {
            self.states.0 = None;
        }
    }
}

impl States {
    fn special_mask(&self) -> u64 {
        if self.raw.is_empty() && self.absent_far.is_empty() && self.null_far.is_empty() {
            self.absent | self.null
        } else {
            u64::MAX
        }
    }
}

/// A JSON pointer (RFC 6901) built while a value is walked.
#[derive(Debug, Default, Clone)]
pub struct Pointer(String);

impl Pointer {
    /// Appends an object key; returns the length to go back to.
    pub fn push_key(&mut self, key: &str) -> usize {
        let len = self.0.len();
        self.0.push('/');
        for c in key.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        len
    }

    /// Appends an array index; returns the length to go back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let len = self.0.len();
        self.0.push('/');
        self.0.push_str(&index.to_string());
        len
    }

    /// Goes back to a length [`push_key`](Pointer::push_key) or
    /// [`push_index`](Pointer::push_index) returned.
    pub fn truncate(&mut self, len: usize) {
        self.0.truncate(len);
    }

    /// The pointer's text (empty: the whole document).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What is wrong at one place.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    /// A required field is missing.
    MissingField,
    /// `null` where the spec does not allow it.
    UnexpectedNull,
    /// A value of another JSON type than documented (or an integer written `1.0` or too large).
    WrongType {
        /// What the spec documents.
        expected: &'static str,
        /// What was there, described (`an object`, `the number 1.0`).
        found: String,
    },
    /// A constant (`"type": "message"`) with another value.
    WrongConstant {
        /// The constant, as JSON.
        expected: String,
        /// The value read, as JSON.
        found: String,
    },
    /// A field the spec does not declare.
    UnknownField,
    /// A string enum's value the spec does not list.
    UnknownEnumValue(String),
    /// A union's tag value that no variant has.
    UnknownTag(String),
    /// A value no variant of a union takes.
    NoVariant {
        /// The union.
        expected: &'static str,
        /// What was there, described.
        found: String,
    },
}

/// One place where data left the spec: a JSON pointer into the value checked, and what is wrong
/// there. Made by [`WireValue::spec_mismatches`](super::WireValue::spec_mismatches).
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Where, as a JSON pointer (RFC 6901) from the checked value (empty: the value itself).
    pub pointer: String,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "(the value)" } else { &self.pointer };
        match &self.problem {
            Problem::MissingField => write!(f, "{at}: a required field is missing"),
            Problem::UnexpectedNull => write!(f, "{at}: null where the spec does not allow it"),
            Problem::WrongType { expected, found } => write!(f, "{at}: expected {expected}, found {found}"),
            Problem::WrongConstant { expected, found } => write!(f, "{at}: expected {expected}, found {found}"),
            Problem::UnknownField => write!(f, "{at}: a field the spec does not declare"),
            Problem::UnknownEnumValue(value) => write!(f, "{at}: {value:?} is not a documented value"),
            Problem::UnknownTag(tag) => write!(f, "{at}: {tag:?} is not a documented tag"),
            Problem::NoVariant { expected, found } => write!(f, "{at}: expected {expected}, found {found}"),
        }
    }
}

/// Collects mismatches while a value is walked.
pub struct Report<'a> {
    pub(crate) at: &'a mut Pointer,
    pub(crate) out: &'a mut Vec<Mismatch>,
}

impl Report<'_> {
    /// Records `problem` at the current place.
    pub fn add(&mut self, problem: Problem) {
        self.out.push(Mismatch { pointer: self.at.as_str().to_owned(), problem });
    }

    /// Runs `walk` one key deeper.
    pub fn key(&mut self, key: &str, walk: impl FnOnce(&mut Report<'_>)) {
        let len = self.at.push_key(key);
        walk(&mut Report { at: self.at, out: self.out });
        self.at.truncate(len);
    }

    /// Runs `walk` one array index deeper.
    pub fn index(&mut self, index: usize, walk: impl FnOnce(&mut Report<'_>)) {
        let len = self.at.push_index(index);
        walk(&mut Report { at: self.at, out: self.out });
        self.at.truncate(len);
    }

    /// Records a raw value: `null` or another JSON type than documented, at the place inside it
    /// where it left the spec.
    pub(crate) fn raw(&mut self, raw: &Raw) {
        let len = self.at.as_str().len();
        self.at.0.push_str(&raw.at);
        let found = raw.found();
        let problem = if found.is_null() {
            Problem::UnexpectedNull
        } else {
            Problem::WrongType { expected: raw.expected, found: describe(found) }
        };
        self.add(problem);
        self.at.truncate(len);
    }
}

/// A short description of a JSON value for a mismatch: its type, and scalars themselves.
pub fn describe(value: &Value) -> String {
    const MAX: usize = 60;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= MAX => format!("the string {s:?}"),
        Value::String(s) => format!("the string {:?}…", s.chars().take(MAX).collect::<String>()),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_kept_per_field_and_forgotten() {
        let mut wire = Wire::default();
        assert!(wire.is_plain());
        wire.set_absent(0);
        wire.set_null(3);
        wire.set_null(70);
        wire.set_raw(5, Raw::new(Value::from(1.5), "an integer"));
        assert_eq!(wire.presence(0), Presence::Absent);
        assert_eq!(wire.presence(1), Presence::Stored);
        assert_eq!(wire.presence(3), Presence::Null);
        assert_eq!(wire.presence(70), Presence::Null);
        assert_eq!(wire.presence(5), Presence::Raw(&Value::from(1.5)));
        for i in [0, 3, 5, 70] {
            wire.forget(i);
        }
        assert!(wire.is_plain());
    }

    #[test]
    fn pointers_escape_keys_and_mismatches_read_well() {
        let mut at = Pointer::default();
        let mut out = Vec::new();
        let mut report = Report { at: &mut at, out: &mut out };
        report.key("a/b~c", |r| r.index(2, |r| r.add(Problem::MissingField)));
        report.raw(&Raw::new(Value::from(1.0), "an integer").inside(Value::from(vec![1.0]), "/0"));
        assert_eq!(out[0].pointer, "/a~1b~0c/2");
        assert_eq!(out[0].to_string(), "/a~1b~0c/2: a required field is missing");
        assert_eq!(out[1].to_string(), "/0: expected an integer, found the number 1.0");
    }
}
