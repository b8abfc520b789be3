//! Rust type expressions for model types.

use super::{ident, Emitter};
use crate::model::{Ty, TypeKind};
use proc_macro2::TokenStream;

impl Emitter<'_> {
    /// The Rust type of a value of `ty`.
    pub fn ty(&self, ty: &Ty) -> TokenStream {
        super::type_tokens(&self.ty_text(ty))
    }

    /// The Rust type of a value of `ty` as prettyplease prints it: the one place types are spelled.
    pub fn ty_text(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "String".to_owned(),
            Ty::Integer => "i64".to_owned(),
            Ty::Number => format!("{}::JsonNumber", self.runtime_text),
            Ty::Boolean => "bool".to_owned(),
            Ty::Any => "::serde_json::Value".to_owned(),
            Ty::Array(item) => format!("Vec<{}>", self.ty_text(item)),
            Ty::Map(value) if **value == Ty::Any => "::serde_json::Map<String, ::serde_json::Value>".to_owned(),
            Ty::Map(value) => format!("::std::collections::BTreeMap<String, {}>", self.ty_text(value)),
            Ty::Nullable(inner) => format!("Option<{}>", self.ty_text(inner)),
            Ty::Named { id, boxed } => {
                let name = ident(self.model.get(*id).map(|d| d.name.as_str()).unwrap_or("Unnamed"));
                if *boxed {
                    format!("Box<{name}>")
                } else {
                    name.to_string()
                }
            }
        }
    }

    /// The type without a `Box` (what users pass to constructors and `From`).
    pub fn ty_unboxed(&self, ty: &Ty) -> TokenStream {
        super::type_tokens(&self.ty_unboxed_text(ty))
    }

    /// [`Self::ty_unboxed`] as text.
    pub fn ty_unboxed_text(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named { id, .. } => self.ty_text(&Ty::Named { id: *id, boxed: false }),
            other => self.ty_text(other),
        }
    }

    /// Whether a missing required field of this type is filled with its empty value
    /// (string, number, boolean, array, map) when deserializing.
    pub fn has_obvious_empty(&self, ty: &Ty) -> bool {
        matches!(
            self.model.resolve(ty),
            Ty::String | Ty::Integer | Ty::Number | Ty::Boolean | Ty::Array(_) | Ty::Map(_)
        )
    }

    /// A short description of the JSON a type accepts, for error messages.
    pub fn describe(&self, ty: &Ty) -> String {
        match self.model.resolve(ty) {
            Ty::String => "a string".to_owned(),
            Ty::Integer => "an integer".to_owned(),
            Ty::Number => "a number".to_owned(),
            Ty::Boolean => "a boolean".to_owned(),
            Ty::Any => "any value".to_owned(),
            Ty::Array(_) => "an array".to_owned(),
            Ty::Map(_) => "an object".to_owned(),
            Ty::Nullable(inner) => format!("{} or null", self.describe(inner)),
            Ty::Named { id, .. } => match self.model.get(*id).map(|d| (&d.kind, d.name.as_str())) {
                Some((TypeKind::StringEnum(_), name)) => format!("a string ({name})"),
                Some((TypeKind::IntegerEnum(_), name)) => format!("an integer ({name})"),
                Some((_, name)) => format!("an object ({name})"),
                None => "a value".to_owned(),
            },
        }
    }
}
