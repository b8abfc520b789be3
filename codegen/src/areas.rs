//! Areas: the modules and Cargo features a generated crate is split into, so that a user compiles
//! only the part of the API they use.
//!
//! An operation's area is the first segment of its path (`/responses/{id}` → `responses`,
//! `/fine_tuning/jobs` → `fine_tuning`; `/responses?beta=true` → `responses_beta`): every
//! operation has one, it is what the API reference and its URLs are organised by, and it does not
//! depend on tags, which a third of OpenAI's operations lack. A type belongs to every area whose
//! operations use it, directly or through the types it names (what its file imports but for the
//! unions it converts from, whose `From` impls are compiled only where their source is). An
//! operation's stream events are its area's too, and the payloads of the spec's `webhooks` are an
//! area of their own (`webhooks`). A type of one area lives in that area's module; a type of
//! several areas in `shared`; a type no area uses in `other` (a feature too, which also compiles
//! what those types use). Each type is compiled when any feature of an area it belongs to is on,
//! so every feature set builds, and enabling one area compiles exactly its types.

use crate::model::{Model, Ty};
use crate::naming;
use crate::rust_api::RustApi;
use std::collections::{BTreeSet, HashMap};

/// The module of the types several areas use.
pub const SHARED_MODULE: &str = "shared";
/// The module (and feature) of the types no operation uses.
pub const OTHER_MODULE: &str = "other";
/// The area of the spec's `webhooks`.
pub const WEBHOOKS_AREA: &str = "webhooks";
/// The feature that enables every area and `other`.
pub const FULL_FEATURE: &str = "full";

/// Names an area may not take: the crate's other modules and features. An area that would is
/// renamed with an `_api` suffix.
const RESERVED: &[&str] = &[
    SHARED_MODULE,
    OTHER_MODULE,
    FULL_FEATURE,
    "default",
    "type_registry",
    "resources",
    "runtime",
    "generated",
    "reqwest",
    "api",
    "client",
];

/// Where a type is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// The module of the area at this index of [`Areas::names`].
    Area(usize),
    Shared,
    Other,
}

/// The areas of a model and the areas each type belongs to.
#[derive(Debug, Clone)]
pub struct Areas {
    /// Module and feature names, in the order their first operation appears in the spec.
    names: Vec<String>,
    /// The area of each operation, by index into the model's operations.
    of_operation: Vec<usize>,
    /// The areas each type belongs to, by type index.
    of_type: Vec<BTreeSet<usize>>,
}

impl Areas {
    /// Works out the areas of every operation and type.
    pub fn new(model: &Model, api: &RustApi<'_>) -> Self {
        let mut names: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut area = |key: String| {
            *by_key.entry(key.clone()).or_insert_with(|| {
                let mut name = key;
                while RESERVED.contains(&name.as_str()) || names.contains(&name) {
                    name.push_str("_api");
                }
                names.push(name);
                names.len() - 1
            })
        };
        let of_operation: Vec<usize> = model.operations.iter().map(|op| area(area_key(&op.path))).collect();
        // What the API sends to a user's server is an area of its own.
        let webhooks = (!model.webhooks.is_empty()).then(|| area(WEBHOOKS_AREA.to_owned()));

        let index_of: HashMap<&str, usize> =
            model.types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
        let uses: Vec<Vec<usize>> = (0..model.types.len())
            .map(|i| api.names_needed(i).iter().filter_map(|name| index_of.get(name.as_str()).copied()).collect())
            .collect();
        let mut of_type = vec![BTreeSet::new(); model.types.len()];
        let mut roots: Vec<(usize, Vec<usize>)> =
            model.operations.iter().zip(&of_operation).map(|(op, &area)| (area, named_types(op.types()))).collect();
        if let Some(area) = webhooks {
            roots.push((area, named_types(model.webhooks.iter().map(|(_, ty)| ty).collect())));
        }
        for (area, stack) in roots {
            reach(&mut of_type, &uses, area, stack);
        }
        // The types no area uses are `other`'s, and so is what they use, wherever it lives.
        let unused: Vec<usize> = (0..model.types.len()).filter(|&i| of_type[i].is_empty()).collect();
        reach(&mut of_type, &uses, names.len(), unused);
        Areas { names, of_operation, of_type }
    }

    /// The index that stands for `other` in a type's set of areas.
    fn other(&self) -> usize {
        self.names.len()
    }

    /// The name of the area (or `other`) at `index`.
    fn feature(&self, index: usize) -> &str {
        self.names.get(index).map_or(OTHER_MODULE, String::as_str)
    }

    /// Every area's name, in spec order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The area of the operation at this index of the model's operations.
    pub fn of_operation(&self, index: usize) -> Option<&str> {
        self.of_operation.get(index).and_then(|&area| self.names.get(area)).map(String::as_str)
    }

    /// Where the type at `index` is defined: by the areas that use it (`other` counts only for
    /// a type no area uses).
    pub fn home(&self, index: usize) -> Home {
        let mut areas = self.of_type.get(index).into_iter().flatten().filter(|&&a| a != self.other());
        match (areas.next(), areas.next()) {
            (None, _) => Home::Other,
            (Some(&area), None) => Home::Area(area),
            (Some(_), Some(_)) => Home::Shared,
        }
    }

    /// The name of a home's module.
    pub fn module(&self, home: Home) -> &str {
        match home {
            Home::Area(area) => self.names.get(area).map_or(OTHER_MODULE, String::as_str),
            Home::Shared => SHARED_MODULE,
            Home::Other => OTHER_MODULE,
        }
    }

    /// The features any of which compiles the type at `index`: its areas, and `other` when a
    /// type of `other` uses it.
    pub fn features_of_type(&self, index: usize) -> Vec<&str> {
        self.of_type.get(index).into_iter().flatten().map(|&a| self.feature(a)).collect()
    }

    /// Every module that has types, in order: the areas, `shared`, `other`.
    pub fn modules(&self) -> Vec<Home> {
        let mut homes: Vec<Home> = (0..self.names.len()).map(Home::Area).collect();
        homes.extend([Home::Shared, Home::Other]);
        homes.retain(|home| (0..self.of_type.len()).any(|i| self.home(i) == *home));
        homes
    }

    /// The features any of which compiles a module: every one that compiles one of its types.
    pub fn features_of_module(&self, home: Home) -> Vec<&str> {
        let areas: BTreeSet<usize> = (0..self.of_type.len())
            .filter(|&i| self.home(i) == home)
            .flat_map(|i| self.of_type[i].iter().copied())
            .collect();
        areas.into_iter().map(|a| self.feature(a)).collect()
    }

    /// The crate's features: each area, `other` when some type needs it, and `full`.
    pub fn features(&self) -> Vec<String> {
        let mut features = self.names.clone();
        if self.modules().contains(&Home::Other) {
            features.push(OTHER_MODULE.to_owned());
        }
        features
    }
}

/// Adds `area` to the types in `stack` and to every type they use, transitively.
fn reach(of_type: &mut [BTreeSet<usize>], uses: &[Vec<usize>], area: usize, mut stack: Vec<usize>) {
    while let Some(index) = stack.pop() {
        if let Some(areas) = of_type.get_mut(index) {
            if areas.insert(area) {
                stack.extend(uses.get(index).into_iter().flatten().copied());
            }
        }
    }
}

/// The area of a path: its first segment in snake case (`root` for `/` or a path that starts
/// with a parameter). A path key with a query (OpenAI's `/responses?beta=true` variants of whole
/// APIs) is an area of its own, named after the query's parameters too (`responses_beta`).
fn area_key(path: &str) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let first = path.trim_start_matches('/').split(['/', '#']).next().unwrap_or_default();
    let mut key = naming::field_name(first).trim_start_matches("r#").to_owned();
    if first.is_empty() || first.starts_with('{') || key.is_empty() {
        key = "root".to_owned();
    }
    for parameter in query.split('&').filter_map(|pair| pair.split('=').next()).filter(|p| !p.is_empty()) {
        key.push('_');
        key.push_str(naming::field_name(parameter).trim_start_matches("r#"));
    }
    key
}

/// The generated types in `tys`, inside lists and maps too.
fn named_types(tys: Vec<&Ty>) -> Vec<usize> {
    tys.into_iter()
        .flat_map(Ty::parts)
        .filter_map(|ty| match ty {
            Ty::Named { id, .. } => Some(id.0),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_is_the_first_path_segment() {
        assert_eq!(area_key("/responses/{response_id}"), "responses");
        assert_eq!(area_key("/responses?beta=true"), "responses_beta");
        assert_eq!(area_key("/responses/{id}?beta=true&x=1"), "responses_beta_x");
        assert_eq!(area_key("/fine_tuning/jobs"), "fine_tuning");
        assert_eq!(area_key("/vector-stores"), "vector_stores");
        assert_eq!(area_key("/"), "root");
        assert_eq!(area_key("/{id}"), "root");
    }
}
