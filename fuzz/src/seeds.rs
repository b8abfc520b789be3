//! The seed corpus: every example of `openai-types/tests/data/examples/`, the hand-picked seeds of
//! `fuzz/seeds/`, and instances drawn from the generator's model by its samplers (`Sampler`,
//! `RandomSampler`); and a dictionary of the spec's tags, enum values and field names.

use crate::{Target, TARGETS};
use codegen::model::{Model, Ty, TypeId, TypeKind};
use codegen::sample::{RandomSampler, Sampler};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How many random instances of each target the corpus gets.
pub const RANDOM_PER_TARGET: u64 = 48;

/// The repository root (the fuzz crate's parent).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ has a parent").to_path_buf()
}

/// The fuzz crate's own directory.
pub fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The generator's model of `spec/openapi.yaml`.
pub fn model() -> Model {
    let spec = repo_root().join("spec/openapi.yaml");
    codegen::generate_file(&spec, &codegen::Options::default()).expect("the spec generates").model
}

/// One seed: the target it is for, a file name, and the bytes.
pub struct Seed {
    pub target: &'static str,
    pub name: String,
    pub data: Vec<u8>,
}

/// Every seed, for every target.
pub fn seeds(model: &Model) -> Vec<Seed> {
    let mut out = Vec::new();
    examples(&mut out);
    hand_picked(&mut out);
    for target in TARGETS {
        sampled(model, target, &mut out);
    }
    out
}

/// The examples, each for the target `index.tsv` names (unlisted files go to every target).
fn examples(out: &mut Vec<Seed>) {
    let dir = repo_root().join("openai-types/tests/data/examples");
    let index = std::fs::read_to_string(dir.join("index.tsv")).unwrap_or_default();
    let listed: BTreeMap<&str, &str> = index.lines().filter_map(|l| l.split_once('\t')).collect();
    for path in json_files(&dir) {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let Ok(data) = std::fs::read(&path) else { continue };
        let stem = file.trim_end_matches(".json");
        match listed.get(file.as_str()).and_then(|ty| crate::target(ty)) {
            Some(t) => out.push(Seed { target: t.slug, name: format!("example-{stem}"), data }),
            None => {
                for t in TARGETS {
                    out.push(Seed { target: t.slug, name: format!("example-{stem}"), data: data.clone() });
                }
            }
        }
    }
}

/// `fuzz/seeds/*.json`, for every target.
fn hand_picked(out: &mut Vec<Seed>) {
    for path in json_files(&fuzz_dir().join("seeds")) {
        let Ok(data) = std::fs::read(&path) else { continue };
        let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or_default();
        for t in TARGETS {
            out.push(Seed { target: t.slug, name: format!("seed-{stem}"), data: data.clone() });
        }
    }
}

/// The `.json` files of a folder, sorted (none when it does not exist).
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn id_of(model: &Model, name: &str) -> Option<TypeId> {
    model.types.iter().position(|d| d.name == name).map(TypeId)
}

fn named(id: TypeId) -> Ty {
    Ty::Named { id, boxed: false }
}

/// Instances of the target (full, minimal, random, every variant of its first-level unions) and
/// of every type reachable from it (material for splicing and nesting).
fn sampled(model: &Model, target: &Target, out: &mut Vec<Seed>) {
    let Some(id) = id_of(model, target.name) else { return };
    let sampler = Sampler::new(model);
    let mut push = |name: String, value: &Value| {
        out.push(Seed { target: target.slug, name, data: value.to_string().into_bytes() });
    };
    push("sample-full".into(), &sampler.instance(&named(id), true));
    push("sample-minimal".into(), &sampler.instance(&named(id), false));
    for seed in 0..RANDOM_PER_TARGET {
        push(format!("random-{seed}"), &RandomSampler::new(model, seed).instance(&named(id)));
    }
    match model.get(id).map(|d| &d.kind) {
        // A union: every variant.
        Some(TypeKind::Union(u)) => {
            for v in &u.variants {
                push(format!("variant-{}", v.ident), &sampler.variant(v));
            }
        }
        // A struct: its full instance with each union-typed field set to every variant in turn
        // (an array of them, for arrays of unions).
        Some(TypeKind::Struct(s)) => {
            let full = sampler.instance(&named(id), true);
            for f in &s.fields {
                for (i, value) in every_variant(model, &sampler, &f.ty).into_iter().enumerate() {
                    let mut instance = full.clone();
                    if let Value::Object(o) = &mut instance {
                        o.insert(f.wire.clone(), value);
                    }
                    push(format!("field-{}-{i}", f.wire), &instance);
                }
            }
        }
        _ => {}
    }
    for other in reachable(model, id) {
        if other != id {
            let name = &model.types[other.0].name;
            push(format!("type-{name}"), &sampler.instance(&named(other), true));
        }
    }
}

/// Values of a field type that cover every variant of the unions in it: one value per variant for
/// a union (an array of all of a nested array-of-union's variants), one array of all variants for
/// an array of unions. Empty for other types.
fn every_variant(model: &Model, sampler: &Sampler<'_>, ty: &Ty) -> Vec<Value> {
    let union_of = |ty: &Ty| match model.resolve(ty) {
        Ty::Named { id, .. } => match model.get(*id).map(|d| &d.kind) {
            Some(TypeKind::Union(u)) => Some(u),
            _ => None,
        },
        _ => None,
    };
    let array_of_all = |ty: &Ty| match model.resolve(ty) {
        Ty::Array(item) => {
            union_of(item).map(|u| Value::Array(u.variants.iter().map(|v| sampler.variant(v)).collect()))
        }
        _ => None,
    };
    if let Some(all) = array_of_all(ty) {
        return vec![all];
    }
    match union_of(ty) {
        Some(u) => u.variants.iter().map(|v| array_of_all(&v.ty).unwrap_or_else(|| sampler.variant(v))).collect(),
        None => match model.resolve(ty) {
            Ty::Nullable(inner) => every_variant(model, sampler, inner),
            _ => Vec::new(),
        },
    }
}

/// Every type reachable from `root` (itself included), in id order.
pub fn reachable(model: &Model, root: TypeId) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let mut tys: Vec<&Ty> = Vec::new();
        match model.get(id).map(|d| &d.kind) {
            Some(TypeKind::Struct(s)) => tys.extend(s.fields.iter().map(|f| &f.ty)),
            Some(TypeKind::Union(u)) => tys.extend(u.variants.iter().map(|v| &v.ty)),
            Some(TypeKind::Alias(ty)) => tys.push(ty),
            _ => {}
        }
        while let Some(ty) = tys.pop() {
            match ty {
                Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => tys.push(inner),
                Ty::Named { id, .. } => stack.push(*id),
                _ => {}
            }
        }
    }
    seen
}

/// The spec's vocabulary: union tag values, enum values, constants and field names.
pub fn dictionary(model: &Model) -> Vec<String> {
    let mut words = BTreeSet::new();
    for def in &model.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                words.extend(s.fields.iter().map(|f| f.wire.clone()));
                for c in &s.constants {
                    words.insert(c.wire.clone());
                    if let Value::String(v) = &c.value {
                        words.insert(v.clone());
                    }
                }
            }
            TypeKind::StringEnum(e) => words.extend(e.variants.iter().map(|v| v.wire.clone())),
            TypeKind::Union(u) => {
                words.extend(u.tag.iter().cloned());
                words.extend(u.variants.iter().flat_map(|v| v.tag_values.iter().cloned()));
            }
            _ => {}
        }
    }
    words.into_iter().collect()
}

/// A 64-bit FNV-1a hash (file names of findings and corpus entries).
pub fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
