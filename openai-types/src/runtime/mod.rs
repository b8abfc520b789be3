//! The hand-written support code the generated types build on.
//!
//! Part of the public API: [`Nullable`] (optional fields that may also be `null`),
//! [`JsonNumber`], and wire fidelity: [`WireValue::spec_mismatches`] on every generated type,
//! [`Object::presence`] on every generated struct, the [`Mismatch`] report, and [`json`], a
//! faster writer of the bytes `serde_json::to_vec` writes. The modules
//! [`de`], [`object`], [`union`] and [`value`] hold what generated code calls.

pub mod endpoint;
mod file;
pub mod json;
pub mod multipart;
mod nullable;
mod number;
mod wire;

pub use endpoint::{BodyFormat, Endpoint, ResponseFormat};
pub use file::{Binary, FileUpload};
pub use nullable::Nullable;
pub use number::JsonNumber;
pub use object::{FieldKind, FieldSpec, FieldVisitor, Object, Reader};
pub use value::WireValue;
pub use wire::{describe, Mismatch, Pointer, Presence, Problem, Raw, Report, Wire};

#[doc(hidden)]
pub mod de;
// Macros the generated code calls per field and per variant, at a short path.
#[doc(hidden)]
pub use crate::{registry_entry, setter, variant_accessors, variant_from};
#[doc(hidden)]
pub mod object;
#[doc(hidden)]
pub mod union;
#[doc(hidden)]
pub mod value;
