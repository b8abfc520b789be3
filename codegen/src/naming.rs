//! Rust names for spec names: types in UpperCamelCase, fields in snake_case, enum variants in
//! UpperCamelCase that stays readable for values like `gpt-5.5-2026-04-23` or `1024x1024`.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words Rust reserves; a field named like one is written as a raw identifier (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct",
    "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Type names the generated code cannot give a schema: what it names unqualified (the prelude's
/// types, traits and variants; its impls' generic parameters `A`, `D`, `E`, `S` and local
/// `Visitor`) and what a generated crate's root re-exports from the runtime and the client. A
/// schema named like one would shadow it and the crate would not compile (or, at the root, be
/// unreachable), so its type is named with `Type` appended (`Result` → `ResultType`).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // The Rust 2021 prelude.
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
    // Derived traits and the generated impls' own names.
    "Debug",
    "Hash",
    "Visitor",
    "A",
    "D",
    "E",
    "F",
    "R",
    "S",
    "V",
    // Re-exported at a generated crate's root.
    "Endpoint",
    "JsonNumber",
    "Binary",
    "FileUpload",
    "Nullable",
    "ApiConfig",
    "ApiError",
    "Client",
];

/// The runtime's traits a struct's `Object` impl names unqualified: imported by the generated
/// module and each struct's file, so reserved like [`RESERVED_TYPE_NAMES`].
pub const STRUCT_RUNTIME_NAMES: [&str; 4] = ["FieldSpec", "FieldVisitor", "Object", "Reader"];

/// Whether generated code needs `name` for itself (a schema named so is renamed `<name>Type`).
fn is_reserved(name: &str) -> bool {
    RESERVED_TYPE_NAMES.contains(&name) || STRUCT_RUNTIME_NAMES.contains(&name)
}

/// Keywords that cannot be raw identifiers; these get a trailing underscore.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword (strict or reserved): nothing, a crate included, may be named so.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || NOT_RAW.contains(&name)
}

/// The words of a name: split on anything that is not a letter or digit.
fn words(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
}

/// UpperCamelCase that keeps digit groups apart (`5_5`), which rustc's camel-case lint allows.
fn camel(raw: &str) -> String {
    let mut out = String::new();
    for word in words(raw) {
        let word = word.to_upper_camel_case();
        if out.ends_with(|c: char| c.is_ascii_digit()) && word.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&word);
    }
    out
}

/// A type name for a schema key or a composed inline name.
pub fn type_name(raw: &str) -> String {
    let name = camel(raw);
    match name.chars().next() {
        None => "Unnamed".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("T{name}"),
        _ if NOT_RAW.contains(&name.as_str()) => format!("{name}_"),
        _ if is_reserved(&name) => format!("{name}Type"),
        _ => name,
    }
}

/// For a schema whose type name is not its own (see [`RESERVED_TYPE_NAMES`]), the sentence its
/// documentation gets.
pub fn reserved_rename_note(schema_key: &str) -> Option<String> {
    let natural = camel(schema_key);
    is_reserved(&natural)
        .then(|| format!("Named `{natural}Type`: `{natural}` is a name the generated code needs for itself."))
}

/// An enum variant name for a value (`24h` → `V24h`, `gpt-4o` → `Gpt4o`, `[DONE]` → `Done`).
pub fn variant_name(raw: &str) -> String {
    let name = camel(raw);
    match name.chars().next() {
        None => "Empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{name}"),
        _ if name == "Self" => "Self_".to_owned(),
        _ => name,
    }
}

/// A variant name for an integer enum value (`0` → `V0`, `-1` → `Minus1`).
pub fn integer_variant_name(value: i64) -> String {
    if value < 0 {
        format!("Minus{}", value.unsigned_abs())
    } else {
        format!("V{value}")
    }
}

/// A field or method name; keywords become raw identifiers (`r#type`).
pub fn field_name(raw: &str) -> String {
    let mut name: String =
        raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>().to_snake_case();
    if name.is_empty() {
        name = "field".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("n{name}");
    }
    if NOT_RAW.contains(&name.as_str()) {
        return format!("{name}_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        return format!("r#{name}");
    }
    name
}

/// The snake_case form of a (type or variant) name for method names (`as_function_call`).
pub fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// Hands out unique names: the first claim of a name gets it, later ones get a number.
#[derive(Debug, Default, Clone)]
pub struct UniqueNames {
    used: BTreeSet<String>,
}

impl UniqueNames {
    /// Whether `name` is already taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// Names for types: the reserved names are taken from the start, so no inline type composed
    /// from other names takes one either.
    pub fn for_types() -> Self {
        let reserved = RESERVED_TYPE_NAMES.iter().chain(&STRUCT_RUNTIME_NAMES);
        UniqueNames { used: reserved.map(|n| (*n).to_owned()).collect() }
    }

    /// Names for the variants of an enum or union that has the fallback variant: the fallback's
    /// name is taken from the start, and a value that would be named like it becomes
    /// `UnknownValue` (or `UnknownValue2`, …).
    pub fn for_variants() -> Self {
        UniqueNames { used: BTreeSet::from([crate::model::FALLBACK_VARIANT.to_owned()]) }
    }

    /// Takes a variant's name (see [`UniqueNames::for_variants`]).
    pub fn claim_variant(&mut self, name: &str) -> String {
        if name == crate::model::FALLBACK_VARIANT {
            self.claim(&format!("{name}Value"))
        } else {
            self.claim(name)
        }
    }

    /// Takes `name`, or `name2`, `name3`, … when it is taken.
    pub fn claim(&mut self, name: &str) -> String {
        if self.used.insert(name.to_owned()) {
            return name.to_owned();
        }
        (2..)
            .map(|n| format!("{name}{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .inspect(|candidate| {
                self.used.insert(candidate.clone());
            })
            .unwrap_or_else(|| name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_generated_code_needs_are_not_given_to_schemas() {
        assert_eq!(type_name("Result"), "ResultType");
        assert_eq!(type_name("visitor"), "VisitorType");
        assert_eq!(type_name("a"), "AType");
        assert_eq!(type_name("results"), "Results");
        assert!(reserved_rename_note("Option").is_some_and(|n| n.contains("OptionType")));
        assert_eq!(reserved_rename_note("Options"), None);
        assert_eq!(type_name("Reader"), "ReaderType");
        assert!(reserved_rename_note("object").is_some_and(|n| n.contains("ObjectType")));
        let mut names = UniqueNames::for_types();
        assert_eq!(names.claim("Vec"), "Vec2");
    }

    #[test]
    fn enum_values_become_clean_variants() {
        assert_eq!(variant_name("24h"), "V24h");
        assert_eq!(variant_name("gpt-4o"), "Gpt4o");
        assert_eq!(variant_name("gpt-5.5-2026-04-23"), "Gpt5_5_2026_04_23");
        assert_eq!(variant_name("in_memory"), "InMemory");
        assert_eq!(variant_name("1024x1024"), "V1024x1024");
        assert_eq!(variant_name("[DONE]"), "Done");
        assert_eq!(variant_name("audio/pcm"), "AudioPcm");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn fields_are_snake_case_and_keywords_are_escaped() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("static"), "r#static");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("self-harm/intent"), "self_harm_intent");
        assert_eq!(field_name("api_key.created"), "api_key_created");
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("2fa"), "n2fa");
    }

    #[test]
    fn type_names_are_upper_camel() {
        assert_eq!(type_name("Error-2"), "Error2");
        assert_eq!(type_name("response_input_item"), "ResponseInputItem");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("3d"), "T3d");
    }

    #[test]
    fn unique_names_number_repeats() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim("A"), "A");
        assert_eq!(names.claim("A"), "A2");
        assert_eq!(names.claim("A"), "A3");
    }
}
