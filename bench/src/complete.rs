//! Schema-complete documents (issue "Performance on every shape the API sends"): built from the
//! type model of `spec/openapi.yaml` (the generator's own `codegen::model`), not written by hand,
//! so they hold what our hand-made documents leave out:
//!
//! - every optional field, at every depth (until [`MAX_DEPTH`]);
//! - every branch of every union and every value of every enum: each union and enum hands out its
//!   variants in turn, so consecutive items walk all of them;
//! - short strings mostly, one in [`LONG_EVERY`] long (a paragraph with a newline and a quote);
//! - keys in the schema's order ([`KeyOrder::Spec`], so a tag is often not the first key) or
//!   reversed ([`KeyOrder::Reversed`]).
//!
//! Deterministic: the same spec gives the same bytes.

use crate::json::{arr, boolean, int, num, obj, s, J};
use codegen::model::{Model, Struct, Ty, TypeId, TypeKind, Union};
use codegen::spec::Document;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;

/// The spec the documents are built from: the one openai-types is generated from.
pub const SPEC: &str = include_str!("../../spec/openapi.yaml");

/// How deep optional parts are filled in; deeper, only required fields (a recursive filter or
/// schema would otherwise grow without end).
const MAX_DEPTH: usize = 7;
/// Items in every array and entries in every map below the top list: two, so both a first and a
/// later element are read.
const ELEMENTS: usize = 2;
/// One string in this many is long.
const LONG_EVERY: usize = 4;
/// How large a document's top list grows (bytes).
const TARGET_BYTES: usize = 384 * 1024;
/// The average item size below which a list stops by its count instead (4,096 items for
/// [`TARGET_BYTES`]).
const MIN_ITEM_BYTES: usize = 96;

/// The order of an object's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrder {
    /// As the schema lists its properties.
    Spec,
    /// The schema's order backwards.
    Reversed,
}

impl KeyOrder {
    pub fn label(self) -> &'static str {
        match self {
            KeyOrder::Spec => "spec order",
            KeyOrder::Reversed => "reversed",
        }
    }
}

/// The type model and the spec's property order.
pub struct Complete {
    model: Model,
    /// Each type's schema property names in order, by type index (empty where the schema lists
    /// none).
    property_orders: Vec<Vec<String>>,
}

/// One union branch of a list, to build a document of that kind only.
#[derive(Debug, Clone)]
pub struct Kind {
    /// The branch's tag value, or its Rust name where the tag is shared or absent.
    pub label: String,
    index: usize,
}

impl Complete {
    /// Lowers [`SPEC`]. Fails only if the spec does not generate, which the main tests rule out.
    pub fn new() -> Result<Self, String> {
        let document = codegen::spec::parse(SPEC).map_err(|e| e.to_string())?;
        let (model, _) = codegen::model::lower(&document).map_err(|e| e.to_string())?;
        let property_orders = model.types.iter().map(|def| property_order(&document, &def.origin)).collect();
        Ok(Complete { model, property_orders })
    }

    fn type_id(&self, name: &str) -> Result<TypeId, String> {
        self.model.types.iter().position(|d| d.name == name).map(TypeId).ok_or_else(|| format!("no type `{name}`"))
    }

    /// The union a list field of `container` holds, as (field wire name, union id).
    fn list_union(&self, container: &str, field: &str) -> Result<TypeId, String> {
        let id = self.type_id(container)?;
        let Some(TypeKind::Struct(st)) = self.model.get(id).map(|d| &d.kind) else {
            return Err(format!("`{container}` is not a struct"));
        };
        let f = st.fields.iter().find(|f| f.wire == field).ok_or_else(|| format!("`{container}` has no `{field}`"))?;
        let mut ty = &f.ty;
        // `input: string | [items]`: the list branch.
        loop {
            match ty {
                Ty::Array(item) => match **item {
                    Ty::Named { id, .. } => return Ok(id),
                    _ => return Err(format!("`{container}.{field}` is not a list of a named type")),
                },
                Ty::Nullable(inner) => ty = inner,
                Ty::Named { id, .. } => match self.model.get(*id).map(|d| &d.kind) {
                    Some(TypeKind::Union(u)) => {
                        match u.variants.iter().find(|v| matches!(self.shape_ref(&v.ty), Ty::Array(_))) {
                            Some(v) => ty = self.shape_ref(&v.ty),
                            None => return Err(format!("`{container}.{field}` has no list branch")),
                        }
                    }
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => return Err(format!("`{container}.{field}` is not a list")),
                },
                _ => return Err(format!("`{container}.{field}` is not a list")),
            }
        }
    }

    fn shape_ref<'a>(&'a self, mut ty: &'a Ty) -> &'a Ty {
        for _ in 0..32 {
            match ty {
                Ty::Named { id, .. } => match self.model.get(*id).map(|d| &d.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    fn union(&self, id: TypeId) -> Option<&Union> {
        match self.model.get(id).map(|d| &d.kind) {
            Some(TypeKind::Union(u)) => Some(u),
            _ => None,
        }
    }

    /// The kinds of item `container.field` lists (one per union branch).
    pub fn kinds(&self, container: &str, field: &str) -> Result<Vec<Kind>, String> {
        let union = self.list_union(container, field)?;
        let u = self.union(union).ok_or_else(|| format!("`{container}.{field}` items are not a union"))?;
        Ok(u.variants
            .iter()
            .enumerate()
            .map(|(index, v)| {
                let shared = u.variants.iter().filter(|o| o.tag_values.first() == v.tag_values.first()).count() > 1;
                let label = match v.tag_values.first() {
                    Some(tag) if !shared => tag.clone(),
                    _ => v.ident.clone(),
                };
                Kind { label, index }
            })
            .collect())
    }

    /// A `container` document whose list `field` holds the given kinds in turn (every kind when
    /// `kinds` is empty), grown to about [`TARGET_BYTES`].
    pub fn document(&self, container: &str, field: &str, kinds: &[Kind], order: KeyOrder) -> Result<String, String> {
        self.document_sized(container, field, kinds, order, TARGET_BYTES)
    }

    /// [`Complete::document`] grown to about `bytes` (or `bytes /` [`MIN_ITEM_BYTES`] items, so a
    /// kind of tiny items still ends).
    pub fn document_sized(
        &self,
        container: &str,
        field: &str,
        kinds: &[Kind],
        order: KeyOrder,
        bytes: usize,
    ) -> Result<String, String> {
        let id = self.type_id(container)?;
        let union = self.list_union(container, field)?;
        let u = self.union(union).ok_or("list items are not a union")?;
        let mut writer = Writer::new(self, order);
        let mut items = Vec::new();
        let mut size = 0;
        while size < bytes && items.len() < bytes / MIN_ITEM_BYTES {
            let index = match kinds {
                [] => items.len() % u.variants.len(),
                kinds => kinds[items.len() % kinds.len()].index,
            };
            let item = writer.variant(u, index, 1);
            size += item.0.len() + 1;
            items.push(item);
        }
        let Some(TypeKind::Struct(st)) = self.model.get(id).map(|d| &d.kind) else {
            return Err(format!("`{container}` is not a struct"));
        };
        Ok(writer.object(id, st, 0, Some((field, arr(items)))).0)
    }

    /// A document of a type without a list to grow (a small request or response), as it is.
    pub fn single(&self, name: &str, order: KeyOrder) -> Result<String, String> {
        let id = self.type_id(name)?;
        let mut writer = Writer::new(self, order);
        Ok(writer.value(&Ty::Named { id, boxed: false }, 0).0)
    }
}

/// The schema's property names in order, for the type at `origin` (empty when unknown).
fn property_order(document: &Document, origin: &str) -> Vec<String> {
    document
        .resolve(origin)
        .and_then(|node| node.get("properties"))
        .and_then(|p| p.as_object())
        .map(|entries| entries.iter().map(|(k, _)| k.clone()).collect())
        .unwrap_or_default()
}

/// Writes one document; the counters make unions, enums, strings and numbers vary.
struct Writer<'c> {
    complete: &'c Complete,
    order: KeyOrder,
    /// The next branch or value to hand out, per union and enum.
    turns: HashMap<TypeId, usize>,
    strings: usize,
    numbers: usize,
}

impl<'c> Writer<'c> {
    fn new(complete: &'c Complete, order: KeyOrder) -> Self {
        Writer { complete, order, turns: HashMap::new(), strings: 0, numbers: 0 }
    }

    fn turn(&mut self, id: TypeId, count: usize) -> usize {
        let next = self.turns.entry(id).or_insert(0);
        let pick = *next % count.max(1);
        *next += 1;
        pick
    }

    fn string(&mut self) -> J {
        self.strings += 1;
        let n = self.strings;
        if n.is_multiple_of(LONG_EVERY) {
            let mut text = String::new();
            for word in 0..48 {
                text.push_str(
                    ["the ", "model ", "answered ", "with ", "a ", "longer ", "paragraph ", "of text "][(n + word) % 8],
                );
            }
            text.push_str("\n\"quoted\" and done.");
            s(&text)
        } else {
            s(&format!("v{n:x}_text"))
        }
    }

    fn value(&mut self, ty: &Ty, depth: usize) -> J {
        match ty {
            Ty::String => self.string(),
            // A file in JSON: a `data:` URL.
            Ty::File => s("data:text/plain;base64,aGVsbG8="),
            Ty::Integer | Ty::Unsigned => {
                self.numbers += 1;
                int((self.numbers * 37 % 256) as i64)
            }
            Ty::Number => {
                self.numbers += 1;
                num((self.numbers % 1000) as f64 / 8.0 - 20.0)
            }
            Ty::Boolean => {
                self.numbers += 1;
                boolean(self.numbers.is_multiple_of(2))
            }
            Ty::Any => obj(vec![("key", self.string()), ("n", int(3))]),
            Ty::Array(item) => {
                let len = if depth < MAX_DEPTH { ELEMENTS } else { 0 };
                arr((0..len).map(|_| self.value(item, depth + 1)).collect())
            }
            Ty::Map(value) => {
                let len = if depth < MAX_DEPTH { ELEMENTS } else { 0 };
                let entries: Vec<(String, J)> =
                    (0..len).map(|i| (format!("key_{i}"), self.value(value, depth + 1))).collect();
                obj(entries.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())
            }
            Ty::Nullable(inner) => self.value(inner, depth),
            Ty::Named { id, .. } => {
                let model = &self.complete.model;
                match model.get(*id).map(|d| &d.kind) {
                    Some(TypeKind::Struct(st)) => self.object(*id, st, depth, None),
                    Some(TypeKind::StringEnum(e)) => {
                        let pick = self.turn(*id, e.variants.len());
                        e.variants.get(pick).map_or_else(|| s("value"), |v| s(&v.wire))
                    }
                    Some(TypeKind::IntegerEnum(e)) => {
                        let pick = self.turn(*id, e.variants.len());
                        e.variants.get(pick).map_or_else(|| int(0), |v| int(v.1))
                    }
                    Some(TypeKind::Union(u)) => {
                        // Deep down, the first branch only: the one lowering made the simplest.
                        let pick = if depth < MAX_DEPTH { self.turn(*id, u.variants.len()) } else { 0 };
                        self.variant(u, pick, depth + 1)
                    }
                    Some(TypeKind::Alias(inner)) => self.value(inner, depth),
                    None => s("missing type"),
                }
            }
        }
    }

    /// Union branch `index`, its tag set to the branch's first tag value.
    fn variant(&mut self, u: &Union, index: usize, depth: usize) -> J {
        let Some(v) = u.variants.get(index) else { return s("no variant") };
        match (&u.tag, v.tag_values.first(), self.complete.shape_ref(&v.ty)) {
            (Some(tag), Some(value), Ty::Named { id, .. }) => match self.complete.model.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Struct(st)) => {
                    let tag = (tag.clone(), value.clone());
                    self.object_tagged(*id, st, depth, None, Some(tag))
                }
                _ => self.value(&v.ty, depth),
            },
            _ => self.value(&v.ty, depth),
        }
    }

    fn object(&mut self, id: TypeId, st: &Struct, depth: usize, list: Option<(&str, J)>) -> J {
        self.object_tagged(id, st, depth, list, None)
    }

    /// An object with every field (optional ones too, until [`MAX_DEPTH`]) and its constants, in
    /// the schema's key order; `list` replaces one field's value, `tag` one constant's.
    fn object_tagged(
        &mut self,
        id: TypeId,
        st: &Struct,
        depth: usize,
        list: Option<(&str, J)>,
        tag: Option<(String, String)>,
    ) -> J {
        let mut entries: Vec<(String, J)> = Vec::new();
        for c in &st.constants {
            let value = match &tag {
                Some((key, value)) if *key == c.wire => s(value),
                _ => J(c.value.to_string()),
            };
            entries.push((c.wire.clone(), value));
        }
        if let Some((key, value)) = &tag {
            if !entries.iter().any(|(k, _)| k == key) {
                entries.push((key.clone(), s(value)));
            }
        }
        let mut list = list;
        for f in &st.fields {
            if let Some((field, value)) = list.take_if(|(field, _)| *field == f.wire) {
                entries.push((field.to_owned(), value));
                continue;
            }
            if let Some((key, value)) = &tag {
                if *key == f.wire {
                    if let Some((_, existing)) = entries.iter_mut().find(|(k, _)| k == key) {
                        *existing = s(value);
                    }
                    continue;
                }
            }
            if f.required || depth < MAX_DEPTH {
                let value = self.value(&f.ty, depth + 1);
                entries.push((f.wire.clone(), value));
            }
        }
        // The schema's order; keys it does not list (none, in practice) keep theirs, after it.
        let order = self.complete.property_orders.get(id.0).map_or(&[][..], Vec::as_slice);
        let rank = |key: &str| order.iter().position(|k| k == key).unwrap_or(order.len());
        entries.sort_by_key(|(k, _)| rank(k));
        if self.order == KeyOrder::Reversed {
            entries.reverse();
        }
        obj(entries.iter().map(|(k, v)| (k.as_str(), v.clone())).collect())
    }
}

/// The documents of the schema-complete benchmark, each in both key orders.
pub struct CompleteDocument {
    /// What it is, for the report: `CompactedResponse: message (spec order)`.
    pub label: String,
    /// Which Rust type reads it (see [`Target`]).
    pub target: Target,
    pub json: String,
}

/// The request and response types measured, each with its async-openai counterpart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `POST /responses/compact` response: `CompactedResponse` / `CompactResource`.
    CompactedResponse,
    /// `POST /responses/input_tokens` request: `InputTokenCountParams` / `TokenCountsBody`.
    InputTokenCountParams,
    /// `POST /responses/compact` request: `ResponseCompactParams` / `CompactResponseRequest`.
    ResponseCompactParams,
    /// `POST /conversations` request: `ConversationCreateParams` / `CreateConversationRequest`.
    ConversationCreateParams,
    /// `POST /conversations` response: `Conversation` / `ConversationResource`.
    Conversation,
    /// `POST /responses/input_tokens` response: `InputTokenCountResponse` / `TokenCountsResource`.
    InputTokenCountResponse,
}

impl Target {
    /// The generated type's name, and the list field a document grows (none for small ones).
    pub fn schema(self) -> (&'static str, Option<&'static str>) {
        match self {
            Target::CompactedResponse => ("CompactedResponse", Some("output")),
            Target::InputTokenCountParams => ("InputTokenCountParams", Some("input")),
            Target::ResponseCompactParams => ("ResponseCompactParams", Some("input")),
            Target::ConversationCreateParams => ("ConversationCreateParams", Some("items")),
            Target::Conversation => ("Conversation", None),
            Target::InputTokenCountResponse => ("InputTokenCountResponse", None),
        }
    }

    pub const ALL: [Target; 6] = [
        Target::CompactedResponse,
        Target::InputTokenCountParams,
        Target::ResponseCompactParams,
        Target::ConversationCreateParams,
        Target::Conversation,
        Target::InputTokenCountResponse,
    ];
}

impl Complete {
    /// The whole documents: every request and response type, mixed items, both key orders.
    pub fn whole_documents(&self) -> Result<Vec<CompleteDocument>, String> {
        let mut out = Vec::new();
        for target in Target::ALL {
            let (name, list) = target.schema();
            for order in [KeyOrder::Spec, KeyOrder::Reversed] {
                let json = match list {
                    Some(field) => self.document(name, field, &[], order)?,
                    None => self.single(name, order)?,
                };
                out.push(CompleteDocument { label: format!("`{name}` ({})", order.label()), target, json });
            }
        }
        Ok(out)
    }

    /// One document per item kind of the compacted response's output and of the token count
    /// request's input (spec order).
    pub fn kind_documents(&self, order: KeyOrder) -> Result<Vec<CompleteDocument>, String> {
        let mut out = Vec::new();
        for target in [Target::CompactedResponse, Target::InputTokenCountParams] {
            let (name, Some(field)) = target.schema() else { continue };
            for kind in self.kinds(name, field)? {
                let json = self.document(name, field, std::slice::from_ref(&kind), order)?;
                out.push(CompleteDocument { label: format!("`{name}`: {}", kind.label), target, json });
            }
        }
        Ok(out)
    }
}

/// What runs on a target's pair of types: openai-types' and async-openai's.
pub trait WithTypes {
    type Output;
    fn run<Ours, Theirs>(self) -> Self::Output
    where
        Ours: DeserializeOwned + Serialize + openai_types::WireValue,
        Theirs: DeserializeOwned + Serialize;
}

impl Target {
    /// Runs `f` on the target's two types: the one place that pairs them.
    pub fn with_types<F: WithTypes>(self, f: F) -> F::Output {
        use async_openai::types::responses as theirs;
        use openai_types as ours;
        match self {
            Target::CompactedResponse => f.run::<ours::CompactedResponse, theirs::CompactResource>(),
            Target::InputTokenCountParams => f.run::<ours::InputTokenCountParams, theirs::TokenCountsBody>(),
            Target::ResponseCompactParams => f.run::<ours::ResponseCompactParams, theirs::CompactResponseRequest>(),
            Target::ConversationCreateParams => {
                f.run::<ours::ConversationCreateParams, theirs::CreateConversationRequest>()
            }
            Target::Conversation => f.run::<ours::Conversation, theirs::ConversationResource>(),
            Target::InputTokenCountResponse => f.run::<ours::InputTokenCountResponse, theirs::TokenCountsResource>(),
        }
    }
}

/// Whether both crates read `json` as `target`.
pub fn both_read(target: Target, json: &str) -> bool {
    struct BothRead<'a>(&'a str);
    impl WithTypes for BothRead<'_> {
        type Output = bool;
        fn run<Ours, Theirs>(self) -> bool
        where
            Ours: DeserializeOwned + Serialize + openai_types::WireValue,
            Theirs: DeserializeOwned + Serialize,
        {
            serde_json::from_str::<Ours>(self.0).is_ok() && serde_json::from_str::<Theirs>(self.0).is_ok()
        }
    }
    target.with_types(BothRead(json))
}

/// The kinds of item in `name.field` both crates read, in both key orders.
pub fn peer_readable_kinds(complete: &Complete, target: Target, name: &str, field: &str) -> Result<Vec<Kind>, String> {
    Ok(complete
        .kinds(name, field)?
        .into_iter()
        .filter(|kind| {
            [KeyOrder::Spec, KeyOrder::Reversed].into_iter().all(|order| {
                complete
                    .document(name, field, std::slice::from_ref(kind), order)
                    .is_ok_and(|json| both_read(target, &json))
            })
        })
        .collect())
}

/// The two large documents of the serde benchmark, made schema-complete: a compacted response and
/// a token count request of the kinds both crates read, every kind in turn, keys in `order` (the
/// `profile` binary's `DOCS=complete`).
///
/// `only` keeps the kinds of that label (`compaction`, `message`; see [`Kind::label`]): a list
/// without any is empty.
pub fn peer_readable_documents(only: Option<&str>, order: KeyOrder) -> Result<crate::Documents, String> {
    let complete = Complete::new()?;
    let mut docs = Vec::new();
    for target in [Target::CompactedResponse, Target::InputTokenCountParams] {
        let (name, Some(field)) = target.schema() else { continue };
        let mut kinds = peer_readable_kinds(&complete, target, name, field)?;
        kinds.retain(|kind| only.is_none_or(|only| kind.label == only));
        docs.push(complete.document(name, field, &kinds, order)?);
    }
    let input_token_count_params = docs.pop().unwrap_or_default();
    let compacted_response = docs.pop().unwrap_or_default();
    Ok(crate::Documents { compacted_response, input_token_count_params })
}
