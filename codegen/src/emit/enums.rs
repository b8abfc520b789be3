//! String and integer enums. Every enum keeps values it does not know in a fallback variant, so a
//! new value from the API is data, not an error.

use super::docs::{doc_attrs, lines_to_attrs};
use super::{ident, Emitter};
use crate::model::{IntegerEnum, StringEnum, TypeDef};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// What differs between a string and an integer enum, for the items they share.
struct ValueEnum {
    derive: TokenStream,
    /// `(variant, doc line, the value as a Rust literal)`.
    variants: Vec<(Ident, String, Literal)>,
    fallback: Ident,
    /// The fallback's payload: `String` or `i64`.
    payload: TokenStream,
    /// The runtime trait that holds the table of values, and the values' type.
    table: (TokenStream, TokenStream),
    /// The zero value, for the fallback's doc (`Unknown("")`).
    zero: &'static str,
    /// The getter (`as_str`), `From`, `Default`, `Serialize`, `Deserialize` and `WireValue`, from
    /// the runtime.
    impls: TokenStream,
}

impl Emitter<'_> {
    pub(super) fn string_enum(&self, def: &TypeDef, e: &StringEnum) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        value_enum(
            def,
            ValueEnum {
                derive: quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)]),
                variants: e
                    .variants
                    .iter()
                    .map(|v| (ident(&v.ident), variant_doc(&v.wire, &v.ident), Literal::string(&v.wire)))
                    .collect(),
                fallback: ident(&e.fallback),
                payload: quote!(String),
                table: (quote!(#rt::object::StringEnum), quote!(&'static str)),
                zero: "`Unknown(\"\")`",
                impls: quote!(#rt::object::string_enum_impls!(#name);),
            },
        )
    }

    pub(super) fn integer_enum(&self, def: &TypeDef, e: &IntegerEnum) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        value_enum(
            def,
            ValueEnum {
                derive: quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]),
                variants: e
                    .variants
                    .iter()
                    .map(|(v, n)| (ident(v), format!("`{n}`"), Literal::i64_unsuffixed(*n)))
                    .collect(),
                fallback: ident(&e.fallback),
                payload: quote!(i64),
                table: (quote!(#rt::object::IntegerEnum), quote!(i64)),
                zero: "`Unknown(0)`",
                impls: quote!(#rt::object::integer_enum_impls!(#name);),
            },
        )
    }
}

/// The enum and its table of values; the runtime derives the rest from the table.
fn value_enum(def: &TypeDef, e: ValueEnum) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc_attrs(def.doc.as_deref());
    let ValueEnum { derive, variants, fallback, payload, table, zero, impls } = e;
    let (table_trait, value_type) = table;
    let definitions = variants.iter().map(|(vname, doc, _)| {
        let doc = lines_to_attrs(std::slice::from_ref(doc));
        quote!(#doc #vname,)
    });
    let entries = variants.iter().map(|(vname, _, literal)| quote!((Self::#vname, #literal)));
    let fallback_doc = lines_to_attrs(&[
        "A value this version of the crate does not know, kept as sent.".to_owned(),
        format!("{zero} is the enum's zero value, which a missing field holds."),
    ]);
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        pub enum #name {
            #(#definitions)*
            #fallback_doc
            #fallback(#payload),
        }
        impl #table_trait for #name {
            const VALUES: &'static [(Self, #value_type)] = &[#(#entries),*];
        }
        #impls
    }
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
