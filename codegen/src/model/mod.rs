//! The type model: what the generated crate contains, independent of both OpenAPI syntax and Rust
//! tokens. [`lower`] builds it from a spec document; `emit` turns it into Rust.

mod lower;
mod nullability;
mod recursion;

pub use lower::lower;

use serde_json::Value;

/// Name of the map of undeclared fields every struct carries.
pub const EXTRA_FIELDS: &str = "extra_fields";

/// The private field of every generated struct that keeps how its fields were on the wire
/// (`runtime::Wire`); no declared field may take its name.
pub const WIRE_FIELD: &str = "wire";

/// Index of a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// A type as it is used somewhere (a field, an array item, a union variant).
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Integer,
    /// `integer` with `format: uint64`: up to 2^64 - 1, never negative.
    Unsigned,
    Number,
    Boolean,
    /// Any JSON value.
    Any,
    /// Raw bytes (`format: binary`): a file of a multipart body, or a whole raw body. The runtime
    /// `FileUpload` holds it (in JSON, a `data:` URL).
    File,
    Array(Box<Ty>),
    /// An object with arbitrary keys and values of one type.
    Map(Box<Ty>),
    /// A value that may be JSON `null` where no field can say so (array items, map values).
    Nullable(Box<Ty>),
    /// A generated type; `boxed` breaks a cycle of direct containment.
    Named {
        id: TypeId,
        boxed: bool,
    },
}

impl Ty {
    /// This type and every type inside it (list items, map values, what is nullable).
    pub fn parts(&self) -> Vec<&Ty> {
        let mut parts = vec![self];
        let mut at = 0;
        while let Some(ty) = parts.get(at) {
            if let Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) = ty {
                parts.push(inner);
            }
            at += 1;
        }
        parts
    }
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust name, unique in the crate.
    pub name: String,
    /// The spec's description.
    pub doc: Option<String>,
    /// JSON pointer of the schema it comes from.
    pub origin: String,
    /// Whether the schema itself admits `null` (refs to it are then nullable).
    pub nullable: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    StringEnum(StringEnum),
    IntegerEnum(IntegerEnum),
    Union(Union),
    /// A schema that is just another type (`type: string`, an array, a `$ref`).
    Alias(Ty),
}

/// An object with declared properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Required single-value properties (`object: "conversation"`): filled in by the type.
    pub constants: Vec<Constant>,
}

impl Struct {
    /// Whether it declares any key (a field or a constant): one without takes the `Object`
    /// trait's defaults.
    pub fn has_keys(&self) -> bool {
        !self.fields.is_empty() || !self.constants.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub wire: String,
    /// The Rust field name (may be `r#type`).
    pub ident: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub doc: Option<String>,
    /// The spec's default, when it is valid for the type (documentation only).
    pub default: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Constant {
    pub wire: String,
    pub value: Value,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps unknown values.
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub ident: String,
    pub wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntegerEnum {
    pub variants: Vec<(String, i64)>,
    pub fallback: String,
}

/// `oneOf` / `anyOf` of several types.
/// The name of the variant that keeps what this version of the crate does not know: every string
/// and integer enum and every tagged union has it, always under this name. A spec value or branch
/// that would take the name is renamed (`UniqueNames::for_variants` in the naming module).
pub const FALLBACK_VARIANT: &str = "Unknown";

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The property whose constant value tells the variants apart, when there is one.
    pub tag: Option<String>,
    pub variants: Vec<UnionVariant>,
}

impl Union {
    /// The fallback variant's name: every union keeps what no variant takes.
    pub fn fallback(&self) -> &'static str {
        FALLBACK_VARIANT
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub ident: String,
    pub ty: Ty,
    /// The tag values that select this variant (empty: the variant carries no tag).
    pub tag_values: Vec<String>,
    /// Whether objects of this variant may omit the tag.
    pub tag_optional: bool,
    pub doc: Option<String>,
}

/// An HTTP operation of the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub id: String,
    /// Name of the generated request type when the operation has parameters besides its body
    /// (otherwise the body type itself is the request).
    pub request_type: Option<String>,
    /// Dotted SDK method path (`conversations.create`), from `x-sdk-method` or the path.
    pub sdk_method: Vec<String>,
    /// Rust-style name of the operation (`create_conversation`).
    pub ident: String,
    pub method: String,
    pub path: String,
    /// `path` parsed once: literal text and path parameters (indices into `path_params`).
    pub path_template: Vec<PathSegment>,
    pub doc: Option<String>,
    pub body: Option<RequestBody>,
    pub response: ResponseBody,
    /// The events of its `text/event-stream` response, when it streams.
    pub events: Option<Ty>,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    pub header_params: Vec<Param>,
}

impl Operation {
    /// The types the operation names: body, JSON response, stream events and parameters.
    pub fn types(&self) -> Vec<&Ty> {
        let mut tys: Vec<&Ty> = self.body.iter().map(|b| &b.ty).collect();
        if let ResponseBody::Json(ty) = &self.response {
            tys.push(ty);
        }
        tys.extend(&self.events);
        tys.extend(self.path_params.iter().chain(&self.query_params).chain(&self.header_params).map(|p| &p.ty));
        tys
    }
}

/// An operation's request body: its type and how it goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub ty: Ty,
    pub format: BodyFormat,
}

/// How a request body is written.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyFormat {
    /// `application/json`.
    Json,
    /// `multipart/form-data`: a part per field (files as file parts); `json_fields` are the fields
    /// the spec's `encoding` sends as JSON parts.
    Multipart { json_fields: Vec<String> },
    /// The value's bytes (a string or a file) as they are, under this media type.
    Raw { media_type: String },
}

impl BodyFormat {
    /// The suffix of the method and request type of an operation's body format after its first
    /// (`edit_multipart`, `create_sdp` for `application/sdp`), when it has several.
    pub fn suffix(&self) -> String {
        match self {
            BodyFormat::Json => "json".to_owned(),
            BodyFormat::Multipart { .. } => "multipart".to_owned(),
            BodyFormat::Raw { media_type } => {
                let subtype = media_type.split(';').next().unwrap_or_default();
                let subtype = subtype.rsplit('/').next().unwrap_or(subtype);
                crate::naming::field_name(subtype).trim_start_matches("r#").to_owned()
            }
        }
    }
}

/// What a successful response body is read as.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// JSON of this type.
    Json(Ty),
    /// JSON the spec does not describe (`serde_json::Value`).
    AnyJson,
    /// The bytes as they come: files, audio, and responses the spec gives no JSON schema.
    Bytes,
}

/// A piece of an operation's path template (`/things/{thing_id}/parts`).
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    Literal(String),
    /// The path parameter at this index of `Operation::path_params`.
    Param(usize),
}

/// Where an operation parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire: String,
    pub ident: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
}

/// Everything the generated crate contains.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The payloads of the spec's `webhooks` (what the API sends to a user's server), by
    /// webhook name.
    pub webhooks: Vec<(String, Ty)>,
}

/// The longest chain of aliases [`Model::resolve`] follows.
pub const MAX_ALIAS_CHAIN: usize = 64;

impl Model {
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }

    /// Follows aliases to the type that gives a value its JSON shape. Lowering refuses alias
    /// loops (`A: {$ref: A}` is a `$ref` loop error), so the bound only keeps a model built by
    /// hand from looping forever; past it the alias itself is returned.
    pub fn resolve<'a>(&'a self, mut ty: &'a Ty) -> &'a Ty {
        for _ in 0..MAX_ALIAS_CHAIN {
            match ty {
                Ty::Named { id, .. } => match self.get(*id).map(|d| &d.kind) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }
}
