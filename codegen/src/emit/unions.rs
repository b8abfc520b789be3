//! Unions. The enum, its accessors and `From` impls, and its `runtime::union::Union` impl: the
//! variants as data (the JSON kinds each takes, its tag values, the keys it expects where objects
//! are matched by keys), one `match` that reads a variant and one that hands out its value. The
//! runtime reads and writes every union from those (`union_impls!`); what no variant takes (an
//! unknown tag, another JSON type) is kept in the `Unknown` variant, as read.

use super::docs::{code_span, doc_attrs, lines_to_attrs};
use super::{ident, Emitter};
use crate::model::{Model, Struct, Ty, TypeDef, TypeKind, Union, UnionVariant, FALLBACK_VARIANT};
use crate::naming;
use crate::rust_api::Storage;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

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
        let accessors = self.union_accessors(def, u);
        let froms = self.union_froms(index, def, u);
        let union_impl = self.union_impl(def, u);
        let rt = &self.runtime;
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
            #union_impl
            #rt::union::union_impls!(#name);
        }
    }

    /// `impl Union`: the variants as the runtime reads them, the tag values, and the two matches.
    fn union_impl(&self, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let union_name = def.name.as_str();
        let kinds: Vec<Vec<Kind>> = u.variants.iter().map(|v| self.kinds(&v.ty)).collect();
        let maps: Vec<usize> = (0..u.variants.len()).filter(|&i| kinds[i].contains(&Kind::Map)).collect();
        // Tag value → the variants (taking objects) it selects.
        let mut by_value: Vec<(&str, Vec<usize>)> = Vec::new();
        for &i in &maps {
            for value in &u.variants[i].tag_values {
                match by_value.iter_mut().find(|(k, _)| k == value) {
                    Some((_, list)) => list.push(i),
                    None => by_value.push((value.as_str(), vec![i])),
                }
            }
        }
        // Taken by an object without the tag: the variant has no tag value, or its tag is optional.
        let untagged = |v: &UnionVariant| v.tag_values.is_empty() || v.tag_optional;
        // Objects are matched by their keys against the variants they may be: without the tag, of
        // a shared tag, or of an untagged union with several object variants.
        let matched_by_keys = |i: usize| match u.tag {
            Some(_) => untagged(&u.variants[i]) || by_value.iter().any(|(_, list)| list.len() > 1 && list.contains(&i)),
            None => maps.len() > 1 && maps.contains(&i),
        };
        // The table, and the names it uses (importing an unused one is a warning).
        let (mut uses_kinds, mut uses_shape) = (false, false);
        let mut variants = Vec::new();
        for (i, v) in u.variants.iter().enumerate() {
            let matched = matched_by_keys(i);
            let label = v.ident.as_str();
            let mut variant = match (&u.tag, v.tag_values.as_slice()) {
                // The runtime describes it by its tag.
                (Some(_), [one]) => {
                    let other_kinds = (kinds[i] != [Kind::Map]).then(|| {
                        uses_kinds = true;
                        let kinds = Self::kinds_tokens(&kinds[i]);
                        quote!(.kinds(#kinds))
                    });
                    let optional = v.tag_optional.then(|| quote!(.optional_tag()));
                    quote!(Variant::tagged(#label, #one) #other_kinds #optional)
                }
                _ => {
                    uses_kinds = true;
                    let kinds = Self::kinds_tokens(&kinds[i]);
                    let expecting = self.describe(&v.ty);
                    let needs_tag = (!untagged(v)).then(|| quote!(.needs_tag()));
                    quote!(Variant::of(#label, #kinds, #expecting) #needs_tag)
                }
            };
            if let Some(shape) = self.shape_of(v).filter(|_| matched) {
                uses_shape = true;
                variant = quote!(#variant.shape(#shape));
            }
            variants.push(variant);
        }
        let uses = [(uses_kinds, "Kinds"), (uses_shape, "Shape"), (true, "Variant")]
            .into_iter()
            .filter(|(used, _)| *used)
            .map(|(_, name)| format_ident!("{name}"));
        let tag = u.tag.as_deref().map(|tag| {
            let arms = by_value.iter().map(|(value, list)| {
                let list = list.iter().map(|&i| proc_macro2::Literal::usize_unsuffixed(i));
                quote!(#value => &[#(#list),*],)
            });
            quote! {
                const TAG: Option<&'static str> = Some(#tag);
                fn tagged(tag: &str) -> &'static [usize] {
                    match tag {
                        #(#arms)*
                        _ => &[],
                    }
                }
            }
        });
        // The variants each reading path reaches, as the runtime dispatches (`runtime::union`):
        // each path's `match` names only those, so no variant is compiled for input it never gets.
        let seqs: Vec<usize> = (0..u.variants.len()).filter(|&i| kinds[i].contains(&Kind::Seq)).collect();
        let scalar = |i: usize| {
            kinds[i].iter().any(|k| matches!(k, Kind::Str | Kind::Bool | Kind::Int | Kind::Float | Kind::Null))
        };
        let tagged_reads: Vec<usize> =
            (0..u.variants.len()).filter(|i| by_value.iter().any(|(_, l)| l.contains(i))).collect();
        let buffered_reads: Vec<usize> = (0..u.variants.len())
            .filter(|&i| {
                scalar(i) || (seqs.len() > 1 && seqs.contains(&i)) || (maps.contains(&i) && matched_by_keys(i))
            })
            .collect();
        let lenient_reads: Vec<usize> = match (seqs.as_slice(), &u.tag, maps.as_slice()) {
            ([one], None, [map]) if one != map => vec![*one, *map],
            ([one], _, _) => vec![*one],
            (_, None, [map]) => vec![*map],
            _ => Vec::new(),
        };
        let read_method = |name: TokenStream, reads: &[usize], lenient: bool| {
            if reads.is_empty() {
                return None;
            }
            let read = if lenient { quote!(read_lenient) } else { quote!(read) };
            let arms = reads.iter().map(|&i| {
                let v = &u.variants[i];
                let index = proc_macro2::Literal::usize_unsuffixed(i);
                let vname = ident(&v.ident);
                if matches!(v.ty, Ty::Named { boxed: true, .. }) {
                    let ty = self.ty_unboxed(&v.ty);
                    quote!(#index => #read(input, |value: #ty| Self::#vname(Box::new(value))),)
                } else {
                    quote!(#index => #read(input, Self::#vname),)
                }
            });
            Some(quote! {
                #[inline]
                #name {
                    use #rt::union::#read;
                    match index {
                        #(#arms)*
                        _ => Err(#rt::union::no_variant(index)),
                    }
                }
            })
        };
        let read_tagged = read_method(
            quote!(fn read_tagged<'de, D: ::serde::Deserializer<'de>>(index: usize, input: D) -> Result<Self, D::Error>),
            &tagged_reads,
            false,
        );
        let read_buffered = read_method(
            quote!(fn read_buffered(index: usize, input: #rt::de::Input<'_, '_>) -> Result<Self, ::serde_json::Error>),
            &buffered_reads,
            false,
        );
        let read_lenient = read_method(
            quote!(fn read_lenient<'de, D: ::serde::Deserializer<'de>>(index: usize, input: D) -> Result<Self, D::Error>),
            &lenient_reads,
            true,
        );
        let visits = u.variants.iter().enumerate().map(|(i, v)| {
            let index = proc_macro2::Literal::usize_unsuffixed(i);
            let vname = ident(&v.ident);
            quote!(Self::#vname(value) => f.known(#index, value),)
        });
        let fallback = ident(FALLBACK_VARIANT);
        // An array no variant takes is reported at its stray item when one variant is a list.
        let arrays: Vec<&UnionVariant> =
            u.variants.iter().zip(&kinds).filter(|(_, k)| k.contains(&Kind::Seq)).map(|(v, _)| v).collect();
        let check_unknown = match arrays.as_slice() {
            [one] => {
                let ty = self.ty_unboxed(&one.ty);
                Some(quote! {
                    #[inline]
                    fn check_unknown(value: &::serde_json::Value, report: &mut #rt::Report<'_>) {
                        #rt::value::unknown_array_variant::<#ty>(Self::TAG, <Self as #rt::WireValue>::EXPECTED, value, report)
                    }
                })
            }
            _ => None,
        };
        quote! {
            impl #rt::union::Union for #name {
                const NAME: &'static str = #union_name;
                const VARIANTS: &'static [#rt::union::Variant] = {
                    use #rt::union::{#(#uses),*};
                    &[#(#variants),*]
                };
                #tag
                #read_tagged
                #read_buffered
                #read_lenient
                #[inline]
                fn visit<'a, F: #rt::union::VariantFn<'a>>(&'a self, f: F) -> F::Output {
                    match self {
                        #(#visits)*
                        Self::#fallback(value) => f.unknown(value),
                    }
                }
                #check_unknown
            }
        }
    }

    /// A set of JSON kinds as the runtime's `Kinds`.
    fn kinds_tokens(kinds: &[Kind]) -> TokenStream {
        if ALL_KINDS.iter().all(|k| kinds.contains(k)) {
            return quote!(Kinds::ANY);
        }
        let number = kinds.contains(&Kind::Int) && kinds.contains(&Kind::Float);
        let names = ALL_KINDS.iter().filter(|k| kinds.contains(k)).filter_map(|k| match k {
            Kind::Int if number => Some("NUMBER"),
            Kind::Float if number => None,
            Kind::Str => Some("STR"),
            Kind::Bool => Some("BOOL"),
            Kind::Int => Some("INT"),
            Kind::Float => Some("FLOAT"),
            Kind::Seq => Some("SEQ"),
            Kind::Map => Some("MAP"),
            Kind::Null => Some("NULL"),
        });
        let mut tokens: Option<TokenStream> = None;
        for name in names {
            let name = format_ident!("{name}");
            tokens = Some(match tokens {
                None => quote!(Kinds::#name),
                Some(t) => quote!(#t.or(Kinds::#name)),
            });
        }
        tokens.unwrap_or_else(|| quote!(Kinds::ANY))
    }

    fn named_doc(&self, ty: &Ty) -> Option<&str> {
        match ty {
            Ty::Named { id, .. } => self.model.get(*id).and_then(|d| d.doc.as_deref()).and_then(|d| d.lines().next()),
            _ => None,
        }
    }

    /// `tag()`, and `as_*` / `is_*` per variant: one `variant_accessors!` call each (one call per
    /// variant: prettyplease fills a macro's arguments like text, so a list would not keep one
    /// variant a line), spelled out where the type is generic (macro arguments are printed as
    /// tokens: `Vec < T >`).
    fn union_accessors(&self, def: &TypeDef, u: &Union) -> TokenStream {
        let name = ident(&def.name);
        let rt = &self.runtime;
        let mut lines = Vec::new();
        let mut spelled = Vec::new();
        for v in &u.variants {
            let vname = ident(&v.ident);
            let snake = naming::snake(&v.ident);
            let as_method = format_ident!("as_{snake}");
            let is_method = format_ident!("is_{snake}");
            let ty = self.ty_unboxed(&v.ty);
            if !ty.to_string().contains('<') {
                lines.push(quote!(#rt::variant_accessors!(#vname(#ty), #as_method, #is_method);));
                continue;
            }
            let deref = if matches!(v.ty, Ty::Named { boxed: true, .. }) { quote!(&**value) } else { quote!(value) };
            let as_doc = lines_to_attrs(&[format!("The `{}` variant, if this is one.", v.ident)]);
            let is_doc = lines_to_attrs(&[format!("Whether this is the `{}` variant.", v.ident)]);
            spelled.push(quote! {
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
            });
        }
        let tag = self.tag_accessor(u, Some(u.fallback()));
        quote! {
            impl #name {
                #tag
                #(#lines)*
                #(#spelled)*
            }
        }
    }

    /// `tag()`: the value of the tag key as it is on the wire, for tagged unions: a variant's
    /// constant, a variant's tag field (optional or of several values), an unknown object's key.
    fn tag_accessor(&self, u: &Union, fallback: Option<&str>) -> Option<TokenStream> {
        let tag = u.tag.as_deref()?;
        let doc = lines_to_attrs(&[format!(
            "The value of {} as it is on the wire (`None` where a variant's tag is optional and unset).",
            code_span(tag)
        )]);
        // Every variant's tag one constant: the runtime reads it from the table (`VARIANTS`).
        let constant_tag = |v: &UnionVariant| {
            let constant = self.variant_struct(v).and_then(|s| s.constants.iter().find(|c| c.wire == tag));
            match (constant, v.tag_values.as_slice()) {
                (Some(constant), [one]) => !v.tag_optional && constant.value.as_str() == Some(one.as_str()),
                _ => false,
            }
        };
        if fallback.is_some() && u.variants.iter().all(constant_tag) {
            let rt = &self.runtime;
            return Some(quote! {
                #doc
                pub fn tag(&self) -> Option<&str> {
                    #rt::union::tag(self)
                }
            });
        }
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
        let rt = &self.runtime;
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
            if source.to_string().contains('<') {
                // Spelled out where the type is generic (macro arguments are printed as tokens).
                let boxed = matches!(v.ty, Ty::Named { boxed: true, .. });
                let wrap = if boxed { quote!(Box::new(value)) } else { quote!(value) };
                impls.push(quote! {
                    impl From<#source> for #name {
                        fn from(value: #source) -> Self {
                            Self::#vname(#wrap)
                        }
                    }
                });
            } else {
                impls.push(quote!(#rt::variant_from!(#name::#vname(#source));));
            }
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

    /// The keys a struct variant requires and declares, for matching buffered objects.
    fn shape_of(&self, v: &UnionVariant) -> Option<TokenStream> {
        let s = self.variant_struct(v)?;
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
        Some(quote!(Shape {
            required: &[#(#required),*],
            expected: &[#(#expected),*],
            known: &[#(#known),*],
            constants: &[#(#constants),*],
        }))
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
}
