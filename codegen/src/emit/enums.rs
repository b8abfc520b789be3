//! String and integer enums. Every enum keeps values it does not know in a fallback variant, so a
//! new value from the API is data, not an error. Their items have a fixed shape and are printed
//! straight to text (see `print`).

use super::print::{string_literal, Printer, INDENT};
use super::{ident, Emitter, Piece};
use crate::model::{IntegerEnum, StringEnum, TypeDef};

/// The doc line of a fallback variant.
const UNKNOWN_VALUE_DOC: &str = "A value this version of the crate does not know, kept as sent.";

impl Emitter<'_> {
    pub(super) fn string_enum(&self, def: &TypeDef, e: &StringEnum) -> Vec<Piece> {
        let name = &def.name;
        let fallback = ident(&e.fallback);
        let variants: Vec<(String, String)> =
            e.variants.iter().map(|v| (ident(&v.ident).to_string(), string_literal(&v.wire))).collect();
        let mut p = Printer::new();
        p.description(0, def.doc.as_deref());
        p.line(0, "#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
        p.line(0, "#[non_exhaustive]");
        p.line(0, &format!("pub enum {name} {{"));
        for (v, (vname, _)) in e.variants.iter().zip(&variants) {
            p.doc(INDENT, &[format!("`{}`", v.wire.replace('`', "'"))]);
            p.line(INDENT, &format!("{vname},"));
        }
        p.doc(INDENT, &[UNKNOWN_VALUE_DOC.to_owned()]);
        p.line(INDENT, &format!("{fallback}(String),"));
        p.line(0, "}");
        p.blank();

        p.line(0, &format!("impl {name} {{"));
        p.doc(INDENT, &["The value as it is written in JSON.".to_owned()]);
        p.signature(INDENT, "pub fn as_str", &["&self".to_owned()], " -> &str");
        p.line(2 * INDENT, "match self {");
        for (vname, wire) in &variants {
            p.arm(3 * INDENT, &format!("Self::{vname}"), wire);
        }
        p.arm(3 * INDENT, &format!("Self::{fallback}(value)"), "value");
        p.line(2 * INDENT, "}");
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();

        for (source, scrutinee, other, kept) in
            [("&str", "value", "other", "other.to_owned()"), ("String", "value.as_str()", "_", "value")]
        {
            p.impl_header(&format!("impl From<{source}>"), name);
            p.signature(INDENT, "fn from", &[format!("value: {source}")], " -> Self");
            p.line(2 * INDENT, &format!("match {scrutinee} {{"));
            for (vname, wire) in &variants {
                p.arm(3 * INDENT, wire, &format!("Self::{vname}"));
            }
            p.arm(3 * INDENT, other, &format!("Self::{fallback}({kept})"));
            p.line(2 * INDENT, "}");
            p.line(INDENT, "}");
            p.line(0, "}");
            p.blank();
        }

        p.impl_header("impl ::std::fmt::Display", name);
        p.signature(
            INDENT,
            "fn fmt",
            &["&self".to_owned(), "f: &mut ::std::fmt::Formatter<'_>".to_owned()],
            " -> ::std::fmt::Result",
        );
        p.line(2 * INDENT, "f.write_str(self.as_str())");
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();

        self.print_enum_serialize(&mut p, name, "serializer.serialize_str(self.as_str())");
        p.blank();

        p.impl_header("impl<'de> ::serde::Deserialize<'de>", name);
        p.deserialize_signature();
        p.line(2 * INDENT, "struct Visitor;");
        p.line(2 * INDENT, "impl ::serde::de::Visitor<'_> for Visitor {");
        p.unbreakable(3 * INDENT, &format!("type Value = {name};"));
        p.expecting(&format!("a string ({name})"));
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
        p.line(2 * INDENT, "}");
        p.line(2 * INDENT, "deserializer.deserialize_str(Visitor)");
        p.line(INDENT, "}");
        p.line(0, "}");
        vec![self.printed(p)]
    }

    pub(super) fn integer_enum(&self, def: &TypeDef, e: &IntegerEnum) -> Vec<Piece> {
        let name = &def.name;
        let fallback = ident(&e.fallback);
        let variants: Vec<(String, String)> = e
            .variants
            .iter()
            .map(|(v, n)| (ident(v).to_string(), proc_macro2::Literal::i64_suffixed(*n).to_string()))
            .collect();
        let mut p = Printer::new();
        p.description(0, def.doc.as_deref());
        p.line(0, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]");
        p.line(0, "#[non_exhaustive]");
        p.line(0, &format!("pub enum {name} {{"));
        for ((_, n), (vname, _)) in e.variants.iter().zip(&variants) {
            p.doc(INDENT, &[format!("`{n}`")]);
            p.line(INDENT, &format!("{vname},"));
        }
        p.doc(INDENT, &[UNKNOWN_VALUE_DOC.to_owned()]);
        p.line(INDENT, &format!("{fallback}(i64),"));
        p.line(0, "}");
        p.blank();

        p.line(0, &format!("impl {name} {{"));
        p.doc(INDENT, &["The value as it is written in JSON.".to_owned()]);
        p.signature(INDENT, "pub fn as_i64", &["&self".to_owned()], " -> i64");
        p.line(2 * INDENT, "match self {");
        for (vname, n) in &variants {
            p.arm(3 * INDENT, &format!("Self::{vname}"), n);
        }
        p.arm(3 * INDENT, &format!("Self::{fallback}(value)"), "*value");
        p.line(2 * INDENT, "}");
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();

        p.impl_header("impl From<i64>", name);
        p.signature(INDENT, "fn from", &["value: i64".to_owned()], " -> Self");
        p.line(2 * INDENT, "match value {");
        for (vname, n) in &variants {
            p.arm(3 * INDENT, n, &format!("Self::{vname}"));
        }
        p.arm(3 * INDENT, "other", &format!("Self::{fallback}(other)"));
        p.line(2 * INDENT, "}");
        p.line(INDENT, "}");
        p.line(0, "}");
        p.blank();

        self.print_enum_serialize(&mut p, name, "serializer.serialize_i64(self.as_i64())");
        p.blank();

        p.impl_header("impl<'de> ::serde::Deserialize<'de>", name);
        p.deserialize_signature();
        p.line(2 * INDENT, &format!("<i64 as ::serde::Deserialize>::deserialize(deserializer).map({name}::from)"));
        p.line(INDENT, "}");
        p.line(0, "}");
        vec![self.printed(p)]
    }

    /// `impl Serialize` whose body is the one expression `write`.
    fn print_enum_serialize(&self, p: &mut Printer, name: &str, write: &str) {
        p.impl_header("impl ::serde::Serialize", name);
        p.serialize_signature();
        p.line(2 * INDENT, write);
        p.line(INDENT, "}");
        p.line(0, "}");
    }
}
