//! Structs: fields, constants, the map of undeclared fields, constructors and setters, and the
//! hand-emitted `Serialize` / `Deserialize` impls that give them their JSON semantics.

use super::print::{string_literal, Printer, INDENT};
use super::docs::code_span;
use super::{ident, Emitter, Piece};
use crate::model::EXTRA_FIELDS;
use crate::model::{Field, Struct, Ty, TypeDef};
use serde_json::Value;

/// How a field is stored, from its optionality and nullability.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Required, not nullable: `T`.
    Plain,
    /// Required and nullable (`Option<T>`, `None` written as `null`), or optional and not nullable
    /// (`Option<T>`, `None` omitted).
    Option { write_none: bool },
    /// Optional and nullable: `Nullable<T>`.
    ThreeState,
}

pub fn storage(field: &Field) -> Storage {
    match (field.required, field.nullable) {
        (true, false) => Storage::Plain,
        (true, true) => Storage::Option { write_none: true },
        (false, false) => Storage::Option { write_none: false },
        (false, true) => Storage::ThreeState,
    }
}

impl Emitter<'_> {
    fn field_storage(&self, field: &Field) -> Storage {
        // `serde_json::Value` holds `null` itself.
        if field.ty == Ty::Any && field.required {
            return Storage::Plain;
        }
        storage(field)
    }

    fn field_type_text(&self, field: &Field) -> String {
        let ty = self.ty_text(&field.ty);
        match self.field_storage(field) {
            Storage::Plain => ty,
            Storage::Option { .. } => format!("Option<{ty}>"),
            Storage::ThreeState => format!("{}::Nullable<{ty}>", self.runtime_text),
        }
    }

    /// The struct and its impls. They have a fixed shape: printed straight to text (see `print`).
    pub(super) fn struct_def(&self, def: &TypeDef, s: &Struct, defaultable: bool) -> Vec<Piece> {
        let mut p = Printer::new();
        p.description(0, def.doc.as_deref());
        if !s.constants.is_empty() {
            if def.doc.is_some() {
                p.doc(0, &[String::new()]);
            }
            let list: Vec<String> = s.constants.iter().map(|c| format!("{} = {}", code_span(&c.wire), code_span(&c.value.to_string()))).collect();
            p.doc(0, &[format!("Always written with {}: the type fills these in.", list.join(", "))]);
        }
        p.line(
            0,
            if defaultable {
                "#[derive(Debug, Clone, PartialEq, Default)]"
            } else {
                "#[derive(Debug, Clone, PartialEq)]"
            },
        );
        p.line(0, "#[non_exhaustive]");
        p.line(0, &format!("pub struct {} {{", def.name));
        for f in &s.fields {
            p.doc(INDENT, &self.field_doc(f));
            p.typed_line(INDENT, &format!("pub {}: ", ident(&f.ident)), &self.field_type_text(f), ",", "");
        }
        p.doc(INDENT, &["Fields the spec does not declare: kept when reading, written back when writing.".to_owned()]);
        p.line(INDENT, &format!("pub {EXTRA_FIELDS}: ::serde_json::Map<String, ::serde_json::Value>,"));
        p.line(0, "}");
        p.blank();
        self.print_inherent_impl(&mut p, def, s, defaultable);
        p.blank();
        self.print_serialize(&mut p, def, s);
        p.blank();
        self.print_deserialize(&mut p, def, s);
        vec![self.printed(p)]
    }

    /// A field's doc lines: its description and its default.
    fn field_doc(&self, f: &Field) -> Vec<String> {
        let mut lines = super::sanitize_doc(f.doc.as_deref().unwrap_or(""));
        if let Some(default) = &f.default {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(format!("Default: {}.", code_span(&default.to_string())));
        }
        lines
    }

    /// `impl Name { new, with_* }`.
    fn print_inherent_impl(&self, p: &mut Printer, def: &TypeDef, s: &Struct, defaultable: bool) {
        let required: Vec<&Field> = s
            .fields
            .iter()
            .filter(|f| matches!(self.field_storage(f), Storage::Plain | Storage::Option { write_none: true }))
            .collect();
        p.line(0, &format!("impl {} {{", def.name));
        p.doc(
            INDENT,
            &[if required.is_empty() {
                format!("Creates an empty `{}`; set optional fields with the `with_*` methods.", def.name)
            } else {
                format!("Creates a `{}` from its required fields.", def.name)
            }],
        );
        if required.len() > 7 {
            p.line(INDENT, "#[allow(clippy::too_many_arguments)]");
        }
        let params: Vec<String> =
            required.iter().map(|f| format!("{}: impl Into<{}>", ident(&f.ident), self.field_type_text(f))).collect();
        p.signature(INDENT, "pub fn new", &params, " -> Self");
        if defaultable && required.is_empty() {
            p.line(2 * INDENT, "Self::default()");
        } else {
            let mut inits: Vec<String> = s
                .fields
                .iter()
                .map(|f| {
                    let fname = ident(&f.ident);
                    if required.iter().any(|r| r.ident == f.ident) {
                        format!("{fname}: {fname}.into()")
                    } else {
                        format!("{fname}: Default::default()")
                    }
                })
                .collect();
            inits.push(format!("{EXTRA_FIELDS}: ::serde_json::Map::new()"));
            p.struct_literal(2 * INDENT, "", "Self", &inits, "");
        }
        p.line(INDENT, "}");
        for f in s.fields.iter().filter(|f| self.field_storage(f) != Storage::Plain) {
            let fname = ident(&f.ident);
            let plain = f.ident.trim_start_matches("r#");
            p.doc(INDENT, &[format!("Sets {}.", code_span(&f.wire))]);
            let params = ["mut self".to_owned(), format!("value: impl Into<{}>", self.ty_text(&f.ty))];
            p.signature(INDENT, &format!("pub fn with_{plain}"), &params, " -> Self");
            let value = match self.field_storage(f) {
                Storage::ThreeState => format!("{}::Nullable::Value(value.into())", self.runtime_text),
                _ => "Some(value.into())".to_owned(),
            };
            p.line(2 * INDENT, &format!("self.{fname} = {value};"));
            p.line(2 * INDENT, "self");
            p.line(INDENT, "}");
        }
        p.line(0, "}");
    }

    fn print_serialize(&self, p: &mut Printer, def: &TypeDef, s: &Struct) {
        let rt = &self.runtime_text;
        p.impl_header("impl ::serde::Serialize", &def.name);
        p.line(INDENT, "#[inline]");
        p.serialize_signature();
        p.line(2 * INDENT, "use ::serde::ser::SerializeMap as _;");
        p.line(2 * INDENT, "let mut map = serializer.serialize_map(None)?;");
        let body = 2 * INDENT;
        let entry = |p: &mut Printer, indent: usize, key: &str, value: &str| {
            p.call(indent, "map.serialize_entry", &[key, value], "?;");
        };
        for c in &s.constants {
            entry(p, body, &string_literal(&c.wire), &format!("&{}", constant_expr(&c.value)));
        }
        for f in &s.fields {
            let key = string_literal(&f.wire);
            let fname = ident(&f.ident);
            // Integer arrays (token bytes) are written through a helper that prints the same
            // digits faster (runtime::ser::Integers).
            let integers = matches!(self.model.resolve(&f.ty), Ty::Array(item) if **item == Ty::Integer);
            let (condition, value) = match self.field_storage(f) {
                Storage::Plain if integers => (None, format!("&{rt}::ser::Integers(&self.{fname})")),
                Storage::Option { write_none: false } if integers => {
                    (Some(format!("if let Some(value) = &self.{fname} {{")), format!("&{rt}::ser::Integers(value)"))
                }
                Storage::Plain | Storage::Option { write_none: true } => (None, format!("&self.{fname}")),
                Storage::Option { write_none: false } => {
                    (Some(format!("if let Some(value) = &self.{fname} {{")), "value".to_owned())
                }
                Storage::ThreeState => (Some(format!("if !self.{fname}.is_absent() {{")), format!("&self.{fname}")),
            };
            match condition {
                Some(condition) => {
                    p.line(body, &condition);
                    entry(p, body + INDENT, &key, &value);
                    p.line(body, "}");
                }
                None => entry(p, body, &key, &value),
            }
        }
        // A declared key in the extra map would be written twice; the declared field wins.
        let declared: Vec<String> = s
            .constants
            .iter()
            .map(|c| string_literal(&c.wire))
            .chain(s.fields.iter().map(|f| string_literal(&f.wire)))
            .collect();
        p.call_ending_in_array(
            body,
            &format!("{rt}::ser::extra_fields"),
            &["&mut map", &format!("&self.{EXTRA_FIELDS}")],
            &declared,
            "?;",
        );
        p.line(body, "map.end()");
        p.line(INDENT, "}");
        p.line(0, "}");
    }

    fn print_deserialize(&self, p: &mut Printer, def: &TypeDef, s: &Struct) {
        let rt = &self.runtime_text;
        let name = &def.name;
        p.visitor_start(name, "impl<'de> ::serde::de::Visitor<'de>", &format!("an object ({name})"));
        p.signature(
            3 * INDENT,
            "fn visit_map<A: ::serde::de::MapAccess<'de>>",
            &["self".to_owned(), "mut map: A".to_owned()],
            &format!(" -> Result<{name}, A::Error>"),
        );
        let body = 4 * INDENT;
        // One `Slot` per declared field and per constant: it knows whether its key was seen, so
        // each arm is one call (the types are inferred from the struct literal at the end).
        // (key, slot, method, expected constant)
        let mut arms: Vec<(String, String, &str, Option<String>)> = Vec::new();
        let mut inits = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let key = string_literal(&f.wire);
            p.line(body, &format!("let mut field_{i} = {rt}::field::Slot::new();"));
            let (read, init) = match self.field_storage(f) {
                // Lenient: missing or `null` (which the API sends where the spec says it cannot)
                // reads as the empty value.
                Storage::Plain if self.has_obvious_empty(&f.ty) => ("read_or_null", "or_default()".to_owned()),
                Storage::Plain => ("read", format!("required({key})?")),
                // Any JSON value, `null` included, is a value of a free-form field.
                Storage::Option { .. } if *self.model.resolve(&f.ty) == Ty::Any => ("read", "optional()".to_owned()),
                Storage::Option { .. } => ("read_or_null", "optional()".to_owned()),
                // `Nullable` reads `null` itself; a missing key stays `Absent`.
                Storage::ThreeState => ("read", "or_default()".to_owned()),
            };
            arms.push((key.clone(), format!("field_{i}"), read, None));
            inits.push(format!("{}: field_{i}.{init}", ident(&f.ident)));
        }
        for (i, c) in s.constants.iter().enumerate() {
            let key = string_literal(&c.wire);
            p.line(body, &format!("let mut constant_{i} = {rt}::field::Slot::<()>::new();"));
            let (read, expected) = match &c.value {
                Value::String(v) => ("expect_str", string_literal(v)),
                other => ("expect_constant", format!("&{}", constant_json(other))),
            };
            arms.push((key, format!("constant_{i}"), read, Some(expected)));
        }
        inits.push(EXTRA_FIELDS.to_owned());
        p.line(body, &format!("let mut {EXTRA_FIELDS} = ::serde_json::Map::new();"));
        p.line(body, &format!("while let Some(key) = map.next_key::<{rt}::de::Key<'de>>()? {{"));
        // Every key is read once: a repeated one is an error, as with serde's derives.
        let keep_extra = |p: &mut Printer, indent: usize| {
            p.line(indent, "let value = map.next_value()?;");
            p.call(
                indent,
                &format!("{rt}::de::insert_once"),
                &[&format!("&mut {EXTRA_FIELDS}"), "key.into_string()", "value"],
                "?;",
            );
        };
        if arms.is_empty() {
            keep_extra(p, body + INDENT);
        } else {
            let arm_indent = body + 2 * INDENT;
            p.line(body + INDENT, "match key.as_str() {");
            for (key, slot, method, expected) in &arms {
                let mut args = vec!["&mut map", key.as_str()];
                args.extend(expected.as_deref());
                p.arm_call(arm_indent, key, slot, method, &args, "?");
            }
            p.line(arm_indent, "_ => {");
            keep_extra(p, arm_indent + INDENT);
            p.line(arm_indent, "}");
            p.line(body + INDENT, "}");
        }
        p.line(body, "}");
        p.struct_literal(body, "Ok(", name, &inits, ")");
        p.line(3 * INDENT, "}");
        p.visitor_end("deserialize_map");
    }
}

/// An expression for a constant that serializes as the constant.
fn constant_expr(value: &Value) -> String {
    match value {
        Value::String(s) => string_literal(s),
        Value::Bool(b) => b.to_string(),
        _ => constant_json(value),
    }
}

/// A `serde_json::Value` expression for a constant.
fn constant_json(value: &Value) -> String {
    match value {
        Value::String(s) => format!("::serde_json::Value::from({})", string_literal(s)),
        Value::Bool(b) => format!("::serde_json::Value::Bool({b})"),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => format!("::serde_json::Value::from({})", proc_macro2::Literal::i64_suffixed(i)),
            (None, Some(u), _) => format!("::serde_json::Value::from({})", proc_macro2::Literal::u64_suffixed(u)),
            (None, None, Some(f)) => format!("::serde_json::Value::from({})", proc_macro2::Literal::f64_suffixed(f)),
            _ => "::serde_json::Value::Null".to_owned(),
        },
        other => format!(
            "::serde_json::from_str::<::serde_json::Value>({}).unwrap_or_default()",
            string_literal(&other.to_string())
        ),
    }
}
