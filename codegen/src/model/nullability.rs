//! Which `$ref` targets admit `null`, decided once for the whole document.
//!
//! A schema admits `null` when it says so (`nullable: true`, a `null` type, a `null` enum value)
//! or when one of its `anyOf`/`oneOf` branches or its `$ref` target does. That is reachability in
//! the graph of references: one pass records, for every reference, whether its target says so
//! itself and which references it leans on; a search backwards from the ones that say so marks
//! the rest. Linear in the document, whatever loops or fan-out its references have (following
//! references recursively instead took exponential time on `anyOf` trees of shared references).

use crate::spec::{Document, Node, OrAbsent, Schema, TypeName, UnionKeyword};
use std::collections::{HashMap, VecDeque};

/// Nullability of every reference the document makes.
#[derive(Debug, Default)]
pub(crate) struct Nullability {
    by_ref: HashMap<String, bool>,
}

impl Nullability {
    /// Decides every reference made in `doc`, and `also` (references nothing makes yet, such as
    /// every component schema).
    pub fn compute(doc: &Document, also: impl IntoIterator<Item = String>) -> Self {
        let mut pending: Vec<String> = also.into_iter().collect();
        pending.extend(doc.references());
        // Per reference: whether its target admits null by itself, and the references it leans on.
        let mut direct: HashMap<String, bool> = HashMap::new();
        let mut leaned_on_by: HashMap<String, Vec<String>> = HashMap::new();
        while let Some(reference) = pending.pop() {
            if direct.contains_key(&reference) {
                continue;
            }
            let mut deps = Vec::new();
            let own = doc.schema_at(&reference).is_some_and(|target| scan(&target, &mut deps));
            for dep in deps {
                if !direct.contains_key(&dep) {
                    pending.push(dep.clone());
                }
                leaned_on_by.entry(dep).or_default().push(reference.clone());
            }
            direct.insert(reference, own);
        }
        let mut by_ref: HashMap<String, bool> = direct.keys().map(|r| (r.clone(), false)).collect();
        let mut queue: VecDeque<String> = direct.into_iter().filter(|(_, own)| *own).map(|(r, _)| r).collect();
        while let Some(reference) = queue.pop_front() {
            match by_ref.get_mut(&reference) {
                Some(known) if !*known => *known = true,
                _ => continue,
            }
            for dependent in leaned_on_by.get(&reference).into_iter().flatten() {
                if by_ref.get(dependent) == Some(&false) {
                    queue.push_back(dependent.clone());
                }
            }
        }
        Nullability { by_ref }
    }

    /// Whether the target of `reference` admits null.
    pub fn of_ref(&self, reference: &str) -> bool {
        self.by_ref.get(reference).copied().unwrap_or(false)
    }
}

/// Whether `schema` says it admits null without following references; the references it would
/// follow (its own `$ref` and those of its union branches) are pushed to `deps`. A keyword of the
/// wrong type says nothing here.
fn scan(schema: &Schema<'_>, deps: &mut Vec<String>) -> bool {
    let mut nullable = schema.nullable()
        || schema.type_includes(TypeName::Null)
        || schema.enum_values().or_absent().is_some_and(|values| values.value.contains(&Node::Null));
    for union in [UnionKeyword::AnyOf, UnionKeyword::OneOf] {
        for branch in schema.branches(union).or_absent().unwrap_or_default() {
            nullable |= scan(&branch, deps);
        }
    }
    if let Some(reference) = schema.reference().or_absent() {
        deps.push(reference.value.to_owned());
    }
    nullable
}
