//! Structs: fields, constants, the map of undeclared fields, constructors and setters, and the
//! hand-emitted `Serialize` / `Deserialize` impls that give them their JSON semantics.

use super::docs::{code_span, lines_to_attrs, sanitize};
use super::{ident, Emitter};
use crate::model::EXTRA_FIELDS;
use crate::model::{Field, Struct, Ty, TypeDef};
use crate::rust_api::{Input, Storage};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

impl Emitter<'_> {
    /// A field's Rust type, as the API decides it.
    fn field_type(&self, field: &Field) -> TokenStream {
        super::type_tokens(&self.api.field_type(field))
    }

    /// The struct and its impls.
    pub(super) fn struct_def(&self, def: &TypeDef, s: &Struct, defaultable: bool) -> TokenStream {
        let name = ident(&def.name);
        let mut doc = def.doc.as_deref().map(sanitize).unwrap_or_default();
        if !s.constants.is_empty() {
            if def.doc.is_some() {
                doc.push(String::new());
            }
            let list: Vec<String> = s
                .constants
                .iter()
                .map(|c| format!("{} = {}", code_span(&c.wire), code_span(&c.value.to_string())))
                .collect();
            doc.push(format!("Always written with {}: the type fills these in.", list.join(", ")));
        }
        let doc = lines_to_attrs(&doc);
        let derive = if defaultable {
            quote!(#[derive(Debug, Clone, PartialEq, Default)])
        } else {
            quote!(#[derive(Debug, Clone, PartialEq)])
        };
        let fields = s.fields.iter().map(|f| {
            let doc = lines_to_attrs(&self.field_doc(f));
            let fname = ident(&f.ident);
            let ty = self.field_type(f);
            quote!(#doc pub #fname: #ty,)
        });
        let extra = ident(EXTRA_FIELDS);
        let inherent = self.inherent_impl(def, s, defaultable);
        let serialize = self.struct_serialize(def, s);
        let deserialize = self.struct_deserialize(def, s);
        quote! {
            #doc
            #derive
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                /// Fields the spec does not declare: kept when reading, written back when writing.
                pub #extra: ::serde_json::Map<String, ::serde_json::Value>,
            }
            #inherent
            #serialize
            #deserialize
        }
    }

    /// A field's doc lines: its description and its default.
    fn field_doc(&self, f: &Field) -> Vec<String> {
        let mut lines = sanitize(f.doc.as_deref().unwrap_or(""));
        if let Some(default) = &f.default {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(format!("Default: {}.", code_span(&default.to_string())));
        }
        lines
    }

    /// `impl Name { new, with_* }`.
    fn inherent_impl(&self, def: &TypeDef, s: &Struct, defaultable: bool) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        let required = self.api.constructor_fields(s);
        let new_doc = lines_to_attrs(&[if required.is_empty() {
            format!("Creates an empty `{}`; set optional fields with the `with_*` methods.", def.name)
        } else {
            format!("Creates a `{}` from its required fields.", def.name)
        }]);
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let params = required.iter().map(|f| {
            let fname = ident(&f.ident);
            let ty = super::type_tokens(&self.api.input(&f.ty).param_type());
            quote!(#fname: #ty)
        });
        let body = if defaultable && required.is_empty() {
            quote!(Self::default())
        } else {
            let inits = s.fields.iter().map(|f| {
                let fname = ident(&f.ident);
                if required.iter().any(|r| r.ident == f.ident) {
                    let value = convert(&self.api.input(&f.ty), quote!(#fname));
                    quote!(#fname: #value)
                } else {
                    quote!(#fname: Default::default())
                }
            });
            quote!(Self { #(#inits,)* #extra: ::serde_json::Map::new() })
        };
        let setters = self.api.setter_fields(s).into_iter().map(|f| {
            let fname = ident(&f.ident);
            let method = format_ident!("{}", self.api.setter_name(f));
            let doc = lines_to_attrs(&[format!("Sets {}.", code_span(&f.wire))]);
            let input = self.api.input(&f.ty);
            let ty = super::type_tokens(&input.param_type());
            let converted = convert(&input, quote!(value));
            let value = match self.api.storage(f) {
                Storage::ThreeState => quote!(#rt::Nullable::Value(#converted)),
                Storage::Option { .. } => quote!(Some(#converted)),
                Storage::Plain => converted,
            };
            quote! {
                #doc
                pub fn #method(mut self, value: #ty) -> Self {
                    self.#fname = #value;
                    self
                }
            }
        });
        quote! {
            impl #name {
                #new_doc
                #allow
                pub fn new(#(#params),*) -> Self {
                    #body
                }
                #(#setters)*
            }
        }
    }

    fn struct_serialize(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        let constants = s.constants.iter().map(|c| {
            let key = &c.wire;
            let value = constant_expr(&c.value);
            quote!(map.serialize_entry(#key, &#value)?;)
        });
        let fields = s.fields.iter().map(|f| {
            let key = &f.wire;
            let fname = ident(&f.ident);
            // Integer arrays (token bytes) are written through a helper that prints the same
            // digits faster (runtime::ser::Integers).
            let integers = matches!(self.model.resolve(&f.ty), Ty::Array(item) if **item == Ty::Integer);
            match self.api.storage(f) {
                Storage::Plain if integers => quote!(map.serialize_entry(#key, &#rt::ser::Integers(&self.#fname))?;),
                Storage::Option { write_none: false } if integers => quote! {
                    if let Some(value) = &self.#fname {
                        map.serialize_entry(#key, &#rt::ser::Integers(value))?;
                    }
                },
                Storage::Plain | Storage::Option { write_none: true } => {
                    quote!(map.serialize_entry(#key, &self.#fname)?;)
                }
                Storage::Option { write_none: false } => quote! {
                    if let Some(value) = &self.#fname {
                        map.serialize_entry(#key, value)?;
                    }
                },
                Storage::ThreeState => quote! {
                    if !self.#fname.is_absent() {
                        map.serialize_entry(#key, &self.#fname)?;
                    }
                },
            }
        });
        // A declared key in the extra map would be written twice; the declared field wins.
        let declared = s.constants.iter().map(|c| &c.wire).chain(s.fields.iter().map(|f| &f.wire));
        quote! {
            impl ::serde::Serialize for #name {
                #[inline]
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(None)?;
                    #(#constants)*
                    #(#fields)*
                    #rt::ser::extra_fields(&mut map, &self.#extra, &[#(#declared),*])?;
                    map.end()
                }
            }
        }
    }

    fn struct_deserialize(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        // One `Slot` per declared field and per constant: it knows whether its key was seen, so
        // each arm is one call (the types are inferred from the struct literal at the end).
        let mut slots = Vec::new();
        let mut arms = Vec::new();
        let mut inits = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let key = &f.wire;
            let slot = format_ident!("field_{i}");
            slots.push(quote!(let mut #slot = #rt::field::Slot::new();));
            let (read, init) = match self.api.storage(f) {
                // Lenient: missing or `null` (which the API sends where the spec says it cannot)
                // reads as the empty value.
                Storage::Plain if self.api.has_obvious_empty(&f.ty) => (quote!(read_or_null), quote!(or_default())),
                Storage::Plain => (quote!(read), quote!(required(#key)?)),
                // Any JSON value, `null` included, is a value of a free-form field.
                Storage::Option { .. } if *self.model.resolve(&f.ty) == Ty::Any => (quote!(read), quote!(optional())),
                Storage::Option { .. } => (quote!(read_or_null), quote!(optional())),
                // `Nullable` reads `null` itself; a missing key stays `Absent`.
                Storage::ThreeState => (quote!(read), quote!(or_default())),
            };
            arms.push(quote!(#key => #slot.#read(&mut map, #key)?,));
            let fname = ident(&f.ident);
            inits.push(quote!(#fname: #slot.#init));
        }
        for (i, c) in s.constants.iter().enumerate() {
            let key = &c.wire;
            let slot = format_ident!("constant_{i}");
            slots.push(quote!(let mut #slot = #rt::field::Slot::<()>::new();));
            let arm = match &c.value {
                Value::String(v) => quote!(#key => #slot.expect_str(&mut map, #key, #v)?,),
                other => {
                    let expected = constant_json(other);
                    quote!(#key => #slot.expect_constant(&mut map, #key, &#expected)?,)
                }
            };
            arms.push(arm);
        }
        // Every key is read once: a repeated one is an error, as with serde's derives.
        let keep_extra = quote! {
            let value = map.next_value()?;
            #rt::de::insert_once(&mut #extra, key.into_string(), value)?;
        };
        let dispatch = if arms.is_empty() {
            keep_extra
        } else {
            quote! {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        #keep_extra
                    }
                }
            }
        };
        let expecting = format!("an object ({})", def.name);
        let visit_map = quote! {
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                #(#slots)*
                let mut #extra = ::serde_json::Map::new();
                while let Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                    #dispatch
                }
                Ok(#name { #(#inits,)* #extra })
            }
        };
        Self::visitor_impl(
            &name,
            &expecting,
            quote!(impl<'de> ::serde::de::Visitor<'de>),
            visit_map,
            quote!(deserialize_map),
        )
    }
}

/// The value a parameter taken as `input` becomes.
fn convert(input: &Input, param: TokenStream) -> TokenStream {
    match input {
        Input::Into(_) => quote!(#param.into()),
        Input::List { .. } => quote!(#param.into_iter().map(Into::into).collect()),
        Input::Map { .. } => quote!(#param.into_iter().map(|(key, value)| (key.into(), value.into())).collect()),
    }
}

/// An expression for a constant that serializes as the constant.
fn constant_expr(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(#s),
        Value::Bool(b) => quote!(#b),
        _ => constant_json(value),
    }
}

/// A `serde_json::Value` expression for a constant.
fn constant_json(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(::serde_json::Value::from(#s)),
        Value::Bool(b) => quote!(::serde_json::Value::Bool(#b)),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => {
                let literal = proc_macro2::Literal::i64_suffixed(i);
                quote!(::serde_json::Value::from(#literal))
            }
            (None, Some(u), _) => {
                let literal = proc_macro2::Literal::u64_suffixed(u);
                quote!(::serde_json::Value::from(#literal))
            }
            (None, None, Some(f)) => {
                let literal = proc_macro2::Literal::f64_suffixed(f);
                quote!(::serde_json::Value::from(#literal))
            }
            _ => quote!(::serde_json::Value::Null),
        },
        other => {
            let text = other.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).unwrap_or_default())
        }
    }
}
