//! `allOf` with a part that is a union. `allOf: [{anyOf: [A, B]}, S]` means `anyOf: [A ⊕ S, B ⊕ S]`:
//! the object parts are merged into every branch, and the result is a union like any other. Its
//! variants are told apart by the tags each merged branch carries and by the discriminator, and a
//! tagged one keeps objects with an unknown tag whole.

use super::{union_tags, Branch, BranchTags, Lowerer, MergedObject, Shape, Used, MAX_DEPTH};
use crate::error::{Error, Result};
use crate::model::Ty;
use crate::naming;
use crate::spec::{Discriminator, Node, OrAbsent, Pointer, Schema, UnionKeyword};
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

/// What `allOf` parts merge into.
#[derive(Clone)]
pub(super) enum MergedPart {
    Object(MergedObject),
    /// A union each of whose branches is merged with the objects around it.
    Union(Box<MergedUnion>),
}

impl MergedPart {
    /// The union `schema` lists under `keyword`, nothing merged around it yet.
    pub(super) fn union(schema: &Schema, keyword: UnionKeyword) -> Self {
        MergedPart::Union(Box::new(MergedUnion {
            node: Rc::new(schema.node().clone()),
            ptr: schema.ptr().clone(),
            keyword,
            before: MergedObject::default(),
            after: MergedObject::default(),
        }))
    }
}

/// `before ⊕ (one branch) ⊕ after`, for each branch of a union.
#[derive(Clone)]
pub(super) struct MergedUnion {
    /// The schema that lists the branches (and may have a `discriminator`). Shared: a merged
    /// part is copied at every use of its reference.
    node: Rc<Node>,
    ptr: Pointer,
    keyword: UnionKeyword,
    before: MergedObject,
    after: MergedObject,
}

impl MergedUnion {
    /// The schema that lists the branches.
    fn schema(&self) -> Schema<'_> {
        Schema::new(&self.node, self.ptr.clone())
    }

    fn branches_ptr(&self) -> Pointer {
        self.schema().branches_ptr(self.keyword)
    }

    /// The union and what is merged around it: equal identities give equal types.
    fn identity(&self) -> String {
        let mut out = self.branches_ptr().to_string();
        for side in [&self.before, &self.after] {
            // Lengths first: no pointer or key can end one entry early.
            for (_, _, ptr) in &side.properties {
                let _ = write!(out, "|{}:{}", ptr.as_str().len(), ptr);
            }
            for key in &side.required {
                let _ = write!(out, "|r{}:{key}", key.len());
            }
            out.push('/');
        }
        out
    }
}

/// `left ⊕ right`, as `allOf` merges them (a later part's property replaces an earlier one's).
/// Objects merged with a union go before or after each of its branches. Two unions are refused at
/// `at`: their product needs a type per pair of branches, and no single tag would tell them apart.
pub(super) fn conjoin(left: MergedPart, right: MergedPart, at: &Pointer) -> Result<MergedPart> {
    Ok(match (left, right) {
        (MergedPart::Object(mut left), MergedPart::Object(right)) => {
            left.absorb(right);
            MergedPart::Object(left)
        }
        (MergedPart::Object(mut left), MergedPart::Union(mut union)) => {
            left.absorb(std::mem::take(&mut union.before));
            union.before = left;
            MergedPart::Union(union)
        }
        (MergedPart::Union(mut union), MergedPart::Object(right)) => {
            union.after.absorb(right);
            MergedPart::Union(union)
        }
        (MergedPart::Union(first), MergedPart::Union(second)) => {
            return Err(Error::at(
                at.as_str(),
                format!(
                    "`allOf` with two parts that are unions (`{}` and `{}`) is not supported: it would need a \
                     type for every pair of their branches; write the pairs out as one union",
                    first.branches_ptr(),
                    second.branches_ptr()
                ),
            ))
        }
    })
}

/// The properties that the object parts of a distributed `allOf` give every branch, by pointer:
/// each is lowered once, so an inline type in one is one type named after the union, not one per
/// branch.
#[derive(Default)]
pub(super) struct SharedFields {
    by_ptr: HashMap<Pointer, SharedField>,
}

pub(super) struct SharedField {
    pub(super) type_name: String,
    pub(super) used: Option<Used>,
    /// The one-value enum of an optional constant.
    pub(super) const_ty: Option<Ty>,
}

impl SharedFields {
    pub(super) fn get_mut(&mut self, ptr: &Pointer) -> Option<&mut SharedField> {
        self.by_ptr.get_mut(ptr)
    }
}

/// What distributing one `allOf` keeps.
#[derive(Default)]
struct Distribution {
    /// Tags of each nested union (a branch that is a union itself), by identity; `None` while
    /// they are worked out, so meeting one again is a loop.
    tags: HashMap<String, Option<BranchTags>>,
    /// The type of each nested union, made once: unions of unions over shared references would
    /// otherwise make exponentially many.
    types: HashMap<String, Ty>,
    shared: SharedFields,
}

/// A union's branches, merged with what is around them.
struct Merged<'u> {
    branches: Vec<Branch<'u>>,
    parts: Vec<(MergedPart, Pointer)>,
}

impl Lowerer<'_> {
    /// The type of an `allOf` whose parts merge into a union (see the module documentation);
    /// `discriminator` is the `allOf` schema's own, used when the union has none.
    pub(super) fn distribute(
        &mut self,
        union: &MergedUnion,
        discriminator: Option<Discriminator>,
        name: &str,
    ) -> Result<Shape> {
        let mut distribution = Distribution::default();
        self.distributed_shape(union, discriminator, name, &mut distribution, 0)
    }

    fn distributed_shape(
        &mut self,
        union: &MergedUnion,
        discriminator: Option<Discriminator>,
        name: &str,
        distribution: &mut Distribution,
        depth: usize,
    ) -> Result<Shape> {
        for (key, _, ptr) in union.before.properties.iter().chain(&union.after.properties) {
            distribution.shared.by_ptr.entry(ptr.clone()).or_insert_with(|| SharedField {
                type_name: format!("{name}{}", naming::type_name(key)),
                used: None,
                const_ty: None,
            });
        }
        let merged = self.merged_branches(union, distribution, depth)?;
        let discriminator = union.schema().discriminator().or(discriminator);
        match merged.parts.as_slice() {
            [] => Err(Error::at(
                union.branches_ptr().as_str(),
                "every branch of this union is `null`, and the other `allOf` parts are objects: no value fits",
            )),
            [(part, ptr)] => self.branch_shape(part, ptr, name, distribution, depth),
            parts => {
                let (union, _) = self.union_variants(discriminator, &merged.branches, name, |this, k, type_name| {
                    let ((part, ptr), branch) = (&parts[k], &merged.branches[k]);
                    let doc = this.branch_doc(&branch.schema);
                    this.branch_type(part, ptr, doc, type_name, distribution, depth)
                })?;
                Ok(Shape::Union(union))
            }
        }
    }

    /// The branches of `union` that admit objects, each merged with what is around it, and their
    /// tags. A `null` branch is left out: the objects around it admit no null.
    fn merged_branches<'u>(
        &mut self,
        union: &'u MergedUnion,
        distribution: &mut Distribution,
        depth: usize,
    ) -> Result<Merged<'u>> {
        if depth > MAX_DEPTH {
            return Err(Error::at(
                union.branches_ptr().as_str(),
                format!("unions inside `allOf` nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        let mut merged = Merged { branches: Vec::new(), parts: Vec::new() };
        for schema in union.schema().branches(union.keyword).or_absent().unwrap_or_default() {
            if schema.is_null() {
                continue;
            }
            let ptr = schema.ptr().clone();
            let part = self.merge_part(&schema, 0)?;
            let part = conjoin(MergedPart::Object(union.before.clone()), part, &ptr)?;
            let part = conjoin(part, MergedPart::Object(union.after.clone()), &ptr)?;
            let tags = match &part {
                MergedPart::Object(object) => self.object_tags(object),
                MergedPart::Union(nested) => self.nested_tags(nested, distribution, depth + 1)?,
            };
            merged.branches.push(Branch { schema, tags });
            merged.parts.push((part, ptr));
        }
        Ok(merged)
    }

    /// The tags of a nested union: those its merged branches all carry.
    fn nested_tags(
        &mut self,
        union: &MergedUnion,
        distribution: &mut Distribution,
        depth: usize,
    ) -> Result<BranchTags> {
        let identity = union.identity();
        match distribution.tags.get(&identity) {
            Some(Some(tags)) => return Ok(tags.clone()),
            Some(None) => {
                return Err(Error::at(
                    union.branches_ptr().as_str(),
                    "this union is one of its own branches inside `allOf`; it cannot be merged with the other parts",
                ))
            }
            None => {}
        }
        distribution.tags.insert(identity.clone(), None);
        let merged = self.merged_branches(union, distribution, depth)?;
        let tags = union_tags(&merged.branches.into_iter().map(|b| b.tags).collect::<Vec<_>>());
        distribution.tags.insert(identity, Some(tags.clone()));
        Ok(tags)
    }

    /// Constant-valued string properties of a merged branch, as [`Lowerer::branch_tags`] finds
    /// them in a schema.
    fn object_tags(&self, merged: &MergedObject) -> BranchTags {
        let mut out = BranchTags::new();
        for (key, node, ptr) in &merged.properties {
            if let Some(values) = self.constant_strings(&Schema::new(node, ptr.clone())) {
                out.insert(key.clone(), (values, merged.required.contains(key)));
            }
        }
        out
    }

    /// The named type of one merged branch.
    fn branch_type(
        &mut self,
        part: &MergedPart,
        ptr: &Pointer,
        doc: Option<String>,
        type_name: &str,
        distribution: &mut Distribution,
        depth: usize,
    ) -> Result<(Ty, bool)> {
        let identity = match part {
            MergedPart::Union(nested) => Some(nested.identity()),
            MergedPart::Object(_) => None,
        };
        if let Some(ty) = identity.as_ref().and_then(|identity| distribution.types.get(identity)) {
            return Ok((ty.clone(), false));
        }
        let kind = self.branch_shape(part, ptr, type_name, distribution, depth)?.into_kind();
        let ty = self.named(type_name, ptr, doc, kind);
        if let Some(identity) = identity {
            distribution.types.insert(identity, ty.clone());
        }
        Ok((ty, false))
    }

    /// The shape of one merged branch: a struct, or for a nested union, that union distributed.
    fn branch_shape(
        &mut self,
        part: &MergedPart,
        ptr: &Pointer,
        name: &str,
        distribution: &mut Distribution,
        depth: usize,
    ) -> Result<Shape> {
        match part {
            MergedPart::Object(merged) => {
                Ok(Shape::Struct(self.build_struct(merged, ptr, name, Some(&mut distribution.shared))?))
            }
            MergedPart::Union(nested) => self.distributed_shape(nested, None, name, distribution, depth + 1),
        }
    }

    /// A merged branch's documentation: its own, or that of the schema it references (the merged
    /// type stands in for it), and which type that is.
    fn branch_doc(&self, schema: &Schema) -> Option<String> {
        let own = schema.doc();
        let Some(reference) = schema.reference().or_absent().map(|r| r.value) else { return own };
        let doc = own.or_else(|| self.doc.schema_at(reference).and_then(|target| target.doc()));
        let Some(def) = self.by_ref.get(reference).and_then(|id| self.types.get(id.0)).and_then(Option::as_ref) else {
            return doc;
        };
        let note = format!("`{}` with the properties of the other `allOf` parts.", def.name);
        Some(match doc {
            Some(doc) => format!("{doc}\n\n{note}"),
            None => note,
        })
    }
}
