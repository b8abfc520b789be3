//! String and integer enums. Every enum keeps values it does not know in a fallback variant, so a
//! new value from the API is data, not an error. Their items have a fixed shape and are printed
//! straight to text (see `print`).

use super::print::{string_literal, Printer, INDENT};
use super::{ident, Emitter, Piece};
use crate::model::{IntegerEnum, StringEnum, TypeDef};

/// What differs between a string and an integer enum, for the items they share.
struct ValueEnum<'a> {
    derive: &'a str,
    /// `(variant, doc line, the value as a Rust literal)`.
    variants: Vec<(String, String, String)>,
    fallback: String,
    /// The fallback's payload: `String` or `i64`.
    payload: &'a str,
    /// The method that returns the value (`as_str`), its return type and its fallback arm's body.
    getter: (&'a str, &'a str, &'a str),
    /// One `From` impl each: `(source type, match scrutinee, catch-all pattern, kept value)`.
    froms: &'a [(&'a str, &'a str, &'a str, &'a str)],
    /// Whether it implements `Display` (through the getter).
    display: bool,
    /// `Serialize::serialize`'s body.
    serialize: &'a str,
}

impl Emitter<'_> {
    pub(super) fn string_enum(&self, def: &TypeDef, e: &StringEnum) -> Vec<Piece> {
        let name = &def.name;
        let mut p = Printer::new();
        print_value_enum(
            &mut p,
            def,
            &ValueEnum {
                derive: "#[derive(Debug, Clone, PartialEq, Eq, Hash)]",
                variants: e
                    .variants
                    .iter()
                    .map(|v| {
                        let doc = variant_doc(&v.wire, &v.ident);
                        (ident(&v.ident).to_string(), doc, string_literal(&v.wire))
                    })
                    .collect(),
                fallback: ident(&e.fallback).to_string(),
                payload: "String",
                getter: ("as_str", "&str", "value"),
                froms: &[("&str", "value", "other", "other.to_owned()"), ("String", "value.as_str()", "_", "value")],
                display: true,
                serialize: "serializer.serialize_str(self.as_str())",
            },
        );
        p.blank();
        p.visitor_start(name, "impl ::serde::de::Visitor<'_>", &format!("a string ({name})"));
        for (method, value) in [("visit_str", "&str"), ("visit_string", "String")] {
            p.signature(
                3 * INDENT,
                &format!("fn {method}<E: ::serde::de::Error>"),
                &["self".to_owned(), format!("value: {value}")],
                &format!(" -> Result<{name}, E>"),
            );
            p.line(4 * INDENT, &format!("Ok({name}::from(value))"));
            p.line(3 * INDENT, "}");
        }
        p.visitor_end("deserialize_str");
        vec![self.printed(p)]
    }

    pub(super) fn integer_enum(&self, def: &TypeDef, e: &IntegerEnum) -> Vec<Piece> {
        let name = &def.name;
        let mut p = Printer::new();
        print_value_enum(
            &mut p,
            def,
            &ValueEnum {
                derive: "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]",
                variants: e
                    .variants
                    .iter()
                    .map(|(v, n)| {
                        (ident(v).to_string(), format!("`{n}`"), proc_macro2::Literal::i64_suffixed(*n).to_string())
                    })
                    .collect(),
                fallback: ident(&e.fallback).to_string(),
                payload: "i64",
                getter: ("as_i64", "i64", "*value"),
                froms: &[("i64", "value", "other", "other")],
                display: false,
                serialize: "serializer.serialize_i64(self.as_i64())",
            },
        );
        p.blank();
        p.impl_header("impl<'de> ::serde::Deserialize<'de>", name);
        p.deserialize_signature();
        p.line(2 * INDENT, &format!("<i64 as ::serde::Deserialize>::deserialize(deserializer).map({name}::from)"));
        p.line(INDENT, "}");
        p.line(0, "}");
        vec![self.printed(p)]
    }
}

/// The enum, its getter, its `From` impls and `Serialize`: everything but `Deserialize`.
fn print_value_enum(p: &mut Printer, def: &TypeDef, e: &ValueEnum<'_>) {
    let name = &def.name;
    let fallback = &e.fallback;
    p.description(0, def.doc.as_deref());
    p.line(0, e.derive);
    p.line(0, "#[non_exhaustive]");
    p.line(0, &format!("pub enum {name} {{"));
    for (vname, doc, _) in &e.variants {
        p.doc(INDENT, std::slice::from_ref(doc));
        p.line(INDENT, &format!("{vname},"));
    }
    p.doc(INDENT, &["A value this version of the crate does not know, kept as sent.".to_owned()]);
    p.line(INDENT, &format!("{fallback}({}),", e.payload));
    p.line(0, "}");
    p.blank();

    let (getter, returned, kept) = e.getter;
    p.line(0, &format!("impl {name} {{"));
    p.doc(INDENT, &["The value as it is written in JSON.".to_owned()]);
    p.signature(INDENT, &format!("pub fn {getter}"), &["&self".to_owned()], &format!(" -> {returned}"));
    let mut arms: Vec<(String, String)> =
        e.variants.iter().map(|(vname, _, literal)| (format!("Self::{vname}"), literal.clone())).collect();
    arms.push((format!("Self::{fallback}(value)"), kept.to_owned()));
    p.match_self(&arms);
    p.line(INDENT, "}");
    p.line(0, "}");
    p.blank();

    for (source, scrutinee, other, kept) in e.froms {
        p.impl_header(&format!("impl From<{source}>"), name);
        p.signature(INDENT, "fn from", &[format!("value: {source}")], " -> Self");
        p.line(2 * INDENT, &format!("match {scrutinee} {{"));
        for (vname, _, literal) in &e.variants {
            p.arm(3 * INDENT, literal, &format!("Self::{vname}"));
        }
        p.arm(3 * INDENT, other, &format!("Self::{fallback}({kept})"));
        p.line(2 * INDENT, "}");
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();
    }

    if e.display {
        p.impl_header("impl ::std::fmt::Display", name);
        p.signature(
            INDENT,
            "fn fmt",
            &["&self".to_owned(), "f: &mut ::std::fmt::Formatter<'_>".to_owned()],
            " -> ::std::fmt::Result",
        );
        p.line(2 * INDENT, &format!("f.write_str(self.{getter}())"));
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();
    }

    p.impl_header("impl ::serde::Serialize", name);
    p.serialize_signature();
    p.line(2 * INDENT, e.serialize);
    p.line(INDENT, "}");
    p.line(0, "}");
}

/// A string enum variant's doc: its wire value, and why it is named as it is when that is not
/// the value's own name.
fn variant_doc(wire: &str, ident: &str) -> String {
    let value = super::docs::code_span(wire);
    let natural = crate::naming::variant_name(wire);
    if natural == ident {
        value
    } else if natural == crate::model::FALLBACK_VARIANT {
        format!("{value}. Named `{ident}`: `{natural}` is the variant for values this crate does not know.")
    } else {
        format!("{value}. Named `{ident}`: another value is named `{natural}` too.")
    }
}
