//! The hand-written support code the generated types build on.
//!
//! [`Nullable`] is part of the public API (optional fields that may also be `null`). The
//! deserialization helpers in [`de`] and [`field`], and the serialization helpers in
//! [`ser`], are used by generated code only.

pub mod endpoint;
mod nullable;
mod number;

pub use endpoint::Endpoint;
pub use nullable::Nullable;
pub use number::JsonNumber;

#[doc(hidden)]
pub mod de;
#[doc(hidden)]
pub mod field;
#[doc(hidden)]
pub mod ser;
