#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// On docs.rs, each item says which feature it needs (`Available on crate feature responses only`).
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod runtime;
pub use runtime::json;
pub use runtime::{Binary, Endpoint, FileUpload, JsonNumber, Mismatch, Nullable, Object, Presence, Problem, WireValue};

mod shortcuts;

pub mod api;
pub use api::{build_request, parse_response, ApiConfig, ApiError};
#[cfg(feature = "reqwest")]
pub mod client;
#[cfg(feature = "reqwest")]
pub use client::Client;

// Generated from spec/openapi.yaml by `cargo xtask codegen`; never edited by hand.
// Variants are as large as the spec's objects; boxing them would make every match clumsier.
#[allow(clippy::large_enum_variant)]
// Variant names come from the spec's values (`InputText`, `OutputText`, …).
#[allow(clippy::enum_variant_names)]
// Descriptions are the spec's own markdown.
#[allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::tabs_in_doc_comments)]
#[rustfmt::skip]
mod generated;
// Without any area feature there are no types to re-export.
#[allow(unused_imports)]
pub use generated::*;

// The repository README's examples are compiled and run as doctests too.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct RepositoryReadmeDoctests;
