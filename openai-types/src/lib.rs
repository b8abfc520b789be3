//! openai-types (work in progress)

pub mod runtime;
pub use runtime::Nullable;

#[allow(clippy::large_enum_variant)]
#[allow(clippy::enum_variant_names)]
#[allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::tabs_in_doc_comments)]
mod generated;
pub use generated::*;
