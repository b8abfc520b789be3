//! Rust type expressions for model types.

use super::Emitter;
use crate::model::{Ty, TypeKind};
use proc_macro2::TokenStream;

impl Emitter<'_> {
    /// The Rust type of a value of `ty`.
    pub fn ty(&self, ty: &Ty) -> TokenStream {
        super::type_tokens(&self.api.ty(ty))
    }

    /// The type without a `Box` (what users pass to constructors and `From`).
    pub fn ty_unboxed(&self, ty: &Ty) -> TokenStream {
        super::type_tokens(&self.api.ty_unboxed(ty))
    }

    /// A short description of the JSON a type accepts, for error messages.
    pub fn describe(&self, ty: &Ty) -> String {
        match self.model.resolve(ty) {
            Ty::String => "a string".to_owned(),
            Ty::File => "a file (a `data:` URL)".to_owned(),
            Ty::Integer => "an integer".to_owned(),
            Ty::Unsigned => "a non-negative integer".to_owned(),
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
