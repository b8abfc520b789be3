//! Typed views of schema objects. Lowering reads a schema only through [`Schema`], so the keyword
//! strings are spelled here, beside the one list that classifies them ([`KEYWORDS`]), and every
//! view carries its JSON pointer: an error about a keyword or a nested schema names where it is.
//!
//! A keyword that today is an error when it has the wrong JSON type is read as `Result<Option<_>>`;
//! where lowering instead ignores a wrong-typed value, it reads the same accessor through
//! [`OrAbsent::or_absent`] (or the accessor is lenient itself, as its documentation says).

use super::{Node, Pointer};
use crate::error::{Error, Result};

/// What a keyword means to lowering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Only constrains values (or documents them): a schema made of nothing else adds no type.
    Constraint,
    /// Gives a schema its shape: beside a `$ref` (3.1 allows siblings) it means "all of these".
    Shape,
    /// Names the JSON type: more than a constraint, but beside a `$ref` it adds nothing.
    Type,
}

/// The one list of keywords lowering classifies: each one's [`Role`], and whether a branch of an
/// open string enum (`anyOf: [{type: string}, {enum: [a, b]}]`) may carry it (a branch with any
/// other keyword is more than a string).
const KEYWORDS: &[(&str, Role, bool)] = &[
    ("required", Role::Constraint, false),
    ("minimum", Role::Constraint, false),
    ("maximum", Role::Constraint, false),
    ("exclusiveMinimum", Role::Constraint, false),
    ("exclusiveMaximum", Role::Constraint, false),
    ("minLength", Role::Constraint, false),
    ("maxLength", Role::Constraint, false),
    ("pattern", Role::Constraint, false),
    ("minItems", Role::Constraint, false),
    ("maxItems", Role::Constraint, false),
    ("uniqueItems", Role::Constraint, false),
    ("minProperties", Role::Constraint, false),
    ("maxProperties", Role::Constraint, false),
    ("multipleOf", Role::Constraint, false),
    ("not", Role::Constraint, false),
    ("description", Role::Constraint, true),
    ("title", Role::Constraint, true),
    ("example", Role::Constraint, true),
    ("examples", Role::Constraint, false),
    ("default", Role::Constraint, true),
    ("deprecated", Role::Constraint, false),
    ("readOnly", Role::Constraint, false),
    ("writeOnly", Role::Constraint, false),
    ("format", Role::Constraint, true),
    ("x-stainless-const", Role::Constraint, true),
    ("nullable", Role::Constraint, true),
    ("properties", Role::Shape, false),
    ("allOf", Role::Shape, false),
    ("anyOf", Role::Shape, false),
    ("oneOf", Role::Shape, false),
    ("items", Role::Shape, false),
    ("enum", Role::Shape, true),
    ("const", Role::Shape, true),
    ("type", Role::Type, true),
];

/// The role of `key` and whether an open string enum's branch may carry it.
fn keyword(key: &str) -> Option<(Role, bool)> {
    KEYWORDS.iter().find(|(k, _, _)| *k == key).map(|&(_, role, in_string_branch)| (role, in_string_branch))
}

/// Keywords that make a schema without `type` an object.
const OBJECT_KEYWORDS: [&str; 3] = ["properties", "additionalProperties", "patternProperties"];

/// What an empty schema object is: the rest of a `$ref` whose siblings became an `allOf`.
static EMPTY: Node = Node::Object(Vec::new());

/// A keyword's value and its JSON pointer.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub ptr: Pointer,
}

/// Reading a keyword where lowering takes a wrong-typed value for an absent one.
pub trait OrAbsent<T> {
    fn or_absent(self) -> Option<T>;
}

impl<T> OrAbsent<T> for Result<Option<T>> {
    fn or_absent(self) -> Option<T> {
        self.ok().flatten()
    }
}

/// One name of the `type` keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeName<'a> {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Null,
    /// A name JSON Schema does not have; an error where lowering needs the type.
    Unknown(&'a str),
}

impl<'a> TypeName<'a> {
    fn parse(name: &'a str) -> Self {
        match name {
            "string" => TypeName::String,
            "integer" => TypeName::Integer,
            "number" => TypeName::Number,
            "boolean" => TypeName::Boolean,
            "array" => TypeName::Array,
            "object" => TypeName::Object,
            "null" => TypeName::Null,
            other => TypeName::Unknown(other),
        }
    }

    /// The name as written.
    pub fn as_str(self) -> &'a str {
        match self {
            TypeName::String => "string",
            TypeName::Integer => "integer",
            TypeName::Number => "number",
            TypeName::Boolean => "boolean",
            TypeName::Array => "array",
            TypeName::Object => "object",
            TypeName::Null => "null",
            TypeName::Unknown(name) => name,
        }
    }
}

/// The two keywords that list a union's branches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnionKeyword {
    OneOf,
    AnyOf,
}

impl UnionKeyword {
    fn as_str(self) -> &'static str {
        match self {
            UnionKeyword::OneOf => "oneOf",
            UnionKeyword::AnyOf => "anyOf",
        }
    }
}

/// `additionalProperties`.
#[derive(Clone, Debug)]
pub enum AdditionalProperties<'a> {
    /// Absent or `true`: any further property.
    Unconstrained,
    /// `false`: no further property.
    Forbidden,
    /// Further properties' values are of this schema.
    Values(Schema<'a>),
}

/// A `discriminator` object (anything else reads as one without a property name or mapping).
#[derive(Clone, Copy, Debug)]
pub struct Discriminator<'a>(&'a Node);

impl<'a> Discriminator<'a> {
    /// `propertyName`.
    pub fn property_name(self) -> Option<&'a str> {
        self.0.get_str("propertyName")
    }

    /// `mapping`: each tag value and the `$ref` it names (`None` when that is not a string).
    pub fn mapping(self) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
        self.0.get("mapping").and_then(Node::as_object).unwrap_or(&[]).iter().map(|(v, t)| (v.as_str(), t.as_str()))
    }
}

/// A `$ref` beside shape keywords (3.1 allows them), as the `allOf` it means: the reference alone,
/// then the rest, at `<pointer>/allOf/0` and `/1` as if written so.
#[derive(Debug)]
pub struct RefAllOf {
    parts: [Node; 2],
    ptr: Pointer,
}

impl RefAllOf {
    /// The two parts.
    pub fn parts(&self) -> Vec<Schema<'_>> {
        let base = self.ptr.join("allOf");
        self.parts.iter().enumerate().map(|(i, node)| Schema::new(node, base.index(i))).collect()
    }
}

/// The documentation of a schema, parameter or operation object: its `description`, else its
/// `title`; blank text is none.
pub fn description_of(node: &Node) -> Option<String> {
    node.get_str("description").or_else(|| node.get_str("title")).map(str::to_owned).filter(|d| !d.trim().is_empty())
}

/// A schema in the document and where it is.
#[derive(Clone, Debug)]
pub struct Schema<'a> {
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> Schema<'a> {
    pub fn new(node: &'a Node, ptr: Pointer) -> Self {
        Schema { node, ptr }
    }

    /// An empty schema object at `ptr`.
    pub fn empty(ptr: Pointer) -> Schema<'static> {
        Schema { node: &EMPTY, ptr }
    }

    pub fn node(&self) -> &'a Node {
        self.node
    }

    pub fn ptr(&self) -> &Pointer {
        &self.ptr
    }

    fn located<T>(&self, key: &str, value: T) -> Located<T> {
        Located { value, ptr: self.ptr.join(key) }
    }

    /// The schemas of the array under `key`, at their pointers; not an array is an error.
    fn schema_list(&self, key: &str) -> Result<Option<Vec<Schema<'a>>>> {
        match self.node.get(key) {
            None => Ok(None),
            Some(Node::Array(items)) => {
                let base = self.ptr.join(key);
                Ok(Some(items.iter().enumerate().map(|(i, node)| Schema::new(node, base.index(i))).collect()))
            }
            Some(_) => Err(Error::at(self.ptr.join(key).as_str(), format!("`{key}` must be an array"))),
        }
    }

    /// Whether this is the schema `true`, which any value fits; `false` for a schema object.
    /// Anything else is not a schema: an error.
    pub fn is_true(&self) -> Result<bool> {
        match self.node {
            Node::Bool(true) => Ok(true),
            Node::Object(_) => Ok(false),
            other => {
                Err(Error::at(self.ptr.as_str(), format!("expected a schema object, found {}", other.kind_name())))
            }
        }
    }

    /// `nullable: true` (3.0).
    pub fn nullable(&self) -> bool {
        matches!(self.node.get("nullable"), Some(Node::Bool(true)))
    }

    /// `$ref`; one that is not a string is an error.
    pub fn reference(&self) -> Result<Option<Located<&'a str>>> {
        match self.node.get("$ref") {
            None => Ok(None),
            Some(Node::String(reference)) => Ok(Some(self.located("$ref", reference.as_str()))),
            Some(_) => Err(Error::at(self.ptr.join("$ref").as_str(), "`$ref` must be a string")),
        }
    }

    /// `$recursiveRef`, else `$dynamicRef`: its text, when it is a string.
    pub fn recursive_reference(&self) -> Option<Located<Option<&'a str>>> {
        ["$recursiveRef", "$dynamicRef"]
            .into_iter()
            .find_map(|key| Some(self.located(key, self.node.get(key)?.as_str())))
    }

    /// A `$ref` with shape keywords beside it, split into the `allOf` it means.
    pub fn ref_all_of(&self) -> Option<RefAllOf> {
        let reference = self.node.get_str("$ref")?;
        let entries = self.node.as_object()?;
        if !entries.iter().any(|(k, _)| matches!(keyword(k), Some((Role::Shape, _)))) {
            return None;
        }
        let rest: Vec<(String, Node)> = entries.iter().filter(|(k, _)| k != "$ref").cloned().collect();
        let parts = [Node::Object(vec![("$ref".to_owned(), Node::String(reference.to_owned()))]), Node::Object(rest)];
        Some(RefAllOf { parts, ptr: self.ptr.clone() })
    }

    /// `const`, of any JSON kind.
    pub fn const_value(&self) -> Option<&'a Node> {
        self.node.get("const")
    }

    /// `enum`; one that is not an array is an error.
    pub fn enum_values(&self) -> Result<Option<Located<&'a [Node]>>> {
        match self.node.get("enum") {
            None => Ok(None),
            Some(Node::Array(values)) => Ok(Some(self.located("enum", values.as_slice()))),
            Some(_) => Err(Error::at(self.ptr.join("enum").as_str(), "`enum` must be an array")),
        }
    }

    /// Whether `enum` is there, whatever its value.
    pub fn has_enum(&self) -> bool {
        self.node.get("enum").is_some()
    }

    /// The branches of `oneOf` or `anyOf`; a list that is not an array is an error.
    pub fn branches(&self, union: UnionKeyword) -> Result<Option<Vec<Schema<'a>>>> {
        self.schema_list(union.as_str())
    }

    /// Where the branches of `oneOf` or `anyOf` are.
    pub fn branches_ptr(&self, union: UnionKeyword) -> Pointer {
        self.ptr.join(union.as_str())
    }

    /// Whether `oneOf` is there, whatever its value.
    pub fn has_one_of(&self) -> bool {
        self.node.get(UnionKeyword::OneOf.as_str()).is_some()
    }

    /// The parts of `allOf`; not an array is an error.
    pub fn all_of(&self) -> Result<Option<Vec<Schema<'a>>>> {
        self.schema_list("allOf")
    }

    /// Whether `allOf` is there, whatever its value.
    pub fn has_all_of(&self) -> bool {
        self.node.get("allOf").is_some()
    }

    /// The names of `type` (one, or a list), with the keyword's pointer; none when it is absent.
    /// A `type` that is neither a string nor an array of strings is an error.
    pub fn types(&self) -> Result<Located<Vec<TypeName<'a>>>> {
        let ptr = self.ptr.join("type");
        let names = match self.node.get("type") {
            None => Vec::new(),
            Some(Node::String(name)) => vec![TypeName::parse(name)],
            Some(Node::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    name.as_str()
                        .map(TypeName::parse)
                        .ok_or_else(|| Error::at(ptr.index(i).as_str(), "a type name must be a string"))
                })
                .collect::<Result<_>>()?,
            Some(other) => {
                return Err(Error::at(
                    ptr.as_str(),
                    format!("`type` must be a string or an array of strings, found {}", other.kind_name()),
                ))
            }
        };
        Ok(Located { value: names, ptr })
    }

    /// `type` when it is a single string (a list is not looked into).
    pub fn single_type(&self) -> Option<TypeName<'a>> {
        self.node.get_str("type").map(TypeName::parse)
    }

    /// Whether `type` is there, whatever its value.
    pub fn has_type(&self) -> bool {
        self.node.get("type").is_some()
    }

    /// Whether `type` names `name`, alone or in a list; unlike [`Schema::types`], entries that
    /// are not strings are skipped (nullability is decided before lowering checks them).
    pub fn type_includes(&self, name: TypeName<'_>) -> bool {
        match self.node.get("type") {
            Some(Node::String(single)) => TypeName::parse(single) == name,
            Some(Node::Array(list)) => list.iter().filter_map(Node::as_str).any(|t| TypeName::parse(t) == name),
            _ => false,
        }
    }

    /// Whether a keyword only objects have is there (`properties`, `additionalProperties`,
    /// `patternProperties`).
    pub fn has_object_keywords(&self) -> bool {
        OBJECT_KEYWORDS.iter().any(|key| self.node.get(key).is_some())
    }

    /// `properties`, each at its pointer; none when it is not an object.
    pub fn properties(&self) -> impl Iterator<Item = (&'a str, Schema<'a>)> + 'a {
        let base = self.ptr.join("properties");
        let entries = self.node.get("properties").and_then(Node::as_object).unwrap_or(&[]);
        entries.iter().map(move |(key, node)| (key.as_str(), Schema::new(node, base.join(key))))
    }

    /// Whether `properties` is there, whatever its value.
    pub fn has_properties(&self) -> bool {
        self.node.get("properties").is_some()
    }

    /// The names `required` lists (strings only); none when it is not an array.
    pub fn required(&self) -> Option<Located<Vec<&'a str>>> {
        let names = self.node.get("required")?.as_array()?.iter().filter_map(Node::as_str).collect();
        Some(self.located("required", names))
    }

    /// `items`, whatever its value (lowering it checks that it is a schema).
    pub fn items(&self) -> Option<Schema<'a>> {
        self.node.get("items").map(|node| Schema::new(node, self.ptr.join("items")))
    }

    /// `additionalProperties` (a value other than a boolean is read as a schema).
    pub fn additional_properties(&self) -> AdditionalProperties<'a> {
        match self.node.get("additionalProperties") {
            None | Some(Node::Bool(true)) => AdditionalProperties::Unconstrained,
            Some(Node::Bool(false)) => AdditionalProperties::Forbidden,
            Some(node) => AdditionalProperties::Values(Schema::new(node, self.ptr.join("additionalProperties"))),
        }
    }

    /// Whether `additionalProperties` is there, whatever its value.
    pub fn has_additional_properties(&self) -> bool {
        self.node.get("additionalProperties").is_some()
    }

    /// `format`, when it is a string.
    pub fn format(&self) -> Option<&'a str> {
        self.node.get_str("format")
    }

    /// Whether `format` is there, whatever its value.
    pub fn has_format(&self) -> bool {
        self.node.get("format").is_some()
    }

    /// `discriminator`, whatever its value.
    pub fn discriminator(&self) -> Option<Discriminator<'a>> {
        self.node.get("discriminator").map(Discriminator)
    }

    /// `title`, when it is a string.
    pub fn title(&self) -> Option<&'a str> {
        self.node.get_str("title")
    }

    /// The documentation: `description`, else `title`; blank text is none.
    pub fn doc(&self) -> Option<String> {
        description_of(self.node)
    }

    /// `default`, of any JSON kind.
    pub fn default(&self) -> Option<Located<&'a Node>> {
        self.node.get("default").map(|value| self.located("default", value))
    }

    /// Whether the schema admits only `null` (`type: "null"`, `enum: [null]`, `const: null`).
    pub fn is_null(&self) -> bool {
        self.single_type() == Some(TypeName::Null)
            || matches!(self.node.get("enum").and_then(Node::as_array), Some([Node::Null]))
            || matches!(self.const_value(), Some(Node::Null))
    }

    /// A schema with no type information of its own (`{required: [a]}` inside an `anyOf`): only
    /// constraint keywords and extensions.
    pub fn is_constraint_only(&self) -> bool {
        match self.node {
            Node::Object(entries) => {
                entries.iter().all(|(k, _)| matches!(keyword(k), Some((Role::Constraint, _))) || k.starts_with("x-"))
            }
            _ => false,
        }
    }

    /// Whether every keyword here may be in a branch of an open string enum (type, values and
    /// documentation only).
    pub fn fits_string_branch(&self) -> bool {
        self.node.as_object().unwrap_or(&[]).iter().all(|(k, _)| matches!(keyword(k), Some((_, true))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn node(text: &str) -> Node {
        serde_json::from_str(text).expect("test JSON parses")
    }

    /// A view of `node` at `#/s`.
    fn at(node: &Node) -> Schema<'_> {
        Schema::new(node, Pointer::root().join("s"))
    }

    fn ptrs<'a>(schemas: impl IntoIterator<Item = Schema<'a>>) -> Vec<String> {
        schemas.into_iter().map(|s| s.ptr().to_string()).collect()
    }

    fn error_at(result: Result<impl std::fmt::Debug>) -> (String, String) {
        match result {
            Err(Error { location: Location::Pointer(ptr), message, .. }) => (ptr, message),
            other => panic!("expected an error at a pointer, got {other:?}"),
        }
    }

    #[test]
    fn references_carry_the_pointer_of_the_keyword() {
        let n = node(r##"{"$ref": "#/components/schemas/A"}"##);
        let reference = at(&n).reference().expect("a string").expect("present");
        assert_eq!(reference.value, "#/components/schemas/A");
        assert_eq!(reference.ptr.as_str(), "#/s/$ref");

        let n = node(r##"{"$recursiveRef": "#"}"##);
        let recursive = at(&n).recursive_reference().expect("present");
        assert_eq!((recursive.value, recursive.ptr.as_str()), (Some("#"), "#/s/$recursiveRef"));
        let n = node(r#"{"$dynamicRef": 1}"#);
        let dynamic = at(&n).recursive_reference().expect("present");
        assert_eq!((dynamic.value, dynamic.ptr.as_str()), (None, "#/s/$dynamicRef"));
        assert!(at(&node("{}")).recursive_reference().is_none());
    }

    #[test]
    fn wrong_typed_keywords_are_errors_naming_their_pointer() {
        let n = node(r#"{"$ref": 3, "enum": {}, "allOf": "x", "oneOf": 1, "anyOf": null, "type": 2}"#);
        let s = at(&n);
        assert_eq!(error_at(s.reference()), ("#/s/$ref".into(), "`$ref` must be a string".into()));
        assert_eq!(error_at(s.enum_values()), ("#/s/enum".into(), "`enum` must be an array".into()));
        assert_eq!(error_at(s.all_of()), ("#/s/allOf".into(), "`allOf` must be an array".into()));
        assert_eq!(error_at(s.branches(UnionKeyword::OneOf)), ("#/s/oneOf".into(), "`oneOf` must be an array".into()));
        assert_eq!(error_at(s.branches(UnionKeyword::AnyOf)), ("#/s/anyOf".into(), "`anyOf` must be an array".into()));
        let (ptr, message) = error_at(s.types());
        assert_eq!(ptr, "#/s/type");
        assert_eq!(message, "`type` must be a string or an array of strings, found a number");
        let n = node(r#"{"type": ["string", 3]}"#);
        assert_eq!(error_at(at(&n).types()), ("#/s/type/1".into(), "a type name must be a string".into()));
        let n = node("3");
        assert_eq!(error_at(at(&n).is_true()), ("#/s".into(), "expected a schema object, found a number".into()));
    }

    #[test]
    fn where_lowering_ignores_a_wrong_type_the_view_reads_it_as_absent() {
        let n = node(r#"{"$ref": 3, "allOf": "x", "properties": 3, "required": "a", "format": 1, "title": []}"#);
        let s = at(&n);
        assert!(s.reference().or_absent().is_none());
        assert!(s.all_of().or_absent().is_none());
        assert!(s.has_all_of() && s.has_properties());
        assert_eq!(s.properties().count(), 0);
        assert!(s.required().is_none());
        assert_eq!((s.format(), s.title(), s.doc()), (None, None, None));
    }

    #[test]
    fn children_are_at_joined_pointers() {
        let n = node(
            r#"{"properties": {"a/b": {"type": "string"}, "c": true}, "items": {}, "additionalProperties": {},
                "allOf": [{}, {}], "oneOf": [{}], "anyOf": [{}, {}, {}]}"#,
        );
        let s = at(&n);
        let names: Vec<&str> = s.properties().map(|(name, _)| name).collect();
        assert_eq!(names, ["a/b", "c"]);
        assert_eq!(ptrs(s.properties().map(|(_, p)| p)), ["#/s/properties/a~1b", "#/s/properties/c"]);
        assert_eq!(ptrs(s.items()), ["#/s/items"]);
        match s.additional_properties() {
            AdditionalProperties::Values(values) => assert_eq!(values.ptr().as_str(), "#/s/additionalProperties"),
            other => panic!("expected a schema, got {other:?}"),
        }
        assert_eq!(ptrs(s.all_of().ok().flatten().unwrap_or_default()), ["#/s/allOf/0", "#/s/allOf/1"]);
        assert_eq!(ptrs(s.branches(UnionKeyword::OneOf).ok().flatten().unwrap_or_default()), ["#/s/oneOf/0"]);
        assert_eq!(s.branches(UnionKeyword::AnyOf).ok().flatten().map(|b| b.len()), Some(3));
        assert_eq!(s.branches_ptr(UnionKeyword::AnyOf).as_str(), "#/s/anyOf");
    }

    #[test]
    fn types_read_both_forms_and_keep_unknown_names() {
        let n = node(r#"{"type": ["string", "null", "widget"]}"#);
        let types = at(&n).types().expect("valid");
        assert_eq!(types.value, [TypeName::String, TypeName::Null, TypeName::Unknown("widget")]);
        assert_eq!(types.ptr.as_str(), "#/s/type");
        assert_eq!(TypeName::Unknown("widget").as_str(), "widget");
        // The single form only reads a string.
        assert_eq!(at(&n).single_type(), None);
        assert!(at(&n).has_type());
        let n = node(r#"{"type": "integer"}"#);
        assert_eq!(at(&n).types().map(|t| t.value).ok(), Some(vec![TypeName::Integer]));
        assert_eq!(at(&n).single_type(), Some(TypeName::Integer));
        assert_eq!(at(&node("{}")).types().map(|t| t.value.len()).ok(), Some(0));
    }

    #[test]
    fn type_includes_skips_what_types_rejects_and_has_format_sees_any_value() {
        assert!(at(&node(r#"{"type": ["null", 3]}"#)).type_includes(TypeName::Null));
        assert!(at(&node(r#"{"type": "null"}"#)).type_includes(TypeName::Null));
        assert!(!at(&node(r#"{"type": {"null": 1}}"#)).type_includes(TypeName::Null));
        let n = node(r#"{"format": 3}"#);
        assert!(at(&n).has_format() && at(&n).format().is_none());
        assert!(!at(&node("{}")).has_format());
    }

    #[test]
    fn values_documentation_and_flags() {
        let n = node(
            r#"{"enum": ["a", null], "const": 1, "default": {"x": 1}, "format": "uint64", "nullable": true,
                "description": " ", "title": "Title", "required": ["a", 1, "b"]}"#,
        );
        let s = at(&n);
        let values = s.enum_values().expect("an array").expect("present");
        assert_eq!((values.value.len(), values.ptr.as_str()), (2, "#/s/enum"));
        assert!(s.has_enum());
        assert_eq!(s.const_value(), Some(&Node::Number(1.into())));
        let default = s.default().expect("present");
        assert_eq!((default.value.to_json(), default.ptr.as_str()), (serde_json::json!({"x": 1}), "#/s/default"));
        assert_eq!(s.format(), Some("uint64"));
        assert!(s.nullable());
        // A blank description gives way to the title.
        assert_eq!(s.doc().as_deref(), None);
        assert_eq!(s.title(), Some("Title"));
        let required = s.required().expect("an array");
        assert_eq!((required.value, required.ptr.as_str()), (vec!["a", "b"], "#/s/required"));
        let n = node(r#"{"title": "T", "description": "D"}"#);
        assert_eq!(at(&n).doc().as_deref(), Some("D"));
        assert_eq!(description_of(&node(r#"{"title": "T"}"#)).as_deref(), Some("T"));
    }

    #[test]
    fn additional_properties_and_object_keywords() {
        let forbidden = node(r#"{"additionalProperties": false}"#);
        assert!(matches!(at(&forbidden).additional_properties(), AdditionalProperties::Forbidden));
        assert!(at(&forbidden).has_additional_properties() && at(&forbidden).has_object_keywords());
        let open = node(r#"{"additionalProperties": true}"#);
        assert!(matches!(at(&open).additional_properties(), AdditionalProperties::Unconstrained));
        assert!(matches!(at(&node("{}")).additional_properties(), AdditionalProperties::Unconstrained));
        assert!(at(&node(r#"{"patternProperties": {}}"#)).has_object_keywords());
        assert!(!at(&node(r#"{"items": {}}"#)).has_object_keywords());
    }

    #[test]
    fn discriminator_reads_its_name_and_mapping() {
        let n = node(r##"{"discriminator": {"propertyName": "kind", "mapping": {"a": "#/A", "b": 2}}}"##);
        let d = at(&n).discriminator().expect("present");
        assert_eq!(d.property_name(), Some("kind"));
        assert_eq!(d.mapping().collect::<Vec<_>>(), [("a", Some("#/A")), ("b", None)]);
        // Anything else is a discriminator without either.
        let n = node(r#"{"discriminator": 1}"#);
        let d = at(&n).discriminator().expect("present");
        assert_eq!((d.property_name(), d.mapping().count()), (None, 0));
    }

    #[test]
    fn null_constraint_only_and_string_branch_schemas() {
        for null in [r#"{"type": "null"}"#, r#"{"enum": [null]}"#, r#"{"const": null}"#] {
            assert!(at(&node(null)).is_null(), "{null}");
        }
        assert!(!at(&node(r#"{"type": ["null"]}"#)).is_null());
        assert!(at(&node(r#"{"required": ["a"], "description": "d", "x-any": 1}"#)).is_constraint_only());
        assert!(!at(&node(r#"{"required": ["a"], "type": "object"}"#)).is_constraint_only());
        assert!(!at(&node("true")).is_constraint_only());
        assert!(at(&node(r#"{"type": "string", "enum": ["a"], "description": "d"}"#)).fits_string_branch());
        assert!(!at(&node(r#"{"type": "string", "pattern": "a"}"#)).fits_string_branch());
        assert_eq!(at(&node("true")).is_true().ok(), Some(true));
        assert_eq!(at(&node("{}")).is_true().ok(), Some(false));
    }

    #[test]
    fn a_ref_with_shape_siblings_is_the_all_of_it_means() {
        let n = node(r##"{"$ref": "#/A", "properties": {"b": {}}, "description": "d"}"##);
        let all_of = at(&n).ref_all_of().expect("a shape sibling");
        let parts = all_of.parts();
        assert_eq!(ptrs(parts.clone()), ["#/s/allOf/0", "#/s/allOf/1"]);
        assert_eq!(parts[0].reference().ok().flatten().map(|r| r.value), Some("#/A"));
        assert!(parts[1].reference().ok().flatten().is_none());
        assert_eq!((parts[1].properties().count(), parts[1].doc().as_deref()), (1, Some("d")));
        // Constraints or a `type` beside a `$ref` add no shape.
        assert!(at(&node(r##"{"$ref": "#/A", "description": "d", "type": "object"}"##)).ref_all_of().is_none());
        assert!(Schema::empty(Pointer::root()).node().as_object().is_some_and(<[_]>::is_empty));
    }

    #[test]
    fn component_schemas_are_at_their_pointers() {
        let doc =
            crate::spec::parse(r#"{"components": {"schemas": {"A": {"type": "string"}, "B/C": {}}}}"#).expect("parses");
        let schemas = doc.component_schemas().expect("an object");
        let names: Vec<&str> = schemas.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["A", "B/C"]);
        assert_eq!(ptrs(schemas.into_iter().map(|(_, s)| s)), ["#/components/schemas/A", "#/components/schemas/B~1C"]);
        let target = doc.schema_at("#/components/schemas/A").expect("resolves");
        assert_eq!((target.ptr().as_str(), target.single_type()), ("#/components/schemas/A", Some(TypeName::String)));

        let doc = crate::spec::parse(r#"{"components": {"schemas": []}}"#).expect("parses");
        let (ptr, message) = error_at(doc.component_schemas());
        assert_eq!(
            (ptr.as_str(), message.as_str()),
            ("#/components/schemas", "expected an object of schemas, found an array")
        );
        let doc = crate::spec::parse(r#"{"components": 1}"#).expect("parses");
        assert_eq!(error_at(doc.component_schemas()).0, "#/components");
    }
}
