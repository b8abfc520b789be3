//! Structs: fields, constants, the map of undeclared fields and the wire states, constructors and
//! setters, and an `Object` impl (the declared keys, reading one key, visiting the fields) from
//! which `runtime::object` derives `Serialize`, `Deserialize` and the mismatch report.

use super::docs::{code_span, lines_to_attrs, sanitize};
use super::{ident, Emitter};
use crate::model::{Field, Struct, TypeDef};
use crate::model::{EXTRA_FIELDS, WIRE_FIELD};
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
    pub(super) fn struct_def(&self, def: &TypeDef, s: &Struct) -> TokenStream {
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
        let fields = s.fields.iter().map(|f| {
            let doc = lines_to_attrs(&self.field_doc(f));
            let fname = ident(&f.ident);
            let ty = self.field_type(f);
            quote!(#doc pub #fname: #ty,)
        });
        let extra = ident(EXTRA_FIELDS);
        let wire = ident(WIRE_FIELD);
        let rt = &self.runtime;
        let inherent = self.inherent_impl(def, s);
        let object = self.object_impl(def, s);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Default)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                /// Fields the spec does not declare: kept when reading, written back when writing.
                pub #extra: ::serde_json::Map<String, ::serde_json::Value>,
                /// How the fields were on the wire where their values cannot say
                /// (`Object::presence`).
                #wire: #rt::Wire,
            }
            #inherent
            #object
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
    fn inherent_impl(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let required = self.api.constructor_fields(s);
        let setters: Vec<&Field> = self.api.setter_fields(s);
        let new_doc = lines_to_attrs(&[match (required.is_empty(), setters.is_empty()) {
            (false, _) => format!("Creates a `{}` from its required fields.", def.name),
            (true, false) => format!("Creates an empty `{}`; set optional fields with the `with_*` methods.", def.name),
            // Only constants (a tag): nothing to set.
            (true, true) => format!("Creates a `{}`.", def.name),
        }]);
        let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let params = required.iter().map(|f| {
            let fname = ident(&f.ident);
            let ty = super::type_tokens(&self.api.input(&f.ty).param_type());
            quote!(#fname: #ty)
        });
        let body = if required.is_empty() {
            quote!(Self::default())
        } else {
            let inits = required.iter().map(|f| {
                let fname = ident(&f.ident);
                match self.api.input(&f.ty) {
                    Input::Plain(_) => quote!(#fname),
                    input => {
                        let value = convert(&input, quote!(#fname));
                        quote!(#fname: #value)
                    }
                }
            });
            quote!(Self { #(#inits,)* ..Self::default() })
        };
        let setters = setters.into_iter().map(|f| self.setter(f));
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

    /// A `with_*` setter: one `setter!` line (the runtime spells the method out), or the method
    /// itself where the type is generic (macro arguments are printed as tokens: `Vec < T >`).
    fn setter(&self, f: &Field) -> TokenStream {
        let rt = &self.runtime;
        let fname = ident(&f.ident);
        let method = format_ident!("{}", self.api.setter_name(f));
        let input = self.api.input(&f.ty);
        let (kind, ty) = match &input {
            Input::Plain(ty) => ("Exact", ty),
            Input::Into(ty) => ("Into", ty),
            Input::List { item } => ("List", item),
            Input::Map { value } => ("Map", value),
        };
        let storage = self.api.storage(f);
        if ty.contains('<') {
            let doc = lines_to_attrs(&[format!("Sets {}.", code_span(&f.wire))]);
            let param = super::type_tokens(&input.param_type());
            let converted = convert(&input, quote!(value));
            let value = match storage {
                Storage::ThreeState => quote!(#rt::Nullable::Value(#converted)),
                Storage::Option { .. } => quote!(Some(#converted)),
                Storage::Plain => converted,
            };
            return quote! {
                #doc
                pub fn #method(mut self, value: #param) -> Self {
                    self.#fname = #value;
                    self
                }
            };
        }
        // The wire name where the field's name is not it (`r#type`, renamed fields).
        let wire = (f.wire != f.ident).then(|| {
            let wire = &f.wire;
            quote!(= #wire)
        });
        let ty = super::type_tokens(ty);
        // `setter!`'s words for the storage; an optional field set through `Into` is its default.
        let ty = match (storage, kind) {
            (Storage::Option { .. }, "Into") => ty,
            _ => {
                let storage = format_ident!(
                    "{}",
                    match storage {
                        Storage::ThreeState => "Nullable",
                        Storage::Option { .. } => "Option",
                        Storage::Plain => "Plain",
                    }
                );
                let kind = format_ident!("{kind}");
                quote!(#storage #kind(#ty))
            }
        };
        quote!(#rt::setter!(#method, #fname #wire, #ty);)
    }

    /// `impl Object`: the declared keys, reading one key, visiting the fields in order. The
    /// runtime derives `Serialize`, `Deserialize` and the mismatch report from it
    /// (`runtime::object`), so their rules are written once, not per struct.
    fn object_impl(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let mut specs = Vec::new();
        let mut arms = Vec::new();
        let mut visits = Vec::new();
        // Constants first: they are written before the fields, tags at the front of the object.
        for c in &s.constants {
            let index = proc_macro2::Literal::usize_unsuffixed(specs.len());
            let key = &c.wire;
            specs.push(match &c.value {
                Value::String(value) => quote!(FieldSpec::tag(#key, #value)),
                other => {
                    let json = other.to_string();
                    quote!(FieldSpec::constant(#key, #json))
                }
            });
            arms.push(quote!(#key => r.constant(#index),));
            visits.push(quote!(visitor.constant(#index)?;));
        }
        for f in &s.fields {
            let index = proc_macro2::Literal::usize_unsuffixed(specs.len());
            let key = &f.wire;
            let fname = ident(&f.ident);
            let (spec, method) = match self.api.storage(f) {
                Storage::Plain => (quote!(required), quote!(plain)),
                Storage::Option { write_none: true } => (quote!(required_nullable), quote!(option)),
                Storage::Option { write_none: false } => (quote!(optional), quote!(option)),
                Storage::ThreeState => (quote!(optional_nullable), quote!(nullable)),
            };
            specs.push(quote!(FieldSpec::#spec(#key)));
            arms.push(quote!(#key => r.#method(#index, &mut self.#fname),));
            visits.push(quote!(visitor.#method(#index, &self.#fname)?;));
        }
        // A struct without keys takes the trait's defaults: no keys, nothing to read or visit.
        let fields = s.has_keys().then(|| {
            quote! {
                const FIELDS: &'static [FieldSpec] = &[#(#specs),*];
                // Inline: one call per key and per struct on the hot path otherwise.
                #[inline]
                fn read_field<R: Reader>(&mut self, key: &str, r: &mut R) -> Result<bool, R::Error> {
                    match key {
                        #(#arms)*
                        _ => Ok(false),
                    }
                }
                #[inline]
                fn visit_fields<V: FieldVisitor>(&self, visitor: &mut V) -> Result<(), V::Error> {
                    #(#visits)*
                    Ok(())
                }
            }
        });
        quote! {
            impl Object for #name {
                #fields
            }
            #rt::object::object_impls!(#name);
        }
    }
}

/// The value a parameter taken as `input` becomes.
fn convert(input: &Input, param: TokenStream) -> TokenStream {
    match input {
        Input::Plain(_) => param,
        Input::Into(_) => quote!(#param.into()),
        Input::List { .. } => quote!(#param.into_iter().map(Into::into).collect()),
        Input::Map { .. } => quote!(#param.into_iter().map(|(key, value)| (key.into(), value.into())).collect()),
    }
}
