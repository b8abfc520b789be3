//! Sample JSON instances of model types: one valid instance per type or union variant, used by
//! coverage tests, fuzz seeds and benchmarks. Deterministic; recursion is cut off by depth.

use crate::model::{Model, Struct, Ty, TypeKind, UnionVariant};
use serde_json::{json, Map, Value};

/// The key of the undeclared field samples add to objects, to show it is kept.
pub const UNKNOWN_FIELD: &str = "x_unknown_field";

/// How the enum values samples make up, to show they are kept, begin.
pub const UNKNOWN_ENUM_VALUE_PREFIX: &str = "unknown-";

/// How deep instances nest before optional parts are left out.
const FULL_DEPTH: usize = 2;
/// How deep instances nest at all (beyond it, arrays are empty and objects minimal).
const MAX_DEPTH: usize = 8;
/// Where required parts stop too (only a schema that requires itself gets this far).
const HARD_DEPTH: usize = 16;

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
        if depth > HARD_DEPTH {
            return Value::Null;
        }
        match ty {
            Ty::String => json!("text"),
            Ty::File => json!("data:text/plain;name=notes.txt;base64,aGVsbG8="),
            Ty::Integer | Ty::Unsigned => json!(1),
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
                    // Past the depth limit only arrays and optional parts shrink; a required
                    // union still needs a value, until a hard stop for unions that only recurse.
                    Some(first) if depth < HARD_DEPTH => {
                        let mut value = self.sample(&first.ty, full, (depth + 1).min(HARD_DEPTH));
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
                object.insert(f.wire.clone(), self.sample(&f.ty, false, (depth + 1).max(MAX_DEPTH)));
            }
        }
        object
    }
}

/// Random valid instances: which variant, which optional fields, `null` or a value, and the
/// scalars themselves are drawn from a seeded generator (for property tests and fuzz seeds).
pub struct RandomSampler<'m> {
    model: &'m Model,
    state: u64,
}

impl<'m> RandomSampler<'m> {
    pub fn new(model: &'m Model, seed: u64) -> Self {
        RandomSampler { model, state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1 }
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn string(&mut self) -> String {
        const PIECES: &[&str] =
            &["a", "Z", "0", " ", "é", "\"", "\\", "\n", "日本", "🦀", "{}", "null", "\u{7f}", "\t"];
        (0..self.below(6)).map(|_| PIECES[self.below(PIECES.len())]).collect()
    }

    /// A random file as its JSON form: a `data:` URL as the runtime writes it (media type, the
    /// percent-encoded file name, the contents in padded base64).
    fn data_url(&mut self) -> String {
        const MEDIA_TYPES: &[&str] = &["application/octet-stream", "audio/mpeg", "text/plain", "image/png"];
        const NAMES: &[&str] = &["a.bin", "speech%20one.mp3", "%C3%A9t%C3%A9.txt", "x%3By%2Cz.png"];
        // "", "hello", [0, 255], "🦀" and 64 zero bytes, in base64.
        const CONTENTS: &[&str] = &[
            "",
            "aGVsbG8=",
            "AP8=",
            "8J+mgA==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        ];
        let media_type = MEDIA_TYPES[self.below(MEDIA_TYPES.len())];
        let name = NAMES[self.below(NAMES.len())];
        let contents = CONTENTS[self.below(CONTENTS.len())];
        format!("data:{media_type};name={name};base64,{contents}")
    }

    /// A random instance of `ty`.
    pub fn instance(&mut self, ty: &Ty) -> Value {
        self.sample(ty, 0)
    }

    fn sample(&mut self, ty: &Ty, depth: usize) -> Value {
        match ty {
            Ty::String => Value::String(self.string()),
            Ty::File => Value::String(self.data_url()),
            Ty::Integer => json!((self.next() as i64) >> self.below(60)),
            Ty::Unsigned => json!(self.next() >> self.below(64)),
            Ty::Number => {
                let n = ((self.next() >> 11) as f64) / ((1u64 << 53) as f64) * 1e6 - 5e5;
                json!(n)
            }
            Ty::Boolean => json!(self.next() % 2 == 0),
            Ty::Any => match self.below(4) {
                0 => Value::Null,
                1 => json!(self.string()),
                2 => json!([1, "two", {"three": 3.5}]),
                _ => json!({"nested": {"k": [true, null]}}),
            },
            Ty::Array(item) => {
                let len = if depth < MAX_DEPTH { self.below(3) } else { 0 };
                Value::Array((0..len).map(|_| self.sample(item, depth + 1)).collect())
            }
            Ty::Map(value) => {
                let len = if depth < MAX_DEPTH { self.below(3) } else { 0 };
                Value::Object(
                    (0..len).map(|i| (format!("{}{i}", self.string()), self.sample(value, depth + 1))).collect(),
                )
            }
            Ty::Nullable(inner) => {
                if self.below(3) == 0 {
                    Value::Null
                } else {
                    self.sample(inner, depth)
                }
            }
            Ty::Named { id, .. } => match self.model.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => Value::Object(self.struct_sample(s, depth)),
                Some(TypeKind::StringEnum(e)) => {
                    // Known values mostly, sometimes one the enum does not know.
                    match e.variants.get(self.below(e.variants.len() + 1)) {
                        Some(v) => json!(v.wire),
                        None => json!(format!("{UNKNOWN_ENUM_VALUE_PREFIX}{}", self.string())),
                    }
                }
                Some(TypeKind::IntegerEnum(e)) => match e.variants.get(self.below(e.variants.len() + 1)) {
                    Some(v) => json!(v.1),
                    None => json!(9_999),
                },
                Some(TypeKind::Union(u)) if depth < MAX_DEPTH && !u.variants.is_empty() => {
                    let variant = &u.variants[self.below(u.variants.len())];
                    let mut value = self.sample(&variant.ty, depth + 1);
                    if let (Some(tag), Some(first), Value::Object(o)) = (&u.tag, variant.tag_values.first(), &mut value)
                    {
                        let pick = variant.tag_values.get(self.below(variant.tag_values.len())).unwrap_or(first);
                        o.insert(tag.clone(), json!(pick));
                    }
                    value
                }
                Some(TypeKind::Union(u)) => {
                    // Too deep: the simplest instance of the first variant.
                    u.variants.first().map_or(Value::Null, |v| Sampler::new(self.model).sample(&v.ty, false, depth + 1))
                }
                Some(TypeKind::Alias(inner)) => {
                    let inner = inner.clone();
                    self.sample(&inner, depth)
                }
                None => Value::Null,
            },
        }
    }

    fn struct_sample(&mut self, s: &Struct, depth: usize) -> Map<String, Value> {
        let mut object = Map::new();
        for c in &s.constants {
            object.insert(c.wire.clone(), c.value.clone());
        }
        for f in &s.fields {
            if !f.required && (depth >= MAX_DEPTH || self.below(2) == 0) {
                continue;
            }
            let value = if f.nullable && self.below(3) == 0 {
                Value::Null
            } else if depth >= MAX_DEPTH {
                Sampler::new(self.model).sample(&f.ty, false, depth + 1)
            } else {
                self.sample(&f.ty, depth + 1)
            };
            object.insert(f.wire.clone(), value);
        }
        if self.below(4) == 0 {
            object.insert(UNKNOWN_FIELD.to_owned(), json!({"kept": [1, 2]}));
        }
        object
    }
}
