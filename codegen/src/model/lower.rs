//! Lowering: OpenAPI schemas → the type model. Every schema construct OpenAI's spec uses is
//! handled here; anything else is an error naming its JSON pointer.

mod distribute;
mod operations;

use super::nullability::Nullability;
use super::{
    Constant, EnumVariant, Field, IntegerEnum, Model, Operation, StringEnum, Struct, Ty, TypeDef, TypeId, TypeKind,
    Union, UnionVariant, EXTRA_FIELDS, FALLBACK_VARIANT, WIRE_FIELD,
};
use crate::error::{Error, Result, Warning};
use crate::naming::{self, UniqueNames};
use crate::spec::{
    AdditionalProperties, Discriminator, Document, Located, Node, OrAbsent, Pointer, Schema, TypeName, UnionKeyword,
};
use distribute::{conjoin, MergedPart, SharedFields};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// How many `$ref`s in a row a parameter, request body or response may go through; more is
/// taken for a loop.
const MAX_REF_CHAIN: usize = 16;

/// How deep schemas may nest before the generator refuses (the parsers stop far earlier).
const MAX_DEPTH: usize = 256;

/// Builds the model of a whole document.
pub fn lower(doc: &Document) -> Result<(Model, Vec<Warning>)> {
    let mut lowerer = Lowerer::new(doc);
    lowerer.declare_components()?;
    lowerer.lower_components()?;
    lowerer.lower_operations()?;
    lowerer.lower_webhooks()?;
    let mut model = lowerer.finish()?;
    super::recursion::box_cycles(&mut model);
    Ok((model, lowerer.warnings))
}

/// What a schema turned out to be, before it is given a home.
enum Shape {
    Struct(Struct),
    StringEnum(StringEnum),
    IntegerEnum(IntegerEnum),
    Union(Union),
    /// A type that needs no definition of its own (or a reference to one).
    Plain(Ty),
    /// A single allowed value.
    Const(Value),
}

impl Shape {
    /// The definition of a type of this shape.
    fn into_kind(self) -> TypeKind {
        match self {
            Shape::Struct(s) => TypeKind::Struct(s),
            Shape::StringEnum(e) => TypeKind::StringEnum(e),
            Shape::IntegerEnum(e) => TypeKind::IntegerEnum(e),
            Shape::Union(u) => TypeKind::Union(u),
            Shape::Plain(ty) => TypeKind::Alias(ty),
            Shape::Const(value) => const_kind(&value),
        }
    }
}

/// The result of lowering a schema in a place where it is used.
#[derive(Clone)]
struct Used {
    ty: Ty,
    nullable: bool,
    constant: Option<Value>,
}

struct Lowerer<'d> {
    doc: &'d Document,
    types: Vec<Option<TypeDef>>,
    /// `$ref` text → the type it names (components and lowered non-component targets).
    by_ref: HashMap<String, TypeId>,
    /// Which references admit null.
    nullability: Nullability,
    /// What each `allOf` reference contributes (`None` while it is being worked out).
    merged_refs: HashMap<String, Option<MergedPart>>,
    /// The tags each referenced union branch carries (`None` while being worked out).
    branch_tags_of_refs: std::cell::RefCell<HashMap<String, Option<BranchTags>>>,
    names: UniqueNames,
    warnings: Vec<Warning>,
    /// Warnings given, by pointer and message: a schema lowered in several places (a component
    /// and the `allOf`s that merge it) is warned about once.
    warned: std::collections::HashSet<(String, String)>,
    /// The component being lowered, for `$recursiveRef: "#"`.
    current_component: Option<TypeId>,
    depth: usize,
    operations: Vec<Operation>,
    webhooks: Vec<(String, Ty)>,
    /// Body types that already serve as an operation's request type.
    direct_bodies: std::collections::BTreeSet<TypeId>,
}

impl<'d> Lowerer<'d> {
    fn new(doc: &'d Document) -> Self {
        Lowerer {
            doc,
            types: Vec::new(),
            by_ref: HashMap::new(),
            nullability: Nullability::default(),
            merged_refs: HashMap::new(),
            branch_tags_of_refs: Default::default(),
            names: UniqueNames::for_types(),
            warnings: Vec::new(),
            warned: Default::default(),
            current_component: None,
            depth: 0,
            operations: Vec::new(),
            webhooks: Vec::new(),
            direct_bodies: Default::default(),
        }
    }

    fn warn(&mut self, ptr: &Pointer, message: impl Into<String>) {
        let warning = Warning { pointer: ptr.to_string(), message: message.into() };
        if self.warned.insert((warning.pointer.clone(), warning.message.clone())) {
            self.warnings.push(warning);
        }
    }

    /// Gives every component schema its name and id up front, so references can be made before
    /// the referenced schema is lowered, and reports names that collide after case conversion.
    fn declare_components(&mut self) -> Result<()> {
        let schemas = self.doc.component_schemas()?;
        let mut owners: BTreeMap<String, String> = BTreeMap::new();
        for (key, schema) in &schemas {
            let name = naming::type_name(key);
            if let Some(first) = owners.get(&name) {
                return Err(Error::at(
                    schema.ptr().as_str(),
                    format!("schemas `{first}` and `{key}` both become the Rust type name `{name}`; rename one"),
                ));
            }
            owners.insert(name.clone(), (*key).to_owned());
            let id = TypeId(self.types.len());
            self.types.push(Some(TypeDef {
                name: self.names.claim(&name),
                doc: None,
                origin: schema.ptr().to_string(),
                nullable: false,
                kind: TypeKind::Alias(Ty::Any),
            }));
            self.by_ref.insert(schema.ptr().to_string(), id);
        }
        let components = schemas.iter().map(|(_, schema)| schema.ptr().to_string());
        self.nullability = Nullability::compute(self.doc, components.collect::<Vec<_>>());
        Ok(())
    }

    fn lower_components(&mut self) -> Result<()> {
        for (index, (key, schema)) in self.doc.component_schemas()?.into_iter().enumerate() {
            let id = TypeId(index);
            self.current_component = Some(id);
            let name = self.types[index].as_ref().map(|d| d.name.clone()).unwrap_or_default();
            self.define(id, &name, &schema)?;
            if let (Some(note), Some(Some(def))) = (naming::reserved_rename_note(key), self.types.get_mut(index)) {
                def.doc = Some(match def.doc.take() {
                    Some(doc) => format!("{doc}\n\n{note}"),
                    None => note,
                });
            }
        }
        self.current_component = None;
        Ok(())
    }

    /// Lowers `schema` as the definition of the already-declared type `id`.
    fn define(&mut self, id: TypeId, name: &str, schema: &Schema) -> Result<()> {
        let (shape, nullable) = self.shape_of(schema, name)?;
        let kind = shape.into_kind();
        let doc = schema.doc();
        if let Some(Some(def)) = self.types.get_mut(id.0) {
            def.kind = kind;
            def.doc = doc;
            def.nullable = nullable;
        }
        Ok(())
    }

    /// Adds a new named type for an inline schema and returns its id.
    fn add_type(&mut self, wanted: &str, ptr: &Pointer, doc: Option<String>, kind: TypeKind, nullable: bool) -> TypeId {
        let id = TypeId(self.types.len());
        let name = self.names.claim(wanted);
        self.types.push(Some(TypeDef { name, doc, origin: ptr.to_string(), nullable, kind }));
        id
    }

    /// Lowers a schema where it is used, creating named types for inline objects, enums and
    /// unions (named `name`, made unique).
    fn use_schema(&mut self, schema: &Schema, name: &str) -> Result<Used> {
        let (shape, nullable) = self.shape_of(schema, name)?;
        let (doc, ptr) = (schema.doc(), schema.ptr());
        let ty = match shape {
            Shape::Plain(ty) => ty,
            Shape::Const(value) => return Ok(Used { ty: const_plain_ty(&value), nullable, constant: Some(value) }),
            Shape::Struct(s) => self.named(name, ptr, doc, TypeKind::Struct(s)),
            Shape::StringEnum(e) => self.named(name, ptr, doc, TypeKind::StringEnum(e)),
            Shape::IntegerEnum(e) => self.named(name, ptr, doc, TypeKind::IntegerEnum(e)),
            Shape::Union(u) => self.named(name, ptr, doc, TypeKind::Union(u)),
        };
        Ok(Used { ty, nullable, constant: None })
    }

    /// Like [`use_schema`], but a constant becomes a one-value enum type (for places where the
    /// value must be stored: optional constants, union branches, array items).
    fn use_typed(&mut self, schema: &Schema, name: &str) -> Result<(Ty, bool)> {
        let used = self.use_schema(schema, name)?;
        match used.constant {
            Some(value) => Ok((self.named(name, schema.ptr(), schema.doc(), const_kind(&value)), used.nullable)),
            None => Ok((used.ty, used.nullable)),
        }
    }

    fn named(&mut self, name: &str, ptr: &Pointer, doc: Option<String>, kind: TypeKind) -> Ty {
        Ty::Named { id: self.add_type(name, ptr, doc, kind, false), boxed: false }
    }

    /// Decides what a schema is. `name` is the type name it gets if it needs one; nested inline
    /// types are named from it.
    fn shape_of(&mut self, schema: &Schema, name: &str) -> Result<(Shape, bool)> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(Error::at(schema.ptr().as_str(), format!("schemas nest more than {MAX_DEPTH} levels deep")))
        } else {
            self.shape_of_inner(schema, name)
        };
        self.depth -= 1;
        result
    }

    fn shape_of_inner(&mut self, schema: &Schema, name: &str) -> Result<(Shape, bool)> {
        if schema.is_true()? {
            return Ok((Shape::Plain(Ty::Any), false));
        }
        let mut nullable = schema.nullable();

        if let Some(reference) = schema.reference()? {
            return self.shape_of_ref(schema, reference, name, nullable);
        }
        if let Some(recursive) = schema.recursive_reference() {
            let ok = matches!(recursive.value, Some("#") | Some("#meta"));
            return match (ok, self.current_component) {
                (true, Some(id)) => Ok((Shape::Plain(Ty::Named { id, boxed: false }), nullable)),
                _ => Err(Error::at(
                    recursive.ptr.as_str(),
                    "only `#` (the enclosing component schema) is supported as a recursive reference",
                )),
            };
        }
        if let Some(value) = schema.const_value() {
            return Ok(match value {
                Node::Null => (Shape::Plain(Ty::Any), true),
                v => (Shape::Const(v.to_json()), nullable),
            });
        }
        if let Some(values) = schema.enum_values()? {
            return self.shape_of_enum(values, nullable);
        }
        for union in [UnionKeyword::OneOf, UnionKeyword::AnyOf] {
            if let Some(branches) = schema.branches(union)? {
                if let Some((shape, branch_nullable)) = self.shape_of_union(schema, branches, name)? {
                    return Ok((shape, nullable || branch_nullable));
                }
            }
        }
        if let Some(parts) = schema.all_of()? {
            return self.shape_of_all_of(schema, parts, name, nullable);
        }

        let Located { value: mut types, ptr: type_ptr } = schema.types()?;
        if types.contains(&TypeName::Null) {
            nullable = true;
            types.retain(|t| *t != TypeName::Null);
        }
        if types.is_empty() {
            if schema.has_object_keywords() {
                types.push(TypeName::Object);
            } else if schema.items().is_some() {
                types.push(TypeName::Array);
            } else {
                return Ok((Shape::Plain(Ty::Any), nullable));
            }
        }
        if types.len() > 1 {
            // `type: [string, array]`: a union chosen by JSON shape.
            let mut variants = Vec::new();
            for t in types {
                let ty = self.simple_type(schema, t, &type_ptr, name)?;
                let ident = naming::variant_name(t.as_str());
                variants.push(UnionVariant { ident, ty, tag_values: vec![], tag_optional: false, doc: None });
            }
            return Ok((Shape::Union(Union { tag: None, variants }), nullable));
        }
        let t = types.first().copied().unwrap_or(TypeName::Object);
        if t == TypeName::Object {
            return Ok((self.object_shape(schema, name)?, nullable));
        }
        Ok((Shape::Plain(self.simple_type(schema, t, &type_ptr, name)?), nullable))
    }

    /// A non-object `type` (`type_ptr` is where the `type` keyword is).
    fn simple_type(&mut self, schema: &Schema, t: TypeName, type_ptr: &Pointer, name: &str) -> Result<Ty> {
        Ok(match t {
            // Raw bytes: an uploaded file in a multipart body, a raw request or response body.
            TypeName::String if schema.format() == Some("binary") => Ty::File,
            TypeName::String => Ty::String,
            TypeName::Integer if schema.format() == Some("uint64") => Ty::Unsigned,
            TypeName::Integer => Ty::Integer,
            TypeName::Number => Ty::Number,
            TypeName::Boolean => Ty::Boolean,
            TypeName::Array => match schema.items() {
                None => Ty::Array(Box::new(Ty::Any)),
                Some(items) => {
                    let (ty, nullable) = self.use_typed(&items, &format!("{name}Item"))?;
                    Ty::Array(Box::new(wrap_nullable(ty, nullable)))
                }
            },
            TypeName::Object => match self.object_shape(schema, name)? {
                Shape::Plain(ty) => ty,
                Shape::Struct(s) => self.named(name, schema.ptr(), schema.doc(), TypeKind::Struct(s)),
                _ => Ty::Any,
            },
            TypeName::Null => Ty::Any,
            TypeName::Unknown(other) => {
                return Err(Error::at(type_ptr.as_str(), format!("unknown type `{other}`")));
            }
        })
    }

    fn shape_of_ref(
        &mut self,
        schema: &Schema,
        reference: Located<&str>,
        name: &str,
        nullable: bool,
    ) -> Result<(Shape, bool)> {
        // `$ref` with structural siblings (3.1 allows them) means "all of these".
        if let Some(all_of) = schema.ref_all_of() {
            let whole = Schema::empty(schema.ptr().clone());
            return self.shape_of_all_of(&whole, all_of.parts(), name, nullable);
        }
        let Located { value: reference, ptr: ref_ptr } = reference;
        if !reference.starts_with('#') {
            return Err(Error::at(
                ref_ptr.as_str(),
                format!("`{reference}` is not a local reference; only `#/...` references are supported"),
            ));
        }
        if let Some(&id) = self.by_ref.get(reference) {
            let target_nullable = self.nullability.of_ref(reference);
            return Ok((Shape::Plain(Ty::Named { id, boxed: false }), nullable || target_nullable));
        }
        let target = self.doc.schema_at(reference).ok_or_else(|| {
            Error::at(ref_ptr.as_str(), format!("`{reference}` does not point at anything in this document"))
        })?;
        // A reference to something that is not a component schema (a property of one, a
        // parameter's schema): lower it once, as a type named after the last pointer token.
        let last = reference.rsplit('/').next().unwrap_or("Ref");
        let target_name = naming::type_name(&last.replace("~1", "/").replace("~0", "~"));
        let id = self.add_type(&target_name, target.ptr(), None, TypeKind::Alias(Ty::Any), false);
        self.by_ref.insert(reference.to_owned(), id);
        let target_nullable = self.nullability.of_ref(reference);
        let own_name = self.types[id.0].as_ref().map(|d| d.name.clone()).unwrap_or_default();
        self.define(id, &own_name, &target)?;
        Ok((Shape::Plain(Ty::Named { id, boxed: false }), nullable || target_nullable))
    }

    fn shape_of_enum(&mut self, values: Located<&[Node]>, mut nullable: bool) -> Result<(Shape, bool)> {
        let Located { value: values, ptr } = values;
        let values: Vec<&Node> = values
            .iter()
            .filter(|v| {
                let null = **v == Node::Null;
                nullable |= null;
                !null
            })
            .collect();
        if values.is_empty() {
            return Ok((Shape::Plain(Ty::Any), nullable));
        }
        if values.len() == 1 {
            if let Some(v) = values.first() {
                return Ok((Shape::Const(v.to_json()), nullable));
            }
        }
        if values.iter().all(|v| matches!(v, Node::String(_))) {
            let wires: Vec<String> = values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
            return Ok((Shape::StringEnum(string_enum(&wires)), nullable));
        }
        let integers: Vec<i64> = values
            .iter()
            .filter_map(|v| match v {
                Node::Number(n) => n.as_i64(),
                _ => None,
            })
            .collect();
        if integers.len() == values.len() {
            return Ok((Shape::IntegerEnum(integer_enum(&integers)), nullable));
        }
        if values.iter().all(|v| matches!(v, Node::Bool(_))) {
            return Ok((Shape::Plain(Ty::Boolean), nullable));
        }
        if values.iter().all(|v| matches!(v, Node::Number(_))) {
            return Ok((Shape::Plain(Ty::Number), nullable));
        }
        self.warn(&ptr, "enum values of mixed kinds; the field accepts any JSON value");
        Ok((Shape::Plain(Ty::Any), nullable))
    }

    /// `allOf`: the parts' properties merged into one object.
    fn shape_of_all_of(
        &mut self,
        schema: &Schema,
        parts: Vec<Schema>,
        name: &str,
        nullable: bool,
    ) -> Result<(Shape, bool)> {
        let own_properties = schema.has_properties();
        // A part like `{nullable: true}` (3.0 style inside allOf) only makes the whole nullable.
        let nullable = nullable || parts.iter().any(|p| p.is_constraint_only() && p.nullable());
        let meaningful: Vec<&Schema> = parts.iter().filter(|p| !p.is_constraint_only()).collect();
        if meaningful.len() == 1 && !own_properties {
            if let Some(part) = meaningful.first() {
                let (shape, part_nullable) = self.shape_of(part, name)?;
                return Ok((shape, nullable || part_nullable));
            }
        }
        let mut merged = MergedPart::Object(MergedObject::default());
        for part in &parts {
            let merged_part = self.merge_part(part, 0)?;
            merged = conjoin(merged, merged_part, part.ptr())?;
        }
        let mut own = MergedObject::default();
        self.merge_object_own(schema, &mut own);
        match conjoin(merged, MergedPart::Object(own), schema.ptr())? {
            MergedPart::Object(merged) => {
                let s = self.build_struct(&merged, schema.ptr(), name, None)?;
                Ok((Shape::Struct(s), nullable))
            }
            // Only what makes a merged object nullable (above) makes this union nullable: a
            // `null` branch of the union part is left out, since the object parts admit no null.
            MergedPart::Union(union) => Ok((self.distribute(&union, schema.discriminator(), name)?, nullable)),
        }
    }

    /// What one `allOf` part contributes (following references and nested `allOf`): an object,
    /// or a union with the objects merged beside it.
    /// What a reference contributes is worked out once and reused: schemas that share parts
    /// (`allOf` fan-out) took time exponential in their depth when every use walked them again.
    fn merge_part(&mut self, schema: &Schema, depth: usize) -> Result<MergedPart> {
        if depth > MAX_DEPTH {
            return Err(Error::at(
                schema.ptr().as_str(),
                format!("`allOf` parts nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        if let Some(Located { value: reference, ptr: ref_ptr }) = schema.reference().or_absent() {
            let target = self.doc.schema_at(reference).ok_or_else(|| {
                Error::at(ref_ptr.as_str(), format!("`{reference}` does not point at anything in this document"))
            })?;
            return match self.merged_refs.get(reference) {
                Some(Some(part)) => Ok(part.clone()),
                Some(None) => Err(Error::at(schema.ptr().as_str(), "`allOf` references loop back on themselves")),
                None => {
                    self.merged_refs.insert(reference.to_owned(), None);
                    let result = self.merge_part(&target, depth + 1);
                    match &result {
                        Ok(part) => self.merged_refs.insert(reference.to_owned(), Some(part.clone())),
                        Err(_) => self.merged_refs.remove(reference),
                    };
                    result
                }
            };
        }
        let mut merged = MergedPart::Object(MergedObject::default());
        for part in schema.all_of().or_absent().unwrap_or_default() {
            let merged_part = self.merge_part(&part, depth + 1)?;
            merged = conjoin(merged, merged_part, part.ptr())?;
        }
        let mut is_union = false;
        for union in [UnionKeyword::AnyOf, UnionKeyword::OneOf] {
            let branches = schema.branches(union).or_absent().unwrap_or_default();
            if !branches.iter().all(Schema::is_constraint_only) {
                is_union = true;
                merged = conjoin(merged, MergedPart::union(schema, union), &schema.branches_ptr(union))?;
            }
        }
        let is_object = schema.has_properties()
            || schema.single_type() == Some(TypeName::Object)
            || schema.is_constraint_only()
            || schema.has_additional_properties();
        if !is_object && !is_union && !schema.has_all_of() {
            return Err(Error::at(
                schema.ptr().as_str(),
                "`allOf` part is not an object schema; only objects can be merged",
            ));
        }
        let mut own = MergedObject::default();
        self.merge_object_own(schema, &mut own);
        conjoin(merged, MergedPart::Object(own), schema.ptr())
    }

    fn merge_object_own(&mut self, schema: &Schema, merged: &mut MergedObject) {
        for (key, property) in schema.properties() {
            merged.set_property(key, property.node().clone(), property.ptr().clone());
        }
        if let Some(Located { value: required, ptr }) = schema.required() {
            for r in required {
                merged.require(r);
            }
            merged.note_required_list(ptr);
        }
    }

    fn object_shape(&mut self, schema: &Schema, name: &str) -> Result<Shape> {
        let mut merged = MergedObject::default();
        self.merge_object_own(schema, &mut merged);
        if merged.properties.is_empty() {
            let value_ty = match schema.additional_properties() {
                // A free-form object is any JSON value in Rust: `json!({...})` is what users have
                // at hand for one (a JSON schema, tool arguments), and a value that is not an
                // object on the wire still reads.
                AdditionalProperties::Unconstrained => return Ok(Shape::Plain(Ty::Any)),
                AdditionalProperties::Forbidden => return Ok(Shape::Struct(Struct::default())),
                AdditionalProperties::Values(values) => {
                    let (ty, nullable) = self.use_typed(&values, &format!("{name}Value"))?;
                    wrap_nullable(ty, nullable)
                }
            };
            return Ok(Shape::Plain(Ty::Map(Box::new(value_ty))));
        }
        Ok(Shape::Struct(self.build_struct(&merged, schema.ptr(), name, None)?))
    }

    /// The struct of merged properties. With `shared`, the properties it lists are lowered once for
    /// every struct that has them (see [`SharedFields`]).
    fn build_struct(
        &mut self,
        merged: &MergedObject,
        ptr: &Pointer,
        name: &str,
        mut shared: Option<&mut SharedFields>,
    ) -> Result<Struct> {
        let mut s = Struct::default();
        let mut idents = UniqueNames::default();
        idents.claim(EXTRA_FIELDS);
        idents.claim(WIRE_FIELD);
        for r in &merged.required {
            if !merged.properties.iter().any(|(k, _, _)| k == r) {
                let at = merged.required_ptrs.first().cloned().unwrap_or_else(|| ptr.clone());
                self.warn(&at, format!("`required` names `{r}`, which is not a declared property; ignored"));
            }
        }
        for (key, node, prop_ptr) in &merged.properties {
            let schema = Schema::new(node, prop_ptr.clone());
            let required = merged.required.iter().any(|r| r == key);
            let mut shared_field = shared.as_deref_mut().and_then(|fields| fields.get_mut(prop_ptr));
            let type_name = match &shared_field {
                Some(field) => field.type_name.clone(),
                None => format!("{name}{}", naming::type_name(key)),
            };
            let used = match shared_field.as_ref().and_then(|field| field.used.clone()) {
                Some(used) => used,
                None => self.use_schema(&schema, &type_name)?,
            };
            if let Some(field) = shared_field.as_deref_mut() {
                field.used = Some(used.clone());
            }
            // A `$ref`'d type carries its own documentation; the field has only its own.
            let doc = schema.doc();
            if let Some(value) = used.constant {
                if required && !used.nullable {
                    s.constants.push(Constant { wire: key.clone(), value, doc });
                    continue;
                }
                let ty = match shared_field.as_ref().and_then(|field| field.const_ty.clone()) {
                    Some(ty) => ty,
                    None => self.named(&type_name, prop_ptr, doc.clone(), const_kind(&value)),
                };
                if let Some(field) = shared_field {
                    field.const_ty = Some(ty.clone());
                }
                s.fields.push(self.field(key, &mut idents, ty, required, used.nullable, doc, &schema));
                continue;
            }
            s.fields.push(self.field(key, &mut idents, used.ty, required, used.nullable, doc, &schema));
        }
        Ok(s)
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        key: &str,
        idents: &mut UniqueNames,
        ty: Ty,
        required: bool,
        nullable: bool,
        doc: Option<String>,
        schema: &Schema,
    ) -> Field {
        let base = naming::field_name(key);
        let ident = if idents.is_taken(&base) {
            let plain = base.trim_start_matches("r#");
            idents.claim(&format!("{plain}_"))
        } else {
            idents.claim(&base)
        };
        let default = match schema.default() {
            Some(Located { value, ptr }) => {
                let value = value.to_json();
                if self.default_fits(&ty, &value) {
                    Some(value)
                } else {
                    self.warn(&ptr, format!("default `{value}` does not match the property's type; ignored"));
                    None
                }
            }
            None => None,
        };
        Field { wire: key.to_owned(), ident, ty, required, nullable, doc, default }
    }

    /// Whether a default value has the JSON shape of the type (checked shallowly).
    fn default_fits(&self, ty: &Ty, value: &Value) -> bool {
        match (ty, value) {
            (_, Value::Null) => true,
            (Ty::Any, _) => true,
            (Ty::String, Value::String(_)) => true,
            (Ty::Integer, Value::Number(n)) => n.is_i64(),
            (Ty::Unsigned, Value::Number(n)) => n.is_u64(),
            (Ty::Number, Value::Number(_)) => true,
            (Ty::Boolean, Value::Bool(_)) => true,
            (Ty::Array(_), Value::Array(_)) => true,
            (Ty::Map(_), Value::Object(_)) => true,
            (Ty::Nullable(inner), v) => self.default_fits(inner, v),
            (Ty::Named { id, .. }, v) => match self.types.get(id.0).and_then(Option::as_ref).map(|d| &d.kind) {
                Some(TypeKind::StringEnum(_)) => v.is_string(),
                Some(TypeKind::IntegerEnum(_)) => v.is_i64(),
                Some(TypeKind::Struct(_)) => v.is_object(),
                Some(TypeKind::Alias(inner)) => {
                    let inner = inner.clone();
                    self.default_fits(&inner, v)
                }
                // Unions and types still being lowered: accept.
                _ => true,
            },
            _ => false,
        }
    }

    /// `oneOf` / `anyOf` of `schema`. Returns `None` when the branches only constrain the rest of
    /// the schema.
    fn shape_of_union(&mut self, schema: &Schema, branches: Vec<Schema>, name: &str) -> Result<Option<(Shape, bool)>> {
        let mut nullable = false;
        let mut kept: Vec<Schema> = Vec::new();
        for branch in branches {
            if branch.is_null() {
                nullable = true;
            } else {
                kept.push(branch);
            }
        }
        if !kept.is_empty() && kept.iter().all(Schema::is_constraint_only) {
            return Ok(None);
        }
        match kept.as_slice() {
            [] => return Ok(Some((Shape::Plain(Ty::Any), true))),
            [only] => {
                let (shape, n) = self.shape_of(only, name)?;
                return Ok(Some((shape, nullable || n)));
            }
            _ => {}
        }
        if let Some(shape) = self.open_enum(&kept)? {
            return Ok(Some((shape, nullable)));
        }

        let mut branches: Vec<Branch> = Vec::with_capacity(kept.len());
        for schema in kept {
            let tags = self.branch_tags(&schema, 0)?;
            branches.push(Branch { schema, tags });
        }
        let (union, branches_nullable) =
            self.union_variants(schema.discriminator(), &branches, name, |this, k, type_name| {
                this.use_typed(&branches[k].schema, type_name)
            })?;
        Ok(Some((Shape::Union(union), nullable || branches_nullable)))
    }

    /// The variants of a union: each branch's tag values (its constants, and the discriminator's
    /// mapping for a `$ref` branch), its name (the tag value when it names one branch, else the
    /// referenced type), and its type, from `lower_branch(self, position in branches, type name)`.
    /// Also whether a branch admits null.
    fn union_variants(
        &mut self,
        discriminator: Option<Discriminator>,
        branches: &[Branch],
        name: &str,
        mut lower_branch: impl FnMut(&mut Self, usize, &str) -> Result<(Ty, bool)>,
    ) -> Result<(Union, bool)> {
        let tag_property = discriminator.and_then(Discriminator::property_name).map(str::to_owned);
        let branch_tags: Vec<&BranchTags> = branches.iter().map(|b| &b.tags).collect();
        let tag = tag_property.or_else(|| infer_tag(&branch_tags));

        // Tag values of each branch.
        let mut tags: Vec<(Vec<String>, bool)> = Vec::new();
        for branch in branches {
            let mut values = match &tag {
                Some(t) => branch.tags.get(t).cloned().unwrap_or((Vec::new(), false)),
                None => (Vec::new(), false),
            };
            if let (Some(reference), Some(discriminator)) = (branch.schema.reference().or_absent(), discriminator) {
                for (value, target) in discriminator.mapping() {
                    if target == Some(reference.value) && !values.0.iter().any(|v| v == value) {
                        values.0.push(value.to_owned());
                    }
                }
            }
            tags.push(values);
        }

        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (values, _) in &tags {
            for v in values {
                *counts.entry(v.as_str()).or_default() += 1;
            }
        }
        // Every union has the fallback variant whose name the branches must leave free.
        let mut variant_names = UniqueNames::for_variants();
        let mut variants = Vec::new();
        let mut nullable = false;
        for (k, (branch, (values, required))) in branches.iter().zip(&tags).enumerate() {
            let base = match values.as_slice() {
                [one] if counts.get(one.as_str()) == Some(&1) => naming::variant_name(one),
                _ => self.branch_name(&branch.schema, name),
            };
            let ident = variant_names.claim_variant(&base);
            let (ty, branch_nullable) = lower_branch(self, k, &format!("{name}{ident}"))?;
            nullable |= branch_nullable;
            variants.push(UnionVariant {
                ident,
                ty,
                tag_values: values.clone(),
                tag_optional: !values.is_empty() && !required,
                doc: branch.schema.doc(),
            });
        }
        let tag = tag.filter(|_| variants.iter().any(|v| !v.tag_values.is_empty()));
        Ok((Union { tag, variants }, nullable))
    }

    /// A name for a branch without a distinguishing tag value.
    fn branch_name(&self, branch: &Schema, union_name: &str) -> String {
        if let Some(reference) = branch.reference().or_absent() {
            let reference = reference.value;
            let target = self.by_ref.get(reference).and_then(|id| self.types.get(id.0)).and_then(Option::as_ref);
            let full = match target {
                Some(def) => def.name.clone(),
                None => naming::type_name(reference.rsplit('/').next().unwrap_or("Ref")),
            };
            // `ResponseInputItem` + `ResponseInputItemMessage` → `Message`.
            return match full.strip_prefix(union_name) {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
                _ => full,
            };
        }
        if let Some(title) = branch.title() {
            return naming::type_name(title);
        }
        let kind = match branch.single_type() {
            Some(t) => t,
            None if branch.has_properties() => TypeName::Object,
            None if branch.items().is_some() => TypeName::Array,
            None if branch.has_enum() => TypeName::String,
            None => return naming::variant_name("value"),
        };
        match kind {
            TypeName::String if branch.format() == Some("binary") => "File".to_owned(),
            TypeName::String => "Text".to_owned(),
            TypeName::Array => "List".to_owned(),
            other => naming::variant_name(other.as_str()),
        }
    }

    /// Constant-valued string properties of an object branch: property → (values, required).
    /// A reference's tags are worked out once (shared branches made this exponential), and a
    /// reference back into one being worked out adds none.
    fn branch_tags(&self, schema: &Schema, depth: usize) -> Result<BranchTags> {
        let mut out = BTreeMap::new();
        if depth > MAX_DEPTH {
            return Err(Error::at(
                schema.ptr().as_str(),
                format!("union branches nest more than {MAX_DEPTH} levels deep"),
            ));
        }
        if let Some(reference) = schema.reference().or_absent() {
            let reference = reference.value;
            // A reference that points nowhere is reported where the branch is lowered.
            let Some(target) = self.doc.schema_at(reference) else { return Ok(out) };
            if let Some(known) = self.branch_tags_of_refs.borrow().get(reference) {
                return Ok(known.clone().unwrap_or_default());
            }
            self.branch_tags_of_refs.borrow_mut().insert(reference.to_owned(), None);
            let tags = self.branch_tags(&target, depth + 1)?;
            self.branch_tags_of_refs.borrow_mut().insert(reference.to_owned(), Some(tags.clone()));
            return Ok(tags);
        }
        for part in schema.all_of().or_absent().unwrap_or_default() {
            out.extend(self.branch_tags(&part, depth + 1)?);
        }
        let union = if schema.has_one_of() { UnionKeyword::OneOf } else { UnionKeyword::AnyOf };
        let branches = schema.branches(union).or_absent();
        if let Some(branches) = branches.filter(|b| !b.iter().all(Schema::is_constraint_only)) {
            let mut nested = Vec::with_capacity(branches.len());
            for branch in branches.iter().filter(|b| !b.is_null()) {
                nested.push(self.branch_tags(branch, depth + 1)?);
            }
            out.extend(union_tags(&nested));
            return Ok(out);
        }
        let required = schema.required().map(|r| r.value).unwrap_or_default();
        for (prop, property) in schema.properties() {
            if let Some(values) = self.constant_strings(&property) {
                out.insert(prop.to_owned(), (values, required.contains(&prop)));
            }
        }
        Ok(out)
    }

    /// The string values a property schema allows, when it allows only a few named ones (`const`
    /// or a string `enum`, directly or through one `$ref`): what may tag a union branch.
    fn constant_strings(&self, schema: &Schema) -> Option<Vec<String>> {
        let target = schema.reference().or_absent().and_then(|r| self.doc.schema_at(r.value));
        let schema = target.as_ref().unwrap_or(schema);
        match (schema.const_value(), schema.enum_values().or_absent()) {
            (Some(Node::String(c)), _) => Some(vec![c.clone()]),
            (_, Some(Located { value: vs, .. })) if vs.iter().all(|v| matches!(v, Node::String(_))) => {
                Some(vs.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            }
            _ => None,
        }
    }

    /// `anyOf: [{type: string}, {type: string, enum: [...]}]` and the like: one open string enum.
    fn open_enum(&mut self, branches: &[Schema]) -> Result<Option<Shape>> {
        let mut values: Vec<String> = Vec::new();
        let mut named: Option<TypeId> = None;
        for branch in branches {
            if let Some(reference) = branch.reference().or_absent() {
                let id = match self.by_ref.get(reference.value) {
                    Some(id) => *id,
                    None => return Ok(None),
                };
                let target = self.doc.schema_at(reference.value);
                let is_string_enum = target.is_some_and(|t| t.single_type() == Some(TypeName::String) && t.has_enum());
                if !is_string_enum || named.is_some() {
                    return Ok(None);
                }
                named = Some(id);
                continue;
            }
            let is_string = branch.single_type() == Some(TypeName::String)
                || (!branch.has_type() && matches!(branch.const_value(), Some(Node::String(_))));
            if !is_string || !branch.fits_string_branch() {
                return Ok(None);
            }
            if let Some(Node::String(c)) = branch.const_value() {
                values.push(c.clone());
            }
            if let Some(list) = branch.enum_values().or_absent() {
                for v in list.value {
                    match v {
                        Node::String(s) => values.push(s.clone()),
                        Node::Null => {}
                        _ => return Ok(None),
                    }
                }
            }
        }
        match named {
            // `anyOf: [string, SomeEnum]`: the named enum already keeps unknown strings.
            Some(id) if values.is_empty() => Ok(Some(Shape::Plain(Ty::Named { id, boxed: false }))),
            Some(_) => Ok(None),
            None if values.is_empty() => Ok(Some(Shape::Plain(Ty::String))),
            None => {
                let mut unique = Vec::new();
                for v in values {
                    if !unique.contains(&v) {
                        unique.push(v);
                    }
                }
                Ok(Some(Shape::StringEnum(string_enum(&unique))))
            }
        }
    }

    /// Follows a `$ref` of a parameter, request body or response object (read as a schema's is).
    fn deref(&self, node: &'d Node, ptr: &Pointer) -> Result<&'d Node> {
        let mut node = node;
        for _ in 0..MAX_REF_CHAIN {
            match Schema::new(node, ptr.clone()).reference().or_absent() {
                Some(Located { value: reference, ptr: ref_ptr }) => {
                    node = self.doc.resolve(reference).ok_or_else(|| {
                        Error::at(
                            ref_ptr.as_str(),
                            format!("`{reference}` does not point at anything in this document"),
                        )
                    })?;
                }
                None => return Ok(node),
            }
        }
        Err(Error::at(ptr.as_str(), format!("`$ref` chain longer than {MAX_REF_CHAIN} (a loop?)")))
    }

    fn finish(&mut self) -> Result<Model> {
        let types: Vec<TypeDef> = std::mem::take(&mut self.types).into_iter().flatten().collect();
        let model = Model {
            types,
            operations: std::mem::take(&mut self.operations),
            webhooks: std::mem::take(&mut self.webhooks),
        };
        // A chain of aliases that comes back to where it started describes no value at all.
        for (i, def) in model.types.iter().enumerate() {
            let mut seen = vec![i];
            let mut kind = &def.kind;
            while let TypeKind::Alias(Ty::Named { id, .. }) = kind {
                if seen.contains(&id.0) {
                    return Err(Error::at(
                        def.origin.as_str(),
                        "this schema is a `$ref` loop with no object in it: it describes no value",
                    ));
                }
                seen.push(id.0);
                match model.get(*id) {
                    Some(next) => kind = &next.kind,
                    None => break,
                }
            }
        }
        Ok(model)
    }
}

/// Constant-valued string properties of a union branch: property → (values, required).
type BranchTags = BTreeMap<String, (Vec<String>, bool)>;

/// One branch of a union as [`Lowerer::union_variants`] sees it.
struct Branch<'n> {
    /// The branch as written: its `$ref`, title and description name the variant.
    schema: Schema<'n>,
    tags: BranchTags,
}

/// Properties collected from `allOf` parts.
#[derive(Default, Clone)]
struct MergedObject {
    properties: Vec<(String, Node, Pointer)>,
    required: Vec<String>,
    required_ptrs: Vec<Pointer>,
}

impl MergedObject {
    /// A later part's property replaces an earlier one's, in the earlier one's place.
    fn set_property(&mut self, key: &str, schema: Node, ptr: Pointer) {
        match self.properties.iter_mut().find(|(k, _, _)| k == key) {
            Some(slot) => *slot = (key.to_owned(), schema, ptr),
            None => self.properties.push((key.to_owned(), schema, ptr)),
        }
    }

    fn require(&mut self, key: &str) {
        if !self.required.iter().any(|k| k == key) {
            self.required.push(key.to_owned());
        }
    }

    /// Merges in a whole part, exactly as merging its pieces one by one would.
    fn absorb(&mut self, part: MergedObject) {
        for (key, schema, ptr) in part.properties {
            self.set_property(&key, schema, ptr);
        }
        for key in &part.required {
            self.require(key);
        }
        for ptr in part.required_ptrs {
            self.note_required_list(ptr);
        }
    }

    /// Where a `required` list came from, once: a part reached along several paths (`allOf`
    /// fan-out) would otherwise be listed once per path, exponentially many times.
    fn note_required_list(&mut self, ptr: Pointer) {
        if !self.required_ptrs.contains(&ptr) {
            self.required_ptrs.push(ptr);
        }
    }
}

/// The documentation of a parameter or other object read outside a schema view.
/// The tags of a union used as a branch of another: a nested union is selected by any of its
/// branches' values, for the properties every branch tags.
fn union_tags(nested: &[BranchTags]) -> BranchTags {
    let mut out = BranchTags::new();
    let Some(first) = nested.first() else { return out };
    for prop in first.keys() {
        if nested.iter().all(|n| n.contains_key(prop)) {
            let mut values = Vec::new();
            let mut required = true;
            for n in nested {
                if let Some((vs, r)) = n.get(prop) {
                    // Once each: branches that share a union would double the list at every level.
                    for v in vs {
                        if !values.contains(v) {
                            values.push(v.clone());
                        }
                    }
                    required &= *r;
                }
            }
            out.insert(prop.clone(), (values, required));
        }
    }
    out
}

/// Picks the property that carries a constant in most object branches (at least two).
fn infer_tag(branch_tags: &[&BranchTags]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for tags in branch_tags {
        for (prop, (values, _)) in tags.iter() {
            if values.len() <= 8 {
                *counts.entry(prop.as_str()).or_default() += 1;
            }
        }
    }
    let best = counts.values().copied().max()?;
    if best < 2 {
        return None;
    }
    // Prefer `type` on ties: it is what OpenAI's unions are tagged with.
    const PREFERRED_TAG: &str = "type";
    if counts.get(PREFERRED_TAG) == Some(&best) {
        return Some(PREFERRED_TAG.to_owned());
    }
    counts.into_iter().find(|(_, c)| *c == best).map(|(p, _)| p.to_owned())
}

fn wrap_nullable(ty: Ty, nullable: bool) -> Ty {
    if nullable && ty != Ty::Any {
        Ty::Nullable(Box::new(ty))
    } else {
        ty
    }
}

fn string_enum(values: &[String]) -> StringEnum {
    let mut names = UniqueNames::for_variants();
    let variants: Vec<EnumVariant> = values
        .iter()
        .map(|wire| EnumVariant { ident: names.claim_variant(&naming::variant_name(wire)), wire: wire.clone() })
        .collect();
    StringEnum { variants, fallback: FALLBACK_VARIANT.to_owned() }
}

fn integer_enum(values: &[i64]) -> IntegerEnum {
    let mut names = UniqueNames::for_variants();
    let variants = values.iter().map(|v| (names.claim_variant(&naming::integer_variant_name(*v)), *v)).collect();
    IntegerEnum { variants, fallback: FALLBACK_VARIANT.to_owned() }
}

/// The definition of a one-value schema when it needs a type of its own.
fn const_kind(value: &Value) -> TypeKind {
    match value {
        Value::String(s) => TypeKind::StringEnum(string_enum(std::slice::from_ref(s))),
        Value::Number(n) if n.is_i64() => TypeKind::IntegerEnum(integer_enum(&[n.as_i64().unwrap_or_default()])),
        other => TypeKind::Alias(const_plain_ty(other)),
    }
}

fn const_plain_ty(value: &Value) -> Ty {
    match value {
        Value::String(_) => Ty::String,
        Value::Bool(_) => Ty::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => Ty::Integer,
        Value::Number(_) => Ty::Number,
        _ => Ty::Any,
    }
}
