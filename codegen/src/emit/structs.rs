//! Structs: fields, constants, the map of undeclared fields, constructors and setters, and the
//! hand-emitted `Serialize` / `Deserialize` impls that give them their JSON semantics.

use super::{doc_attrs, ident, lines_to_attrs, Emitter};
use crate::model::EXTRA_FIELDS;
use crate::model::{Field, Struct, Ty, TypeDef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

/// How a field is stored, from its optionality and nullability.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Required, not nullable: `T`.
    Plain,
    /// Required and nullable (`Option<T>`, `None` written as `null`), or optional and not nullable
    /// (`Option<T>`, `None` omitted).
    Option { write_none: bool },
    /// Optional and nullable: `Nullable<T>`.
    ThreeState,
}

pub fn storage(field: &Field) -> Storage {
    match (field.required, field.nullable) {
        (true, false) => Storage::Plain,
        (true, true) => Storage::Option { write_none: true },
        (false, false) => Storage::Option { write_none: false },
        (false, true) => Storage::ThreeState,
    }
}

impl Emitter<'_> {
    fn field_storage(&self, field: &Field) -> Storage {
        // `serde_json::Value` holds `null` itself.
        if field.ty == Ty::Any && field.required {
            return Storage::Plain;
        }
        storage(field)
    }

    pub(super) fn field_type(&self, field: &Field) -> TokenStream {
        let ty = self.ty(&field.ty);
        let rt = &self.runtime;
        match self.field_storage(field) {
            Storage::Plain => ty,
            Storage::Option { .. } => quote!(Option<#ty>),
            Storage::ThreeState => quote!(#rt::Nullable<#ty>),
        }
    }

    pub(super) fn struct_def(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let doc = doc_attrs(def.doc.as_deref());
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        let defaultable = self.defaultable.get(self.type_index(def)).copied().unwrap_or(false);

        let fields = s.fields.iter().map(|f| {
            let field_doc = self.field_doc(f);
            let fname = ident(&f.ident);
            let ty = self.field_type(f);
            quote! { #field_doc pub #fname: #ty, }
        });
        let derive_default = if defaultable { quote!(Default,) } else { quote!() };
        let constants_doc = if s.constants.is_empty() {
            quote!()
        } else {
            let list: Vec<String> = s.constants.iter().map(|c| format!("`{}` = `{}`", c.wire, c.value)).collect();
            let text = format!(" Always written with {}: the type fills these in.", list.join(", "));
            let sep = if def.doc.is_some() { quote!(#[doc = ""]) } else { quote!() };
            quote!(#sep #[doc = #text])
        };

        let constructor = self.constructor(def, s, defaultable);
        let setters = s.fields.iter().filter(|f| self.field_storage(f) != Storage::Plain).map(|f| self.setter(f));
        let serialize = self.struct_serialize(def, s);
        let deserialize = self.struct_deserialize(def, s);
        let _ = rt;

        quote! {
            #doc
            #constants_doc
            #[derive(Debug, Clone, PartialEq, #derive_default)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                /// Fields the spec does not declare: kept when reading, written back when writing.
                pub #extra: ::serde_json::Map<String, ::serde_json::Value>,
            }

            impl #name {
                #constructor
                #(#setters)*
            }

            #serialize
            #deserialize
        }
    }

    fn type_index(&self, def: &TypeDef) -> usize {
        self.model.types.iter().position(|d| std::ptr::eq(d, def)).unwrap_or(usize::MAX)
    }

    fn field_doc(&self, f: &Field) -> TokenStream {
        let mut lines = super::sanitize_doc(f.doc.as_deref().unwrap_or(""));
        if let Some(default) = &f.default {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(format!("Default: `{default}`."));
        }
        lines_to_attrs(&lines)
    }

    fn constructor(&self, def: &TypeDef, s: &Struct, defaultable: bool) -> TokenStream {
        let required: Vec<&Field> = s
            .fields
            .iter()
            .filter(|f| matches!(self.field_storage(f), Storage::Plain | Storage::Option { write_none: true }))
            .collect();
        let params = required.iter().map(|f| {
            let fname = ident(&f.ident);
            let ty = self.field_type(f);
            quote!(#fname: impl Into<#ty>)
        });
        let inits = s.fields.iter().map(|f| {
            let fname = ident(&f.ident);
            if required.iter().any(|r| r.ident == f.ident) {
                quote!(#fname: #fname.into(),)
            } else {
                quote!(#fname: Default::default(),)
            }
        });
        let extra = ident(EXTRA_FIELDS);
        let text = if required.is_empty() {
            format!(" Creates an empty `{}`; set optional fields with the `with_*` methods.", def.name)
        } else {
            format!(" Creates a `{}` from its required fields.", def.name)
        };
        let allow = if required.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
        let body = if defaultable && required.is_empty() {
            quote!(Self::default())
        } else {
            quote!(Self { #(#inits)* #extra: ::serde_json::Map::new() })
        };
        quote! {
            #[doc = #text]
            #allow
            pub fn new(#(#params),*) -> Self {
                #body
            }
        }
    }

    fn setter(&self, f: &Field) -> TokenStream {
        let fname = ident(&f.ident);
        let plain = f.ident.trim_start_matches("r#");
        let method = format_ident!("with_{}", plain);
        let ty = self.ty(&f.ty);
        let rt = &self.runtime;
        let text = format!(" Sets `{}`.", f.wire);
        let value = match self.field_storage(f) {
            Storage::ThreeState => quote!(#rt::Nullable::Value(value.into())),
            _ => quote!(Some(value.into())),
        };
        quote! {
            #[doc = #text]
            pub fn #method(mut self, value: impl Into<#ty>) -> Self {
                self.#fname = #value;
                self
            }
        }
    }

    fn struct_serialize(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        let mut writes = Vec::new();
        for c in &s.constants {
            let key = &c.wire;
            let value = constant_expr(&c.value);
            writes.push(quote!(map.serialize_entry(#key, &#value)?;));
        }
        for f in &s.fields {
            let key = &f.wire;
            let fname = ident(&f.ident);
            let integers = matches!(self.model.resolve(&f.ty), Ty::Array(item) if **item == Ty::Integer);
            writes.push(match self.field_storage(f) {
                // Integer arrays (token bytes) are written through a helper that prints the same
                // digits faster (runtime::ser::Integers).
                Storage::Plain if integers => quote!(map.serialize_entry(#key, &#rt::ser::Integers(&self.#fname))?;),
                Storage::Option { write_none: false } if integers => {
                    quote!(if let Some(value) = &self.#fname { map.serialize_entry(#key, &#rt::ser::Integers(value))?; })
                }
                Storage::Plain | Storage::Option { write_none: true } => {
                    quote!(map.serialize_entry(#key, &self.#fname)?;)
                }
                Storage::Option { write_none: false } => {
                    quote!(if let Some(value) = &self.#fname { map.serialize_entry(#key, value)?; })
                }
                Storage::ThreeState => {
                    quote!(if !self.#fname.is_absent() { map.serialize_entry(#key, &self.#fname)?; })
                }
            });
        }
        let declared: Vec<&str> =
            s.constants.iter().map(|c| c.wire.as_str()).chain(s.fields.iter().map(|f| f.wire.as_str())).collect();
        // A declared key in the extra map would be written twice; the declared field wins.
        let extra_write = quote!(#rt::ser::extra_fields(&mut map, &self.#extra, &[#(#declared),*])?;);
        quote! {
            impl ::serde::Serialize for #name {
                #[inline]
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(None)?;
                    #(#writes)*
                    #extra_write
                    map.end()
                }
            }
        }
    }

    fn struct_deserialize(&self, def: &TypeDef, s: &Struct) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let extra = ident(EXTRA_FIELDS);
        let expecting = format!("an object ({})", def.name);
        // One `Slot` per declared field and per constant: it knows whether its key was seen, so
        // each arm is one call (the types are inferred from the struct literal at the end).
        let mut slots = Vec::new();
        let mut arms = Vec::new();
        let mut inits = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let slot = format_ident!("field_{}", i);
            let fname = ident(&f.ident);
            let key = &f.wire;
            slots.push(quote!(let mut #slot = #rt::field::Slot::new();));
            let (read, init) = match self.field_storage(f) {
                // Lenient: missing or `null` (which the API sends where the spec says it cannot)
                // reads as the empty value.
                Storage::Plain if self.has_obvious_empty(&f.ty) => (quote!(read_or_null), quote!(#slot.or_default())),
                Storage::Plain => (quote!(read), quote!(#slot.required(#key)?)),
                // Any JSON value, `null` included, is a value of a free-form field.
                Storage::Option { .. } if *self.model.resolve(&f.ty) == Ty::Any => {
                    (quote!(read), quote!(#slot.optional()))
                }
                Storage::Option { .. } => (quote!(read_or_null), quote!(#slot.optional())),
                // `Nullable` reads `null` itself; a missing key stays `Absent`.
                Storage::ThreeState => (quote!(read), quote!(#slot.or_default())),
            };
            arms.push(quote!(#key => #slot.#read(&mut map, #key)?,));
            inits.push(quote!(#fname: #init,));
        }
        for (i, c) in s.constants.iter().enumerate() {
            let slot = format_ident!("constant_{}", i);
            let key = &c.wire;
            slots.push(quote!(let mut #slot = #rt::field::Slot::<()>::new();));
            arms.push(match &c.value {
                Value::String(v) => quote!(#key => #slot.expect_str(&mut map, #key, #v)?,),
                other => {
                    let value = constant_json(other);
                    quote!(#key => #slot.expect_constant(&mut map, #key, &#value)?,)
                }
            });
        }
        // Every key is read once: a repeated one is an error, as with serde's derives.
        let keep_extra = quote! {
            let value = map.next_value()?;
            #rt::de::insert_once(&mut #extra, key.into_string(), value)?;
        };
        let read_entry = if arms.is_empty() {
            keep_extra
        } else {
            quote! {
                match key.as_str() {
                    #(#arms)*
                    _ => { #keep_extra }
                }
            }
        };
        let visit_map = quote! {
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                #(#slots)*
                let mut #extra = ::serde_json::Map::new();
                while let Some(key) = map.next_key::<#rt::de::Key<'de>>()? {
                    #read_entry
                }
                Ok(#name { #(#inits)* #extra })
            }
        };
        Self::visitor_impl(&name, &expecting, visit_map, quote!(deserialize_map))
    }
}

/// An expression for a constant that serializes as the constant.
pub fn constant_expr(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(#s),
        Value::Bool(b) => quote!(#b),
        _ => constant_json(value),
    }
}

/// A `serde_json::Value` expression for a constant.
pub fn constant_json(value: &Value) -> TokenStream {
    match value {
        Value::String(s) => quote!(::serde_json::Value::from(#s)),
        Value::Bool(b) => quote!(::serde_json::Value::Bool(#b)),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => quote!(::serde_json::Value::from(#i)),
            (None, Some(u), _) => quote!(::serde_json::Value::from(#u)),
            (None, None, Some(f)) => quote!(::serde_json::Value::from(#f)),
            _ => quote!(::serde_json::Value::Null),
        },
        other => {
            let text = other.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).unwrap_or_default())
        }
    }
}
