//! String and integer enums. Every enum keeps values it does not know in a fallback variant, so a
//! new value from the API is data, not an error.

use super::{doc_attrs, ident, Emitter};
use crate::model::{IntegerEnum, StringEnum, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    pub(super) fn string_enum(&self, def: &TypeDef, e: &StringEnum) -> TokenStream {
        let name = ident(&def.name);
        let doc = doc_attrs(def.doc.as_deref());
        let fallback = ident(&e.fallback);
        let variants = e.variants.iter().map(|v| {
            let vname = ident(&v.ident);
            let text = format!(" `{}`", v.wire.replace('`', "'"));
            quote!(#[doc = #text] #vname,)
        });
        let to_str = e.variants.iter().map(|v| {
            let vname = ident(&v.ident);
            let wire = &v.wire;
            quote!(Self::#vname => #wire,)
        });
        let from_str: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|v| {
                let vname = ident(&v.ident);
                let wire = &v.wire;
                quote!(#wire => Self::#vname,)
            })
            .collect();
        let expecting = format!("a string ({})", def.name);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know, kept as sent.
                #fallback(String),
            }

            impl #name {
                /// The value as it is written in JSON.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#to_str)*
                        Self::#fallback(value) => value,
                    }
                }
            }

            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #(#from_str)*
                        other => Self::#fallback(other.to_owned()),
                    }
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    match value.as_str() {
                        #(#from_str)*
                        _ => Self::#fallback(value),
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    struct Visitor;
                    impl ::serde::de::Visitor<'_> for Visitor {
                        type Value = #name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(#expecting)
                        }
                        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<#name, E> {
                            Ok(#name::from(value))
                        }
                        fn visit_string<E: ::serde::de::Error>(self, value: String) -> Result<#name, E> {
                            Ok(#name::from(value))
                        }
                    }
                    deserializer.deserialize_str(Visitor)
                }
            }
        }
    }

    pub(super) fn integer_enum(&self, def: &TypeDef, e: &IntegerEnum) -> TokenStream {
        let name = ident(&def.name);
        let doc = doc_attrs(def.doc.as_deref());
        let fallback = ident(&e.fallback);
        let variants = e.variants.iter().map(|(v, n)| {
            let vname = ident(v);
            let text = format!(" `{n}`");
            quote!(#[doc = #text] #vname,)
        });
        let to_int = e.variants.iter().map(|(v, n)| {
            let vname = ident(v);
            quote!(Self::#vname => #n,)
        });
        let from_int = e.variants.iter().map(|(v, n)| {
            let vname = ident(v);
            quote!(#n => Self::#vname,)
        });
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know, kept as sent.
                #fallback(i64),
            }

            impl #name {
                /// The value as it is written in JSON.
                pub fn as_i64(&self) -> i64 {
                    match self {
                        #(#to_int)*
                        Self::#fallback(value) => *value,
                    }
                }
            }

            impl From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value {
                        #(#from_int)*
                        other => Self::#fallback(other),
                    }
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_i64(self.as_i64())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <i64 as ::serde::Deserialize>::deserialize(deserializer).map(#name::from)
                }
            }
        }
    }
}
