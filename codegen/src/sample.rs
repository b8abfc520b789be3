//! Sample JSON instances of model types: one valid instance per type or union variant, used by
//! coverage tests, fuzz seeds and benchmarks. Deterministic; recursion is cut off by depth.

use crate::model::{Model, Struct, Ty, TypeKind, UnionVariant};
use serde_json::{json, Map, Value};

/// How deep instances nest before optional parts are left out.
const FULL_DEPTH: usize = 2;
/// How deep instances nest at all (beyond it, arrays are empty and objects minimal).
const MAX_DEPTH: usize = 8;

/// Builds sample instances for one model.
pub struct Sampler<'m> {
    model: &'m Model,
}

impl<'m> Sampler<'m> {
    pub fn new(model: &'m Model) -> Self {
        Sampler { model }
    }

    /// An instance of `ty`. With `full`, optional fields near the top are filled in too (values,
    /// never `null`), so that the instance tells apart variants that differ only in them.
    pub fn instance(&self, ty: &Ty, full: bool) -> Value {
        self.sample(ty, full, 0)
    }

    /// An instance of a union variant.
    pub fn variant(&self, variant: &UnionVariant) -> Value {
        let mut value = self.sample(&variant.ty, true, 0);
        // A variant chosen by one of several tag values: use the first.
        if let (Some(first), Value::Object(object)) = (variant.tag_values.first(), &mut value) {
            if let Some(tag) = self.tag_property(variant) {
                object.insert(tag, Value::String(first.clone()));
            }
        }
        value
    }

    /// A struct's instance with only the required fields and constants.
    pub fn minimal_struct(&self, s: &Struct) -> Map<String, Value> {
        self.struct_sample(s, false, 0)
    }

    fn tag_property(&self, variant: &UnionVariant) -> Option<String> {
        self.model.types.iter().find_map(|d| match &d.kind {
            TypeKind::Union(u) if u.variants.iter().any(|v| std::ptr::eq(v, variant)) => u.tag.clone(),
            _ => None,
        })
    }

    fn sample(&self, ty: &Ty, full: bool, depth: usize) -> Value {
        match ty {
            Ty::String => json!("text"),
            Ty::Integer => json!(1),
            Ty::Number => json!(0.5),
            Ty::Boolean => json!(true),
            Ty::Any => json!({"any": "value"}),
            Ty::Array(item) if depth < MAX_DEPTH => json!([self.sample(item, full, depth + 1)]),
            Ty::Array(_) => json!([]),
            Ty::Map(value) if depth < MAX_DEPTH => json!({"key": self.sample(value, full, depth + 1)}),
            Ty::Map(_) => json!({}),
            Ty::Nullable(inner) => self.sample(inner, full, depth),
            Ty::Named { id, .. } => match self.model.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => Value::Object(self.struct_sample(s, full, depth)),
                Some(TypeKind::StringEnum(e)) => e.variants.first().map_or(json!("value"), |v| json!(v.wire)),
                Some(TypeKind::IntegerEnum(e)) => e.variants.first().map_or(json!(0), |v| json!(v.1)),
                Some(TypeKind::Union(u)) => match u.variants.first() {
                    Some(first) if depth < MAX_DEPTH => {
                        let mut value = self.sample(&first.ty, full, depth + 1);
                        if let (Some(tag), Some(v), Value::Object(o)) = (&u.tag, first.tag_values.first(), &mut value) {
                            o.insert(tag.clone(), json!(v));
                        }
                        value
                    }
                    _ => Value::Null,
                },
                Some(TypeKind::Alias(inner)) => self.sample(inner, full, depth),
                None => Value::Null,
            },
        }
    }

    fn struct_sample(&self, s: &Struct, full: bool, depth: usize) -> Map<String, Value> {
        let mut object = Map::new();
        for c in &s.constants {
            object.insert(c.wire.clone(), c.value.clone());
        }
        for f in &s.fields {
            let include = f.required || (full && depth < FULL_DEPTH);
            if include && depth < MAX_DEPTH {
                object.insert(f.wire.clone(), self.sample(&f.ty, full, depth + 1));
            } else if f.required {
                // Deep enough: the emptiest value that still has the field.
                object.insert(f.wire.clone(), self.sample(&f.ty, false, MAX_DEPTH));
            }
        }
        object
    }
}
