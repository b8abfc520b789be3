//! Unions. One `Deserialize` impl per union dispatches on the JSON kind first (string, number,
//! array, object, …) and, for objects, on the tag property without buffering the object; only
//! objects whose tag is shared, missing or unknown are buffered and matched by their keys.
//! Every union keeps what no variant takes (an unknown tag, another JSON type) in its `Unknown`
//! variant, as read.

use super::docs::{code_span, doc_attrs, lines_to_attrs};
use super::{ident, Emitter};
use crate::model::{Model, Struct, Ty, TypeDef, TypeKind, Union, UnionVariant, FALLBACK_VARIANT};
use crate::naming;
use crate::rust_api::Storage;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// What differs between a union's `visit_seq` and its untagged `visit_map`.
struct Container {
    method: TokenStream,
    /// The access trait (`SeqAccess`, `MapAccess`) and the parameter's name.
    access: TokenStream,
    param: TokenStream,
    /// The deserializer one candidate reads the stream through.
    stream: TokenStream,
    /// The buffered value's name and the expression that buffers it.
    buffered: TokenStream,
    buffer: TokenStream,
}

/// JSON kinds a value can have.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Str,
    Bool,
    Int,
    Float,
    Seq,
    Map,
    Null,
}

const ALL_KINDS: [Kind; 7] = [Kind::Str, Kind::Bool, Kind::Int, Kind::Float, Kind::Seq, Kind::Map, Kind::Null];

/// The JSON kinds each union accepts (empty for other types), decided once for the model. Unions
/// of unions are read from the table instead of walked again (walking took time exponential in
/// their depth when branches were shared); unions that refer to each other grow to a fixed point.
pub(crate) fn union_kinds(model: &Model) -> Vec<Vec<Kind>> {
    let mut table: Vec<Vec<Kind>> = vec![Vec::new(); model.types.len()];
    loop {
        let mut changed = false;
        for (i, def) in model.types.iter().enumerate() {
            let TypeKind::Union(u) = &def.kind else { continue };
            let mut kinds: Vec<Kind> = if u.tag.is_some() { vec![Kind::Map] } else { Vec::new() };
            for v in &u.variants {
                for k in kinds_of(model, &table, &v.ty) {
                    if !kinds.contains(&k) {
                        kinds.push(k);
                    }
                }
            }
            if kinds.len() != table[i].len() {
                table[i] = kinds;
                changed = true;
            }
        }
        if !changed {
            return table;
        }
    }
}

/// The JSON kinds `ty` accepts, with unions' kinds read from `unions`.
fn kinds_of(model: &Model, unions: &[Vec<Kind>], ty: &Ty) -> Vec<Kind> {
    match model.resolve(ty) {
        Ty::String | Ty::File => vec![Kind::Str],
        Ty::Integer | Ty::Unsigned => vec![Kind::Int],
        Ty::Number => vec![Kind::Int, Kind::Float],
        Ty::Boolean => vec![Kind::Bool],
        Ty::Any => ALL_KINDS.to_vec(),
        Ty::Array(_) => vec![Kind::Seq],
        Ty::Map(_) => vec![Kind::Map],
        Ty::Nullable(inner) => {
            let mut k = kinds_of(model, unions, inner);
            k.push(Kind::Null);
            k
        }
        Ty::Named { id, .. } => match model.get(*id).map(|d| &d.kind) {
            Some(TypeKind::Struct(_)) => vec![Kind::Map],
            Some(TypeKind::StringEnum(_)) => vec![Kind::Str],
            Some(TypeKind::IntegerEnum(_)) => vec![Kind::Int],
            Some(TypeKind::Union(_)) => unions.get(id.0).cloned().unwrap_or_else(|| ALL_KINDS.to_vec()),
            // `resolve` has followed aliases already; one left over is a loop of aliases.
            Some(TypeKind::Alias(_)) | None => ALL_KINDS.to_vec(),
        },
    }
}

impl Emitter<'_> {
    /// The JSON kinds a type accepts.
    fn kinds(&self, ty: &Ty) -> Vec<Kind> {
        kinds_of(self.model, &self.union_kinds, ty)
    }

    /// The enum, its accessors, `From` impls, `Serialize` and `Deserialize`.
    pub(super) fn union_def(&self, index: usize, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let fallback = Some(u.fallback());
        let doc = doc_attrs(def.doc.as_deref());
        let variants = u.variants.iter().map(|v| {
            let doc = doc_attrs(v.doc.as_deref().or_else(|| self.named_doc(&v.ty)));
            let vname = ident(&v.ident);
            let ty = self.ty(&v.ty);
            quote!(#doc #vname(#ty),)
        });
        let fallback_variant = fallback.map(|f| {
            let what = match u.tag.as_deref() {
                Some(tag) => format!(
                    "An object whose {} this version of the crate does not know, or other JSON no variant takes",
                    code_span(tag)
                ),
                None => "JSON no variant takes".to_owned(),
            };
            let doc = lines_to_attrs(&[
                format!("{what}: kept as read and written back unchanged."),
                "`Unknown(Value::Null)` is the union's zero value, which a missing field holds.".to_owned(),
            ]);
            let f = ident(f);
            quote!(#doc #f(::serde_json::Value),)
        });
        let accessors = self.union_accessors(def, u, fallback);
        let froms = self.union_froms(index, def, u);
        let all: Vec<Ident> = Self::variant_names(u, fallback).map(ident).collect();
        let deserialize = self.union_deserialize(def, u);
        let wire_value = self.union_wire_value(def, u);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #fallback_variant
            }
            #accessors
            #froms
            impl ::serde::Serialize for #name {
                #[inline]
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(Self::#all(value) => value.serialize(serializer),)*
                    }
                }
            }
            #deserialize
            #wire_value
        }
    }

    /// `Default` (`Unknown(null)`) and `WireValue`: the mismatch report looks into the variant,
    /// or names what `Unknown` keeps.
    fn union_wire_value(&self, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let expected = format!("one of the variants of `{}`", def.name);
        let checks = u.variants.iter().map(|v| {
            let vname = ident(&v.ident);
            quote!(Self::#vname(value) => value.check(report),)
        });
        let tag = match u.tag.as_deref() {
            Some(tag) => quote!(Some(#tag)),
            None => quote!(None),
        };
        let fallback = ident(u.fallback());
        // An array no variant takes is reported at its stray item when one variant is a list.
        let arrays: Vec<&UnionVariant> = u.variants.iter().filter(|v| self.kinds(&v.ty).contains(&Kind::Seq)).collect();
        let unknown = match arrays.as_slice() {
            [one] => {
                let ty = self.ty_unboxed(&one.ty);
                quote!(#rt::value::unknown_array_variant::<#ty>(#tag, Self::EXPECTED, value, report))
            }
            _ => quote!(#rt::value::unknown_variant(#tag, Self::EXPECTED, value, report)),
        };
        quote! {
            impl Default for #name {
                #[inline]
                fn default() -> Self {
                    Self::#fallback(::serde_json::Value::Null)
                }
            }
            impl #rt::WireValue for #name {
                const EXPECTED: &'static str = #expected;
                #[inline]
                fn is_zero(&self) -> bool {
                    matches!(self, Self::#fallback(::serde_json::Value::Null))
                }
                #[inline]
                fn check(&self, report: &mut #rt::Report<'_>) {
                    match self {
                        #(#checks)*
                        Self::#fallback(value) => #unknown,
                    }
                }
                fn read<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<#rt::value::Read<Self>, D::Error> {
                    #rt::value::read_union(deserializer)
                }
                #[inline]
                fn from_null() -> Option<Self> {
                    Some(Self::default())
                }
                #[inline]
                fn variant(&self) -> Option<&'static str> {
                    Some(self.variant_name())
                }
            }
        }
    }

    /// The variants' names, the fallback's last.
    fn variant_names<'u>(u: &'u Union, fallback: Option<&'u str>) -> impl Iterator<Item = &'u str> {
        u.variants.iter().map(|v| v.ident.as_str()).chain(fallback)
    }

    fn named_doc(&self, ty: &Ty) -> Option<&str> {
        match ty {
            Ty::Named { id, .. } => self.model.get(*id).and_then(|d| d.doc.as_deref()).and_then(|d| d.lines().next()),
            _ => None,
        }
    }

    /// `variant_name`, and `as_*` / `is_*` per variant.
    fn union_accessors(&self, def: &TypeDef, u: &Union, fallback: Option<&str>) -> TokenStream {
        let name = ident(&def.name);
        let names: Vec<&str> = Self::variant_names(u, fallback).collect();
        let idents = names.iter().map(|n| ident(n));
        let per_variant = u.variants.iter().map(|v| {
            let vname = ident(&v.ident);
            let snake = naming::snake(&v.ident);
            let as_method = format_ident!("as_{snake}");
            let is_method = format_ident!("is_{snake}");
            let deref = if matches!(v.ty, Ty::Named { boxed: true, .. }) { quote!(&**value) } else { quote!(value) };
            let ty = self.ty_unboxed(&v.ty);
            let as_doc = lines_to_attrs(&[format!("The `{}` variant, if this is one.", v.ident)]);
            let is_doc = lines_to_attrs(&[format!("Whether this is the `{}` variant.", v.ident)]);
            quote! {
                #as_doc
                pub fn #as_method(&self) -> Option<&#ty> {
                    match self {
                        Self::#vname(value) => Some(#deref),
                        _ => None,
                    }
                }
                #is_doc
                pub fn #is_method(&self) -> bool {
                    matches!(self, Self::#vname(_))
                }
            }
        });
        let tag = self.tag_accessor(u, fallback);
        quote! {
            impl #name {
                /// The name of the variant this value is (`"Unknown"` for kept unknown objects).
                pub fn variant_name(&self) -> &'static str {
                    match self {
                        #(Self::#idents(_) => #names,)*
                    }
                }
                #tag
                #(#per_variant)*
            }
        }
    }

    /// `tag()`: the value of the tag key as it is on the wire, for tagged unions: a variant's
    /// constant, a variant's tag field (optional or of several values), an unknown object's key.
    fn tag_accessor(&self, u: &Union, fallback: Option<&str>) -> Option<TokenStream> {
        let tag = u.tag.as_deref()?;
        let arms = u.variants.iter().map(|v| {
            let vname = ident(&v.ident);
            let Some(s) = self.variant_struct(v) else { return quote!(Self::#vname(_) => None,) };
            if let Some(constant) = s.constants.iter().find(|c| c.wire == tag) {
                if let Some(value) = constant.value.as_str() {
                    return quote!(Self::#vname(_) => Some(#value),);
                }
            }
            let Some(field) = s.fields.iter().find(|f| f.wire == tag) else { return quote!(Self::#vname(_) => None,) };
            let fname = ident(&field.ident);
            let as_str = match self.model.resolve(&field.ty) {
                Ty::String => quote!(as_str()),
                Ty::Named { id, .. }
                    if matches!(self.model.get(*id).map(|d| &d.kind), Some(TypeKind::StringEnum(_))) =>
                {
                    quote!(as_str())
                }
                _ => return quote!(Self::#vname(_) => None,),
            };
            match self.api.storage(field) {
                Storage::Plain => quote!(Self::#vname(value) => Some(value.#fname.#as_str),),
                Storage::Option { .. } => quote!(Self::#vname(value) => value.#fname.as_ref().map(|tag| tag.#as_str),),
                Storage::ThreeState => quote!(Self::#vname(value) => value.#fname.value().map(|tag| tag.#as_str),),
            }
        });
        let unknown = fallback.map(|f| {
            let f = ident(f);
            quote!(Self::#f(value) => value.get(#tag).and_then(::serde_json::Value::as_str),)
        });
        let doc = lines_to_attrs(&[format!(
            "The value of {} as it is on the wire (`None` where a variant's tag is optional and unset).",
            code_span(tag)
        )]);
        Some(quote! {
            #doc
            pub fn tag(&self) -> Option<&str> {
                match self {
                    #(#arms)*
                    #unknown
                }
            }
        })
    }

    /// `From` each variant's type (when no other variant has the same type), and `From<&str>`
    /// where a variant is a plain string.
    fn union_froms(&self, index: usize, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let mut impls = Vec::new();
        let list = self.api.list_conversion(index, u);
        for (v, source) in self.api.union_conversions(index, u) {
            let vname = ident(&v.ident);
            if let Some((_, item)) = list.as_ref().filter(|(l, _)| l.ident == v.ident) {
                let item = super::type_tokens(item);
                impls.push(quote! {
                    impl<T: Into<#item>> From<Vec<T>> for #name {
                        fn from(items: Vec<T>) -> Self {
                            Self::#vname(items.into_iter().map(Into::into).collect())
                        }
                    }
                    impl<T: Into<#item>, const N: usize> From<[T; N]> for #name {
                        fn from(items: [T; N]) -> Self {
                            Self::#vname(items.into_iter().map(Into::into).collect())
                        }
                    }
                });
                continue;
            }
            let source = super::type_tokens(&source);
            let wrap =
                if matches!(v.ty, Ty::Named { boxed: true, .. }) { quote!(Box::new(value)) } else { quote!(value) };
            impls.push(quote! {
                impl From<#source> for #name {
                    fn from(value: #source) -> Self {
                        Self::#vname(#wrap)
                    }
                }
            });
            if *self.model.resolve(&v.ty) == Ty::String {
                impls.push(quote! {
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::#vname(value.to_owned())
                        }
                    }
                });
            }
        }
        impls.extend(self.api.unions_converting_into(index).into_iter().filter_map(|source| {
            let source_def = self.model.get(crate::model::TypeId(source))?;
            let TypeKind::Union(source_union) = &source_def.kind else { return None };
            let gate = super::cfg_attr(&self.conversion_cfg(index, source));
            Some(self.union_into_union(&name, u, source_def, source_union, gate))
        }));
        quote!(#(#impls)*)
    }

    /// `From<Source> for Target` between tagged unions: each variant into the target's variant
    /// of the same type, or read again from its JSON; `Unknown` stays `Unknown`.
    fn union_into_union(
        &self,
        name: &Ident,
        target: &Union,
        source_def: &TypeDef,
        source: &Union,
        gate: TokenStream,
    ) -> TokenStream {
        let rt = &self.runtime;
        let source_name = ident(&source_def.name);
        let fallback = ident(FALLBACK_VARIANT);
        let arms = source.variants.iter().map(|v| {
            let from = ident(&v.ident);
            let ty = self.api.ty_unboxed(self.model.resolve(&v.ty));
            let same: Vec<&UnionVariant> =
                target.variants.iter().filter(|t| self.api.ty_unboxed(self.model.resolve(&t.ty)) == ty).collect();
            match same.as_slice() {
                [to] => {
                    let into = ident(&to.ident);
                    let boxed = |v: &UnionVariant| matches!(v.ty, Ty::Named { boxed: true, .. });
                    let value = match (boxed(v), boxed(to)) {
                        (true, false) => quote!(*value),
                        (false, true) => quote!(Box::new(value)),
                        _ => quote!(value),
                    };
                    quote!(#source_name::#from(value) => Self::#into(#value),)
                }
                _ => quote!(#source_name::#from(value) => #rt::value::reread(&value, Self::#fallback),),
            }
        });
        let doc = lines_to_attrs(&[format!(
            "Each kind of `{}` as the `{}` of the same kind (the API takes its output items as input): nothing is lost, what this version does not know stays `Unknown`.",
            source_def.name, name
        )]);
        quote! {
            #doc
            #gate
            impl From<#source_name> for #name {
                #[inline]
                fn from(value: #source_name) -> Self {
                    match value {
                        #(#arms)*
                        #source_name::#fallback(value) => Self::#fallback(value),
                    }
                }
            }
        }
    }

    fn union_deserialize(&self, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let kinds: Vec<Vec<Kind>> = u.variants.iter().map(|v| self.kinds(&v.ty)).collect();
        let with_kind = |kind: Kind| -> Vec<&UnionVariant> {
            u.variants.iter().zip(&kinds).filter(|(_, k)| k.contains(&kind)).map(|(v, _)| v).collect()
        };
        let union_name = def.name.as_str();
        let expecting = {
            let parts: Vec<String> = u
                .variants
                .iter()
                .map(|v| match (&u.tag, v.tag_values.as_slice()) {
                    (Some(tag), [one]) => format!("{} (an object with `{tag}` = \"{one}\")", v.ident),
                    _ => format!("{} ({})", v.ident, self.describe(&v.ty)),
                })
                .collect();
            format!("one of the variants of `{union_name}`: {}", parts.join(", "))
        };

        let mut methods = Vec::new();
        // Scalars and arrays: one candidate streams, several are tried on a buffered value.
        let scalar = |kind: Kind, method: TokenStream, arg: TokenStream, de_ty: TokenStream| {
            let candidates = with_kind(kind);
            match candidates.as_slice() {
                [] => None,
                [one] => {
                    let build = self.build_variant(&name, one, quote!(<#de_ty>::new(v)));
                    Some(quote! {
                        fn #method<E: ::serde::de::Error>(self, v: #arg) -> Result<#name, E> {
                            #build.map_err(E::custom)
                        }
                    })
                }
                many => {
                    let list = self.candidate_list(&name, many);
                    Some(quote! {
                        fn #method<E: ::serde::de::Error>(self, v: #arg) -> Result<#name, E> {
                            let value = #rt::de::Buffered::from(v);
                            #list
                            match #rt::de::pick_object(value, &candidates) {
                                Ok(found) => Ok(found),
                                Err((value, _)) => Ok(#name::Unknown(value.into_value())),
                            }
                        }
                    })
                }
            }
        };
        methods.extend(scalar(
            Kind::Str,
            quote!(visit_str),
            quote!(&str),
            quote!(::serde::de::value::StrDeserializer<'_, ::serde::de::value::Error>),
        ));
        methods.extend(scalar(
            Kind::Bool,
            quote!(visit_bool),
            quote!(bool),
            quote!(::serde::de::value::BoolDeserializer<::serde::de::value::Error>),
        ));
        methods.extend(scalar(
            Kind::Int,
            quote!(visit_i64),
            quote!(i64),
            quote!(::serde::de::value::I64Deserializer<::serde::de::value::Error>),
        ));
        methods.extend(scalar(
            Kind::Int,
            quote!(visit_u64),
            quote!(u64),
            quote!(::serde::de::value::U64Deserializer<::serde::de::value::Error>),
        ));
        methods.extend(scalar(
            Kind::Float,
            quote!(visit_f64),
            quote!(f64),
            quote!(::serde::de::value::F64Deserializer<::serde::de::value::Error>),
        ));
        if let Some(m) = self.null_method(&name, &with_kind(Kind::Null)) {
            methods.push(m);
        }
        let seq = self.seq_method(&name, &with_kind(Kind::Seq));
        let map = self.map_method(&name, u, &with_kind(Kind::Map));
        let (takes_seq, takes_map) = (seq.is_some(), map.is_some());
        methods.extend(seq);
        methods.extend(map);
        // The runtime completes the visitor: what it does not take goes to `Unknown`.
        let fallback = ident(FALLBACK_VARIANT);
        Self::visitor_impl(
            &name,
            &expecting,
            quote!(impl<'de> ::serde::de::Visitor<'de>),
            quote!(#(#methods)*),
            quote! {
                deserializer.deserialize_any(#rt::value::OrUnknown {
                    visitor: Visitor,
                    seq: #takes_seq,
                    map: #takes_map,
                    unknown: #name::#fallback,
                })
            },
        )
    }

    /// `Variant(T::deserialize(de)?)`, boxed where needed; evaluates to a `Result`.
    fn build_variant(&self, name: &proc_macro2::Ident, v: &UnionVariant, deserializer: TokenStream) -> TokenStream {
        let ty = self.ty_unboxed(&v.ty);
        let wrap = Self::variant_wrap(name, v);
        quote!(<#ty as ::serde::Deserialize>::deserialize(#deserializer).map(#wrap))
    }

    /// What makes the variant from its value: `Name::Variant`, boxing where needed.
    fn variant_wrap(name: &proc_macro2::Ident, v: &UnionVariant) -> TokenStream {
        let vname = ident(&v.ident);
        if matches!(v.ty, Ty::Named { boxed: true, .. }) {
            quote!(|value| #name::#vname(Box::new(value)))
        } else {
            quote!(#name::#vname)
        }
    }

    /// `let candidates = [...]` for buffered matching.
    fn candidate_list(&self, name: &proc_macro2::Ident, variants: &[&UnionVariant]) -> TokenStream {
        let rt = &self.runtime;
        let items = variants.iter().map(|v| {
            let label = &v.ident;
            let shape = self.shape_of(v);
            let build = self.build_variant(name, v, quote!(value));
            quote! {
                #rt::de::Candidate { name: #label, shape: #shape, build: |value| #build },
            }
        });
        quote! {
            let candidates: [#rt::de::Candidate<'de, #name>; _] = [#(#items)*];
        }
    }

    /// The keys a struct variant requires and declares, for matching buffered objects.
    fn shape_of(&self, v: &UnionVariant) -> TokenStream {
        let rt = &self.runtime;
        let Some(s) = self.variant_struct(v) else { return quote!(None) };
        let required: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.required && !self.api.has_obvious_empty(&f.ty))
            .map(|f| f.wire.as_str())
            .collect();
        let expected: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.required && self.api.has_obvious_empty(&f.ty))
            .map(|f| f.wire.as_str())
            .collect();
        let known: Vec<&str> =
            s.fields.iter().map(|f| f.wire.as_str()).chain(s.constants.iter().map(|c| c.wire.as_str())).collect();
        let constants: Vec<TokenStream> = s
            .constants
            .iter()
            .filter_map(|c| match &c.value {
                Value::String(value) => {
                    let key = &c.wire;
                    Some(quote!((#key, #value)))
                }
                _ => None,
            })
            .collect();
        quote!(Some(#rt::de::Shape {
            required: &[#(#required),*],
            expected: &[#(#expected),*],
            known: &[#(#known),*],
            constants: &[#(#constants),*],
        }))
    }

    fn null_method(&self, name: &proc_macro2::Ident, candidates: &[&UnionVariant]) -> Option<TokenStream> {
        let first = candidates.first()?;
        let build = self.build_variant(
            name,
            first,
            quote!(::serde::de::value::UnitDeserializer::<::serde::de::value::Error>::new()),
        );
        Some(quote! {
            fn visit_unit<E: ::serde::de::Error>(self) -> Result<#name, E> {
                #build.map_err(E::custom)
            }
        })
    }

    fn seq_method(&self, name: &proc_macro2::Ident, candidates: &[&UnionVariant]) -> Option<TokenStream> {
        let rt = &self.runtime;
        self.container_method(
            name,
            candidates,
            Container {
                method: quote!(visit_seq),
                access: quote!(::serde::de::SeqAccess),
                param: quote!(seq),
                stream: quote!(::serde::de::value::SeqAccessDeserializer::new(seq)),
                buffered: quote!(value),
                buffer: quote! {
                    <#rt::de::Buffered<'de> as ::serde::Deserialize>::deserialize(
                        ::serde::de::value::SeqAccessDeserializer::new(seq),
                    )?
                },
            },
        )
    }

    /// A union's `visit_seq` or `visit_map` without a tag: one candidate reads the stream itself;
    /// several are tried in turn on the value, buffered once.
    fn container_method(
        &self,
        name: &proc_macro2::Ident,
        candidates: &[&UnionVariant],
        container: Container,
    ) -> Option<TokenStream> {
        let rt = &self.runtime;
        let Container { method, access, param, stream, buffered, buffer } = container;
        match candidates {
            [] => None,
            // Read leniently: what the variant does not take is kept in `Unknown`.
            [one] => {
                let vname = ident(&one.ident);
                let ty = self.ty_unboxed(&one.ty);
                let wrap = if matches!(one.ty, Ty::Named { boxed: true, .. }) {
                    quote!(|value| #name::#vname(Box::new(value)))
                } else {
                    quote!(#name::#vname)
                };
                let fallback = ident(FALLBACK_VARIANT);
                Some(quote! {
                    fn #method<A: #access<'de>>(self, #param: A) -> Result<#name, A::Error> {
                        #rt::value::variant::<#ty, _, _>(#stream, #wrap, #name::#fallback)
                    }
                })
            }
            many => {
                let list = self.candidate_list(name, many);
                let fallback = ident(FALLBACK_VARIANT);
                Some(quote! {
                    fn #method<A: #access<'de>>(self, #param: A) -> Result<#name, A::Error> {
                        let #buffered = #buffer;
                        #list
                        match #rt::de::pick_object(#buffered, &candidates) {
                            Ok(found) => Ok(found),
                            Err((#buffered, _)) => Ok(#name::#fallback(#rt::de::keep_value(#buffered)?)),
                        }
                    }
                })
            }
        }
    }

    fn map_method(&self, name: &proc_macro2::Ident, u: &Union, candidates: &[&UnionVariant]) -> Option<TokenStream> {
        let rt = &self.runtime;
        let Some(tag) = u.tag.as_deref() else {
            return self.container_method(
                name,
                candidates,
                Container {
                    method: quote!(visit_map),
                    access: quote!(::serde::de::MapAccess),
                    param: quote!(map),
                    stream: quote!(::serde::de::value::MapAccessDeserializer::new(map)),
                    buffered: quote!(object),
                    buffer: quote!(#rt::de::collect(Vec::new(), None, map)?),
                },
            );
        };

        // Tag value → the variants it selects.
        let mut by_value: Vec<(&str, Vec<&UnionVariant>)> = Vec::new();
        for v in candidates {
            for value in &v.tag_values {
                match by_value.iter_mut().find(|(k, _)| k == value) {
                    Some((_, list)) => list.push(v),
                    None => by_value.push((value.as_str(), vec![v])),
                }
            }
        }
        // Objects without the tag may still be a variant that has no tag or whose tag is
        // optional. An object whose tag no variant claims is of a kind this version does not know:
        // it is kept whole, never read as another variant with invented fields.
        let untagged: Vec<&UnionVariant> =
            candidates.iter().filter(|v| v.tag_values.is_empty() || v.tag_optional).copied().collect();

        let mut arms = Vec::new();
        for (value, variants) in &by_value {
            let body = match variants.as_slice() {
                [one] => {
                    let vname = ident(&one.ident);
                    let ty = self.ty_unboxed(&one.ty);
                    // The variant's type is inferred from the variant, except through a `Box`.
                    if matches!(one.ty, Ty::Named { boxed: true, .. }) {
                        quote! {
                            #rt::de::replay::<#ty, A>(prefix, (#tag, tag_value), map)
                                .map(|value| #name::#vname(Box::new(value)))
                        }
                    } else {
                        quote!(#rt::de::replay(prefix, (#tag, tag_value), map).map(#name::#vname))
                    }
                }
                many => self.shared_tag_match(name, many, tag),
            };
            arms.push(quote!(Some(#value) => { #body }));
        }
        let unknown_tag = self.buffered_match(name, &[], quote!(Some((#tag, tag_value))));
        let no_tag = self.buffered_match(name, &untagged, quote!(None));
        Some(quote! {
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                let (prefix, tag_value) = #rt::de::read_until_tag(&mut map, #tag)?;
                let Some(tag_value) = tag_value else {
                    return { #no_tag };
                };
                match tag_value.as_str() {
                    #(#arms)*
                    _ => { #unknown_tag }
                }
            }
        })
    }

    /// An object whose tag several variants share: it is one of them even when it fits none (it
    /// is then read as the first that can be built, so its report names what it lacks). The rest
    /// of the object streams into the variant that declares every key read so far
    /// (`runtime::de::shared_tag`, `streamed`); without one, or when it did not read strictly, the
    /// variants are ranked on the buffered object.
    fn shared_tag_match(&self, name: &proc_macro2::Ident, candidates: &[&UnionVariant], tag: &str) -> TokenStream {
        let rt = &self.runtime;
        let fallback = ident(FALLBACK_VARIANT);
        let list = self.candidate_list(name, candidates);
        let buffered = self.pick_match(name, quote!(pick_tagged));
        let streamed = candidates.iter().enumerate().filter(|(_, v)| self.variant_struct(v).is_some()).map(|(i, v)| {
            let index = proc_macro2::Literal::usize_unsuffixed(i);
            let wrap = Self::variant_wrap(name, v);
            quote! {
                #rt::de::SharedTag::Stream(read, #index) => {
                    return #rt::de::streamed(read, map, &candidates, #wrap, #name::#fallback);
                }
            }
        });
        quote! {
            #list
            let object = match #rt::de::shared_tag(prefix, (#tag, tag_value), &mut map, &candidates)? {
                #(#streamed)*
                #rt::de::SharedTag::Stream(read, _) => #rt::de::collect(read, None, map)?,
                #rt::de::SharedTag::Buffered(object) => object,
            };
            #buffered
        }
    }

    /// Picks one of `candidates` for the buffered `object` with `pick`, else keeps it whole.
    fn pick_match(&self, name: &proc_macro2::Ident, pick: TokenStream) -> TokenStream {
        let rt = &self.runtime;
        let fallback = ident(FALLBACK_VARIANT);
        quote! {
            match #rt::de::#pick(object, &candidates) {
                Ok(found) => Ok(found),
                Err((object, _)) => Ok(#name::#fallback(#rt::de::keep_value(object)?)),
            }
        }
    }

    /// The generated struct a variant holds, if it holds one (it then has a shape to match, a tag
    /// field or constant, and reports how it was read).
    fn variant_struct(&self, v: &UnionVariant) -> Option<&Struct> {
        let Ty::Named { id, .. } = self.model.resolve(&v.ty) else { return None };
        match self.model.get(*id).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => Some(s),
            _ => None,
        }
    }

    /// Buffers the object and picks a variant by its keys; falls back to the unknown variant.
    fn buffered_match(&self, name: &proc_macro2::Ident, candidates: &[&UnionVariant], tag: TokenStream) -> TokenStream {
        let rt = &self.runtime;
        let fallback = ident(FALLBACK_VARIANT);
        let object = quote!(let object = #rt::de::collect(prefix, #tag, map)?;);
        if candidates.is_empty() {
            return quote!(#object Ok(#name::#fallback(#rt::de::keep_value(object)?)));
        }
        let list = self.candidate_list(name, candidates);
        let pick = self.pick_match(name, quote!(pick_object));
        quote! {
            #object
            #list
            #pick
        }
    }
}
