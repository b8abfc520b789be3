//! The generated Rust API, decided once: how every model type is spelled in Rust, how each field
//! is stored, what `new` takes and which setters exist, which structs implement `Default`, which
//! `From` conversions a union has. The emitter writes code from these answers and the change
//! report (`diff`) compares them, so the two can never disagree (serde_derive's `internals::ast`
//! plays this part between its `ser` and `de`).

use crate::model::{Field, Model, Param, ResponseBody, Struct, Ty, TypeKind, Union, UnionVariant};
use crate::naming::STRUCT_RUNTIME_NAMES;

/// How a field is stored, from its optionality and nullability.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Storage {
    /// Required, not nullable: `T`.
    Plain,
    /// Required and nullable (`Option<T>`, `None` written as `null`), or optional and not nullable
    /// (`Option<T>`, `None` omitted).
    Option { write_none: bool },
    /// Optional and nullable: `Nullable<T>`.
    ThreeState,
}

/// What a constructor or setter takes for a value, and so how the value is made from it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Input {
    /// `T` itself: a struct, a boolean or an integer, which nothing else converts into usefully.
    /// Taken as is, since an `impl Into<T>` parameter makes the method generic, and proving its
    /// bound costs the compiler (a third of the setters' share of a large crate's front end).
    Plain(String),
    /// `impl Into<T>` (the `T` here): `value.into()`.
    Into(String),
    /// A list: anything iterable whose items convert into the list's items (a `Vec` of one
    /// union variant's type, an array, an iterator), so no item needs its own `.into()`.
    List { item: String },
    /// A map with string keys: pairs whose keys and values convert (`[("topic", "demo")]`).
    Map { value: String },
}

impl Input {
    /// The parameter's Rust type.
    pub fn param_type(&self) -> String {
        match self {
            Input::Plain(ty) => ty.clone(),
            Input::Into(ty) => format!("impl Into<{ty}>"),
            Input::List { item } => format!("impl IntoIterator<Item = impl Into<{item}>>"),
            Input::Map { value } => format!("impl IntoIterator<Item = (impl Into<String>, impl Into<{value}>)>"),
        }
    }
}

/// The generated Rust API of one model.
#[derive(Debug, Clone)]
pub struct RustApi<'m> {
    model: &'m Model,
}

impl<'m> RustApi<'m> {
    /// The API of `model`.
    pub fn new(model: &'m Model) -> Self {
        RustApi { model }
    }

    /// The Rust type of a value of `ty`, exactly as the generated code spells it.
    pub fn ty(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "String".to_owned(),
            Ty::Integer => "i64".to_owned(),
            Ty::Unsigned => "u64".to_owned(),
            // Imported by name at the top of the generated code: both names are reserved
            // (`naming::RESERVED_TYPE_NAMES`), so no schema can shadow them.
            Ty::Number => "JsonNumber".to_owned(),
            Ty::Boolean => "bool".to_owned(),
            // Imported by name like `JsonNumber`, where a spec uses it.
            Ty::File => "FileUpload".to_owned(),
            Ty::Any => "::serde_json::Value".to_owned(),
            Ty::Array(item) => format!("Vec<{}>", self.ty(item)),
            Ty::Map(value) if **value == Ty::Any => "::serde_json::Map<String, ::serde_json::Value>".to_owned(),
            Ty::Map(value) => format!("::std::collections::BTreeMap<String, {}>", self.ty(value)),
            Ty::Nullable(inner) => format!("Option<{}>", self.ty(inner)),
            Ty::Named { id, boxed } => {
                let name = self.model.get(*id).map(|d| d.name.as_str()).unwrap_or("Unnamed");
                if *boxed {
                    format!("Box<{name}>")
                } else {
                    name.to_owned()
                }
            }
        }
    }

    /// The runtime types the generated code names unqualified, in import order: `JsonNumber`
    /// and `Nullable` always, `Binary` and `FileUpload` where the spec has bytes.
    pub fn runtime_names_used(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.model.operations.iter().any(|op| op.response == ResponseBody::Bytes) {
            names.push("Binary");
        }
        // The types' files name it as they name `JsonNumber`; operations live in the module itself.
        let files = (0..self.model.types.len()).any(|i| self.names_used(i).iter().any(|n| n == "FileUpload"))
            || self.model.operations.iter().flat_map(|op| op.types()).flat_map(Ty::parts).any(|ty| *ty == Ty::File);
        if files {
            names.push("FileUpload");
        }
        names.extend(["JsonNumber", "Nullable"]);
        if self.model.types.iter().any(|def| matches!(def.kind, TypeKind::Struct(_))) {
            names.extend(STRUCT_RUNTIME_NAMES);
        }
        names.sort_unstable();
        names
    }

    /// The Rust type of an operation's successful response (`Endpoint::Response`).
    pub fn response_type(&self, response: &ResponseBody) -> String {
        match response {
            ResponseBody::Json(ty) => self.ty(ty),
            ResponseBody::AnyJson => self.ty(&Ty::Any),
            // Imported by name like `FileUpload`, where a spec uses it.
            ResponseBody::Bytes => "Binary".to_owned(),
        }
    }

    /// The type without a `Box` (what users pass to constructors and `From`).
    pub fn ty_unboxed(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named { id, .. } => self.ty(&Ty::Named { id: *id, boxed: false }),
            other => self.ty(other),
        }
    }

    /// How `field` is stored.
    pub fn storage(&self, field: &Field) -> Storage {
        // `serde_json::Value` holds `null` itself.
        if field.ty == Ty::Any && field.required {
            return Storage::Plain;
        }
        match (field.required, field.nullable) {
            (true, false) => Storage::Plain,
            (true, true) => Storage::Option { write_none: true },
            (false, false) => Storage::Option { write_none: false },
            (false, true) => Storage::ThreeState,
        }
    }

    /// The Rust type of a struct field: its value type in `Option` or `Nullable` as its storage needs.
    pub fn field_type(&self, field: &Field) -> String {
        let ty = self.ty(&field.ty);
        match self.storage(field) {
            Storage::Plain => ty,
            Storage::Option { .. } => format!("Option<{ty}>"),
            Storage::ThreeState => format!("Nullable<{ty}>"),
        }
    }

    /// The Rust type of an operation parameter's field (`Option` when the parameter is optional).
    pub fn param_type(&self, param: &Param) -> String {
        let ty = self.ty(&param.ty);
        if param.required {
            ty
        } else {
            format!("Option<{ty}>")
        }
    }

    /// The fields `new` takes, in order: those that have no sensible default. A required field
    /// that may be `null` defaults to `None` (written as `null`) and gets a setter instead.
    pub fn constructor_fields<'s>(&self, s: &'s Struct) -> Vec<&'s Field> {
        s.fields.iter().filter(|f| self.in_constructor(f)).collect()
    }

    /// Whether `new` takes `field`: required and never `null` (a free-form field that may be
    /// `null` holds it itself, so it has a default too).
    pub fn in_constructor(&self, field: &Field) -> bool {
        self.storage(field) == Storage::Plain && !field.nullable
    }

    /// The fields with a `with_*` setter: those that may be left out.
    pub fn setter_fields<'s>(&self, s: &'s Struct) -> Vec<&'s Field> {
        s.fields.iter().filter(|f| !self.in_constructor(f)).collect()
    }

    /// What a setter (or `new`) takes for a value of `ty`.
    pub fn input(&self, ty: &Ty) -> Input {
        match self.model.resolve(ty) {
            Ty::Array(item) => Input::List { item: self.ty(item) },
            Ty::Map(value) => Input::Map { value: self.ty(value) },
            Ty::Boolean | Ty::Integer | Ty::Unsigned => Input::Plain(self.ty(ty)),
            // A boxed struct is taken as the struct (`Box<T>: From<T>`).
            Ty::Named { id, boxed: false }
                if matches!(self.model.get(*id).map(|d| &d.kind), Some(TypeKind::Struct(_))) =>
            {
                Input::Plain(self.ty(ty))
            }
            _ => Input::Into(self.ty(ty)),
        }
    }

    /// The names the code of the type at `index` takes from the rest of the generated module:
    /// the other types it refers to, and `JsonNumber` and `Nullable` where it uses them. Sorted.
    pub fn names_used(&self, index: usize) -> Vec<String> {
        self.names_used_by(index, true)
    }

    /// [`names_used`](Self::names_used) but for the unions a union converts from (`From`): what
    /// the type cannot do without. A conversion is compiled only where its source is.
    pub fn names_needed(&self, index: usize) -> Vec<String> {
        self.names_used_by(index, false)
    }

    fn names_used_by(&self, index: usize, conversions: bool) -> Vec<String> {
        let mut names = std::collections::BTreeSet::new();
        let Some(def) = self.model.types.get(index) else { return Vec::new() };
        let mut tys: Vec<&Ty> = Vec::new();
        match &def.kind {
            TypeKind::Struct(s) => {
                // The runtime's names its `Object` impl spells unqualified (a struct without keys
                // takes the trait's defaults).
                let runtime: &[&str] = if s.has_keys() { &STRUCT_RUNTIME_NAMES } else { &["Object"] };
                names.extend(runtime.iter().map(|n| (*n).to_owned()));
                for f in &s.fields {
                    tys.push(&f.ty);
                    // A setter spells out the list or map an alias stands for (`input`).
                    if matches!(f.ty, Ty::Named { .. }) {
                        if let resolved @ (Ty::Array(_) | Ty::Map(_)) = self.model.resolve(&f.ty) {
                            tys.push(resolved);
                        }
                    }
                    if self.storage(f) == Storage::ThreeState {
                        names.insert("Nullable".to_owned());
                    }
                }
            }
            TypeKind::Union(u) => {
                tys.extend(u.variants.iter().map(|v| &v.ty));
                for source in self.unions_converting_into(index).into_iter().filter(|_| conversions) {
                    if let Some(def) = self.model.types.get(source) {
                        names.insert(def.name.clone());
                    }
                }
                // The list conversion spells out the items an alias stands for.
                if let Some((v, _)) = self.list_conversion(index, u) {
                    tys.push(self.model.resolve(&v.ty));
                }
            }
            TypeKind::Alias(ty) => tys.push(ty),
            TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => {}
        }
        while let Some(ty) = tys.pop() {
            match ty {
                Ty::Number => {
                    names.insert("JsonNumber".to_owned());
                }
                Ty::File => {
                    names.insert("FileUpload".to_owned());
                }
                Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => tys.push(inner),
                Ty::Named { id, .. } if id.0 != index => {
                    if let Some(other) = self.model.get(*id) {
                        names.insert(other.name.clone());
                    }
                }
                _ => {}
            }
        }
        names.into_iter().collect()
    }

    /// The name of a field's setter (`with_type` for the field `r#type`).
    pub fn setter_name(&self, field: &Field) -> String {
        format!("with_{}", field.ident.trim_start_matches("r#"))
    }

    /// Whether a missing required field of this type reads as its empty value (string, number,
    /// boolean, array, map).
    pub fn has_obvious_empty(&self, ty: &Ty) -> bool {
        matches!(
            self.model.resolve(ty),
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Array(_) | Ty::Map(_)
        )
    }

    /// The unions that convert into the union at `index` (`From`), by index: those tagged by the
    /// same key whose every variant has a tag and whose every tag value is one of this union's
    /// (an output item is an input item of the same kind), and that are not already one of its
    /// variants' types. Each variant becomes this union's variant of the same type, or is read
    /// again from its JSON (`runtime::value::reread`).
    pub fn unions_converting_into(&self, index: usize) -> Vec<usize> {
        let Some(TypeKind::Union(target)) = self.model.types.get(index).map(|d| &d.kind) else { return Vec::new() };
        let Some(tag) = target.tag.as_deref() else { return Vec::new() };
        let takes: std::collections::BTreeSet<&str> =
            target.variants.iter().flat_map(|v| v.tag_values.iter().map(String::as_str)).collect();
        let variant_types: Vec<String> = self.union_conversions(index, target).into_iter().map(|(_, t)| t).collect();
        self.model
            .types
            .iter()
            .enumerate()
            .filter(|(i, def)| {
                let TypeKind::Union(source) = &def.kind else { return false };
                *i != index
                    && source.tag.as_deref() == Some(tag)
                    && source.variants.iter().all(|v| {
                        !v.tag_values.is_empty()
                            && v.tag_values.iter().all(|t| takes.contains(t.as_str()))
                            && self.has_same_shape(v, target)
                    })
                    && !variant_types.contains(&def.name)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether `target` has a variant of the same tag that holds `source`'s value: of the same
    /// type, or a struct that declares every key the source requires and requires nothing the
    /// source does not (a tag alone is not a shape: Assistants' `function` tool is not Responses').
    /// Optional keys only the source has (`created_by` on an output item) are kept as undeclared
    /// fields.
    fn has_same_shape(&self, source: &UnionVariant, target: &Union) -> bool {
        let ty = self.ty_unboxed(self.model.resolve(&source.ty));
        let keys = |ty: &Ty| -> Option<(Vec<&str>, Vec<&str>)> {
            let Ty::Named { id, .. } = self.model.resolve(ty) else { return None };
            let TypeKind::Struct(s) = &self.model.get(*id)?.kind else { return None };
            let declared = s.fields.iter().map(|f| f.wire.as_str()).chain(s.constants.iter().map(|c| c.wire.as_str()));
            let required = s
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.wire.as_str())
                .chain(s.constants.iter().map(|c| c.wire.as_str()));
            Some((declared.collect(), required.collect()))
        };
        let source_keys = keys(&source.ty);
        target.variants.iter().filter(|t| t.tag_values.iter().any(|v| source.tag_values.contains(v))).any(|t| {
            if self.ty_unboxed(self.model.resolve(&t.ty)) == ty {
                return true;
            }
            match (&source_keys, keys(&t.ty)) {
                (Some((_, required)), Some((target_declared, target_required))) => {
                    required.iter().all(|k| target_declared.contains(k))
                        && target_required.iter().all(|k| required.contains(k))
                }
                _ => false,
            }
        })
    }

    /// The variants of the union at `index` that have a `From` conversion, with the type it is
    /// from: those whose (unboxed) type no other variant shares, and not the union itself.
    pub fn union_conversions<'u>(&self, index: usize, u: &'u Union) -> Vec<(&'u UnionVariant, String)> {
        let resolved: Vec<String> = u.variants.iter().map(|v| self.ty_unboxed(self.model.resolve(&v.ty))).collect();
        u.variants
            .iter()
            .zip(&resolved)
            .filter(|(v, key)| {
                resolved.iter().filter(|k| k == key).count() == 1
                    && !matches!(self.model.resolve(&v.ty), Ty::Named { id, .. } if id.0 == index)
            })
            .map(|(v, _)| (v, self.ty_unboxed(&v.ty)))
            .collect()
    }
}

impl RustApi<'_> {
    /// The public API of the type at `index` as a reviewer reads it in a pull request: fields
    /// with their Rust types and wire names, constants, variants with their tags, enum values,
    /// `new` and the setters, `From` conversions. The per-type snapshots hold this, so a schema
    /// change reads as the API change it is.
    pub fn surface(&self, index: usize) -> String {
        let Some(def) = self.model.types.get(index) else { return String::new() };
        let name = &def.name;
        let mut out = Vec::new();
        match &def.kind {
            TypeKind::Struct(s) => {
                out.push(format!("pub struct {name}  // Debug, Clone, PartialEq, Default"));
                for f in &s.fields {
                    let presence = match (f.required, f.nullable) {
                        (true, false) => "required",
                        (true, true) => "required, nullable",
                        (false, false) => "optional",
                        (false, true) => "optional, nullable",
                    };
                    out.push(format!("    {}: {}  // \"{}\", {presence}", f.ident, self.field_type(f), f.wire));
                }
                out.push(format!(
                    "    {}: ::serde_json::Map<String, ::serde_json::Value>  // undeclared keys",
                    crate::model::EXTRA_FIELDS
                ));
                for c in &s.constants {
                    out.push(format!("    // always \"{}\": {}", c.wire, c.value));
                }
                let params: Vec<String> = self
                    .constructor_fields(s)
                    .iter()
                    .map(|f| format!("{}: {}", f.ident, self.input(&f.ty).param_type()))
                    .collect();
                out.push(format!("fn new({}) -> Self", params.join(", ")));
                for f in self.setter_fields(s) {
                    let input = self.input(&f.ty).param_type();
                    out.push(format!("fn {}(self, value: {input}) -> Self", self.setter_name(f)));
                }
            }
            TypeKind::Union(u) => {
                let how = match &u.tag {
                    Some(tag) => format!("tagged by \"{tag}\""),
                    None => "chosen by JSON shape".to_owned(),
                };
                out.push(format!("pub enum {name}  // union, {how}"));
                for v in &u.variants {
                    let tags = match (v.tag_values.as_slice(), v.tag_optional) {
                        ([], _) => String::new(),
                        (values, optional) => {
                            let list: Vec<String> = values.iter().map(|t| format!("\"{t}\"")).collect();
                            format!("  // {}{}", list.join(" | "), if optional { " (or no tag)" } else { "" })
                        }
                    };
                    out.push(format!("    {}({}){tags}", v.ident, self.ty(&v.ty)));
                }
                out.push(format!("    {}(::serde_json::Value)  // anything else", u.fallback()));
                for source in self.unions_converting_into(index) {
                    if let Some(def) = self.model.types.get(source) {
                        out.push(format!("impl From<{}>  // variant by variant, by tag", def.name));
                    }
                }
                let list = self.list_conversion(index, u);
                for (v, source) in self.union_conversions(index, u) {
                    match &list {
                        Some((l, item)) if l.ident == v.ident => {
                            out.push(format!("impl<T: Into<{item}>> From<Vec<T>>"));
                            out.push(format!("impl<T: Into<{item}>, const N: usize> From<[T; N]>"));
                        }
                        _ => out.push(format!("impl From<{source}>")),
                    }
                }
            }
            TypeKind::StringEnum(e) => {
                out.push(format!("pub enum {name}  // string"));
                for v in &e.variants {
                    out.push(format!("    {}  // \"{}\"", v.ident, v.wire));
                }
                out.push(format!("    {}(String)  // other values", e.fallback));
            }
            TypeKind::IntegerEnum(e) => {
                out.push(format!("pub enum {name}  // integer"));
                for (ident, value) in &e.variants {
                    out.push(format!("    {ident}  // {value}"));
                }
                out.push(format!("    {}(i64)  // other values", e.fallback));
            }
            TypeKind::Alias(ty) => out.push(format!("pub type {name} = {};", self.ty(ty))),
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// The union's one list variant with a conversion, and its item type: its `From` takes any
    /// `Vec` or array of things that convert into the items (`[EasyInputMessage::user(..)]`),
    /// not only a `Vec` of the items. With two list variants the conversions would overlap, so
    /// each keeps its plain `From<Vec<Item>>`.
    pub fn list_conversion<'u>(&self, index: usize, u: &'u Union) -> Option<(&'u UnionVariant, String)> {
        let lists: Vec<(&UnionVariant, String)> = self
            .union_conversions(index, u)
            .into_iter()
            .filter_map(|(v, _)| match self.model.resolve(&v.ty) {
                Ty::Array(item) => Some((v, self.ty(item))),
                _ => None,
            })
            .collect();
        match lists.as_slice() {
            [(v, item)] => Some((*v, item.clone())),
            _ => None,
        }
    }
}
