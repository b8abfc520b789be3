//! Typed views of the objects around operations: path items, operations, parameters, request
//! bodies, their media types and responses. Lowering of paths and webhooks reads the spec only
//! through them, so the field names are spelled here, and every view carries its JSON pointer
//! (a child's is joined from its parent's).
//!
//! As in `schema.rs`, a field that lowering rejects when it has the wrong JSON type is read as
//! `Result<Option<_>>` (or `Result<_>`), one it ignores then through [`OrAbsent::or_absent`] or
//! leniently, as each accessor's documentation says.
//!
//! Parameters, request bodies and responses may be a `$ref` to the object. Their views are
//! [`Referable`]: lowering follows the reference and reads the target through the same view,
//! still at the pointer of the place that refers to it, where errors about it are reported.
//!
//! [`OrAbsent::or_absent`]: super::OrAbsent::or_absent

use super::{Document, Node, Pointer, Schema};
use crate::error::{Error, Result};

/// An HTTP method a path item may hold an operation under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// Every method, in the order operations are generated.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// The method's key in a path item (lowercase).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }
}

/// Where a parameter is sent (`in`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// A view that may be a `$ref` to the object it stands for.
pub trait Referable<'a>: Sized {
    /// The object as written here: a `$ref` until it is followed.
    fn node(&self) -> &'a Node;

    /// Where it is written (where errors about it, or what it refers to, are reported).
    fn ptr(&self) -> &Pointer;

    /// The same view reading `target` (what its `$ref` chain leads to), still at its own pointer.
    fn with_target(self, target: &'a Node) -> Self;
}

impl Document {
    /// `#/paths`: each path and its item, in document order; none when absent. Anything but an
    /// object is an error.
    pub fn paths(&self) -> Result<Vec<(&str, PathItem<'_>)>> {
        self.path_items("paths", "paths")
    }

    /// `#/webhooks` (OpenAPI 3.1): each webhook's name and its path item, in document order;
    /// none when absent. Anything but an object is an error.
    pub fn webhooks(&self) -> Result<Vec<(&str, PathItem<'_>)>> {
        self.path_items("webhooks", "webhooks")
    }

    /// The path items of the root object under `key`; `what` names them in the error.
    fn path_items(&self, key: &str, what: &str) -> Result<Vec<(&str, PathItem<'_>)>> {
        let base = Pointer::root().join(key);
        match self.root.get(key) {
            None => Ok(Vec::new()),
            Some(Node::Object(items)) => {
                Ok(items.iter().map(|(name, node)| (name.as_str(), PathItem { node, ptr: base.join(name) })).collect())
            }
            Some(other) => {
                Err(Error::at(base.as_str(), format!("expected an object of {what}, found {}", other.kind_name())))
            }
        }
    }
}

/// The parameters listed under `parameters` of `node`, at their pointers; none when that is not
/// an array.
fn parameter_list<'a>(node: &'a Node, ptr: &Pointer) -> Vec<ParameterView<'a>> {
    let base = ptr.join("parameters");
    let list = node.get("parameters").and_then(Node::as_array).unwrap_or(&[]);
    list.iter().enumerate().map(|(i, node)| ParameterView { node, ptr: base.index(i) }).collect()
}

/// The media types under `content` of `node`, at their pointers; not an object is an error.
fn content_of<'a>(node: &'a Node, ptr: &Pointer) -> Result<Option<Vec<MediaTypeView<'a>>>> {
    let base = ptr.join("content");
    match node.get("content") {
        None => Ok(None),
        Some(Node::Object(content)) => Ok(Some(
            content
                .iter()
                .map(|(media_type, node)| MediaTypeView { media_type, node, ptr: base.join(media_type) })
                .collect(),
        )),
        Some(other) => {
            Err(Error::at(base.as_str(), format!("expected an object of media types, found {}", other.kind_name())))
        }
    }
}

/// A path item (of `paths` or `webhooks`) and where it is.
#[derive(Clone, Debug)]
pub struct PathItem<'a> {
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> PathItem<'a> {
    pub fn ptr(&self) -> &Pointer {
        &self.ptr
    }

    /// Its operations, in the order of [`Method::ALL`]. Whatever is under a method's key is read
    /// as an operation; an item that is not an object has none.
    pub fn operations(&self) -> impl Iterator<Item = OperationView<'a>> + '_ {
        Method::ALL.into_iter().filter_map(|method| {
            let node = self.node.get(method.as_str())?;
            Some(OperationView { method, node, ptr: self.ptr.join(method.as_str()) })
        })
    }

    /// `parameters` shared by its operations; none when it is not an array.
    pub fn parameters(&self) -> Vec<ParameterView<'a>> {
        parameter_list(self.node, &self.ptr)
    }
}

/// An operation object, its method and where it is.
#[derive(Clone, Debug)]
pub struct OperationView<'a> {
    method: Method,
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> OperationView<'a> {
    pub fn method(&self) -> Method {
        self.method
    }

    pub fn ptr(&self) -> &Pointer {
        &self.ptr
    }

    /// `operationId`, when it is a string.
    pub fn operation_id(&self) -> Option<&'a str> {
        self.node.get_str("operationId")
    }

    /// `summary`, when it is a string.
    pub fn summary(&self) -> Option<&'a str> {
        self.node.get_str("summary")
    }

    /// `description`, when it is a string.
    pub fn description(&self) -> Option<&'a str> {
        self.node.get_str("description")
    }

    /// `x-sdk-method` (a dotted SDK method path), when it is a string.
    pub fn sdk_method(&self) -> Option<&'a str> {
        self.node.get_str("x-sdk-method")
    }

    /// The operation's own `parameters`; none when it is not an array.
    pub fn parameters(&self) -> Vec<ParameterView<'a>> {
        parameter_list(self.node, &self.ptr)
    }

    /// `requestBody`, whatever its value (it may be a `$ref`).
    pub fn request_body(&self) -> Option<RequestBodyView<'a>> {
        let node = self.node.get("requestBody")?;
        Some(RequestBodyView { node, ptr: self.ptr.join("requestBody") })
    }

    /// `responses`, each under its status (`200`, `default`) in document order; none when it is
    /// not an object.
    pub fn responses(&self) -> Vec<ResponseView<'a>> {
        let base = self.ptr.join("responses");
        let responses = self.node.get("responses").and_then(Node::as_object).unwrap_or(&[]);
        responses.iter().map(|(status, node)| ResponseView { status, node, ptr: base.join(status) }).collect()
    }
}

/// A parameter object (or a `$ref` to one) and where it is.
#[derive(Clone, Debug)]
pub struct ParameterView<'a> {
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> ParameterView<'a> {
    /// `name`; absent or not a string is an error at the parameter.
    pub fn name(&self) -> Result<&'a str> {
        self.node.get_str("name").ok_or_else(|| Error::at(self.ptr.as_str(), "parameter has no `name`"))
    }

    /// `in`. Absent, or anything but the four locations, reads as `query`.
    pub fn location(&self) -> ParamLocation {
        match self.node.get_str("in") {
            Some("path") => ParamLocation::Path,
            Some("header") => ParamLocation::Header,
            Some("cookie") => ParamLocation::Cookie,
            _ => ParamLocation::Query,
        }
    }

    /// `required: true`.
    pub fn required(&self) -> bool {
        self.node.flag("required")
    }

    /// `schema`, whatever its value (lowering it checks that it is a schema).
    pub fn schema(&self) -> Option<Schema<'a>> {
        self.node.get("schema").map(|node| Schema::new(node, self.ptr.join("schema")))
    }
}

/// A request body object (or a `$ref` to one) and where it is.
#[derive(Clone, Debug)]
pub struct RequestBodyView<'a> {
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> RequestBodyView<'a> {
    /// `content`: each media type it is offered in, in document order. Not an object is an error.
    pub fn content(&self) -> Result<Option<Vec<MediaTypeView<'a>>>> {
        content_of(self.node, &self.ptr)
    }
}

/// A response object (or a `$ref` to one), its status and where it is.
#[derive(Clone, Debug)]
pub struct ResponseView<'a> {
    status: &'a str,
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> ResponseView<'a> {
    /// The status it answers (`200`, `2XX`, `default`).
    pub fn status(&self) -> &'a str {
        self.status
    }

    /// `content`: each media type it is sent in, in document order. Not an object is an error.
    pub fn content(&self) -> Result<Option<Vec<MediaTypeView<'a>>>> {
        content_of(self.node, &self.ptr)
    }
}

/// One entry of a `content` object: a media type, its media type object and where it is.
#[derive(Clone, Debug)]
pub struct MediaTypeView<'a> {
    media_type: &'a str,
    node: &'a Node,
    ptr: Pointer,
}

impl<'a> MediaTypeView<'a> {
    /// The media type (`application/json`).
    pub fn media_type(&self) -> &'a str {
        self.media_type
    }

    pub fn ptr(&self) -> &Pointer {
        &self.ptr
    }

    /// `schema`, whatever its value (lowering it checks that it is a schema).
    pub fn schema(&self) -> Option<Schema<'a>> {
        self.node.get("schema").map(|node| Schema::new(node, self.ptr.join("schema")))
    }

    /// `encoding`: each property it names and that property's `contentType` (when a string), in
    /// document order; none when it is not an object.
    pub fn encoding_content_types(&self) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
        let encoding = self.node.get("encoding").and_then(Node::as_object).unwrap_or(&[]);
        encoding.iter().map(|(property, encoding)| (property.as_str(), encoding.get_str("contentType")))
    }
}

macro_rules! referable {
    ($($view:ident),*) => {$(
        impl<'a> Referable<'a> for $view<'a> {
            fn node(&self) -> &'a Node {
                self.node
            }

            fn ptr(&self) -> &Pointer {
                &self.ptr
            }

            fn with_target(self, target: &'a Node) -> Self {
                $view { node: target, ..self }
            }
        }
    )*};
}

referable!(ParameterView, RequestBodyView, ResponseView);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::spec::{OrAbsent, TypeName};

    fn document(text: &str) -> Document {
        crate::spec::parse(text).expect("test spec parses")
    }

    fn error_at(result: Result<impl std::fmt::Debug>) -> (String, String) {
        match result {
            Err(Error { location: Location::Pointer(ptr), message, .. }) => (ptr, message),
            other => panic!("expected an error at a pointer, got {other:?}"),
        }
    }

    fn media_types(content: &[MediaTypeView<'_>]) -> Vec<(String, String)> {
        content.iter().map(|m| (m.media_type().to_owned(), m.ptr().to_string())).collect()
    }

    const SPEC: &str = r##"{
        "paths": {
            "/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "summary": "not an operation",
                "post": {
                    "operationId": "createThing",
                    "summary": "Creates.",
                    "description": "Creates a thing.",
                    "x-sdk-method": "things.create",
                    "parameters": [
                        {"name": "limit", "in": "query", "required": true},
                        {"name": "h", "in": "header"},
                        {"name": "c", "in": "cookie"},
                        {"name": "odd", "in": "body", "required": "yes"},
                        {"$ref": "#/components/parameters/P"}
                    ],
                    "requestBody": {"content": {
                        "application/json": {"schema": {"type": "object"}},
                        "multipart/form-data": {"encoding": {"meta": {"contentType": "application/json"},
                                                             "file": {"contentType": 1}, "x": 2}}
                    }},
                    "responses": {"200": {"content": {"text/event-stream": {}}}, "default": {"$ref": "#/R"}}
                },
                "get": {}
            },
            "/plain": 3
        },
        "webhooks": {"hook.one": {"put": {"requestBody": {"$ref": "#/B"}}}},
        "components": {"parameters": {"P": {"name": "p", "in": "query"}}}
    }"##;

    #[test]
    fn paths_and_operations_in_order_at_their_pointers() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let names: Vec<&str> = paths.iter().map(|(path, _)| *path).collect();
        assert_eq!(names, ["/things/{id}", "/plain"]);
        let item = &paths[0].1;
        assert_eq!(item.ptr().as_str(), "#/paths/~1things~1{id}");
        // Methods in generation order, not document order; other keys are not operations.
        let operations: Vec<_> = item.operations().map(|o| (o.method(), o.ptr().to_string())).collect();
        assert_eq!(
            operations,
            [(Method::Get, "#/paths/~1things~1{id}/get".into()), (Method::Post, "#/paths/~1things~1{id}/post".into())]
        );
        assert_eq!(
            Method::ALL.map(Method::as_str),
            ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        );
        // An item that is not an object has no operations and no parameters.
        assert_eq!((paths[1].1.operations().count(), paths[1].1.parameters().len()), (0, 0));

        let shared = item.parameters();
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].ptr().as_str(), "#/paths/~1things~1{id}/parameters/0");
    }

    #[test]
    fn operation_fields() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let post = paths[0].1.operations().find(|o| o.method() == Method::Post).expect("a post");
        assert_eq!(post.operation_id(), Some("createThing"));
        assert_eq!((post.summary(), post.description()), (Some("Creates."), Some("Creates a thing.")));
        assert_eq!(post.sdk_method(), Some("things.create"));
        let get = paths[0].1.operations().next().expect("a get");
        assert_eq!((get.operation_id(), get.summary(), get.sdk_method()), (None, None, None));
        assert!(get.request_body().is_none() && get.responses().is_empty() && get.parameters().is_empty());
    }

    #[test]
    fn parameters_read_name_location_required_and_schema() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let shared = &paths[0].1.parameters()[0];
        assert_eq!(
            (shared.name().ok(), shared.location(), shared.required()),
            (Some("id"), ParamLocation::Path, false)
        );
        let schema = shared.schema().expect("a schema");
        assert_eq!(schema.ptr().as_str(), "#/paths/~1things~1{id}/parameters/0/schema");
        assert_eq!(schema.single_type(), Some(TypeName::String));

        let post = paths[0].1.operations().find(|o| o.method() == Method::Post).expect("a post");
        let params = post.parameters();
        let read: Vec<_> = params.iter().map(|p| (p.name().ok(), p.location(), p.required())).collect();
        assert_eq!(
            read,
            [
                (Some("limit"), ParamLocation::Query, true),
                (Some("h"), ParamLocation::Header, false),
                (Some("c"), ParamLocation::Cookie, false),
                // An unknown location reads as the query; a `required` that is not `true` as false.
                (Some("odd"), ParamLocation::Query, false),
                (None, ParamLocation::Query, false),
            ]
        );
        assert!(params[0].schema().is_none());
        assert_eq!(params[4].ptr().as_str(), "#/paths/~1things~1{id}/post/parameters/4");
    }

    #[test]
    fn a_followed_reference_is_read_at_the_pointer_that_refers() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let post = paths[0].1.operations().find(|o| o.method() == Method::Post).expect("a post");
        let reference = post.parameters().pop().expect("five parameters");
        assert!(reference.node().get("$ref").is_some());
        let target = doc.resolve("#/components/parameters/P").expect("resolves");
        let resolved = reference.with_target(target);
        assert_eq!(resolved.name().ok(), Some("p"));
        assert_eq!(resolved.ptr().as_str(), "#/paths/~1things~1{id}/post/parameters/4");
    }

    #[test]
    fn request_bodies_and_media_types() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let post = paths[0].1.operations().find(|o| o.method() == Method::Post).expect("a post");
        let body = post.request_body().expect("a body");
        assert_eq!(body.ptr().as_str(), "#/paths/~1things~1{id}/post/requestBody");
        let content = body.content().expect("an object").expect("present");
        let base = "#/paths/~1things~1{id}/post/requestBody/content";
        assert_eq!(
            media_types(&content),
            [
                ("application/json".into(), format!("{base}/application~1json")),
                ("multipart/form-data".into(), format!("{base}/multipart~1form-data")),
            ]
        );
        let schema = content[0].schema().expect("a schema");
        assert_eq!(schema.ptr().as_str(), format!("{base}/application~1json/schema"));
        assert!(content[1].schema().is_none());
        let encoding: Vec<_> = content[1].encoding_content_types().collect();
        assert_eq!(encoding, [("meta", Some("application/json")), ("file", None), ("x", None)]);
        assert_eq!(content[0].encoding_content_types().count(), 0);
    }

    #[test]
    fn responses_by_status() {
        let doc = document(SPEC);
        let paths = doc.paths().expect("an object");
        let post = paths[0].1.operations().find(|o| o.method() == Method::Post).expect("a post");
        let responses = post.responses();
        let statuses: Vec<_> = responses.iter().map(|r| (r.status(), r.ptr().to_string())).collect();
        let base = "#/paths/~1things~1{id}/post/responses";
        assert_eq!(statuses, [("200", format!("{base}/200")), ("default", format!("{base}/default"))]);
        let content = responses[0].content().expect("an object").expect("present");
        assert_eq!(
            media_types(&content),
            [("text/event-stream".into(), format!("{base}/200/content/text~1event-stream"))]
        );
        assert!(responses[1].content().expect("absent is fine").is_none());
    }

    #[test]
    fn webhooks_are_path_items() {
        let doc = document(SPEC);
        let webhooks = doc.webhooks().expect("an object");
        assert_eq!(webhooks.len(), 1);
        let (name, item) = &webhooks[0];
        assert_eq!((*name, item.ptr().as_str()), ("hook.one", "#/webhooks/hook.one"));
        let put = item.operations().next().expect("a put");
        assert_eq!(put.method(), Method::Put);
        assert_eq!(
            put.request_body().map(|b| b.ptr().to_string()).as_deref(),
            Some("#/webhooks/hook.one/put/requestBody")
        );
        // Absent lists are empty.
        let doc = document("{}");
        assert!(doc.paths().expect("absent").is_empty() && doc.webhooks().expect("absent").is_empty());
    }

    #[test]
    fn wrong_typed_fields_are_errors_naming_their_pointer() {
        let doc = document(r#"{"paths": [1], "webhooks": 1}"#);
        assert_eq!(error_at(doc.paths()), ("#/paths".into(), "expected an object of paths, found an array".into()));
        assert_eq!(
            error_at(doc.webhooks()),
            ("#/webhooks".into(), "expected an object of webhooks, found a number".into())
        );

        let doc = document(
            r#"{"paths": {"/x": {"post": {
                "parameters": [{"in": "query"}, {"name": 3}],
                "requestBody": {"content": []},
                "responses": {"200": {"content": "text"}}}}}}"#,
        );
        let paths = doc.paths().expect("an object");
        let post = paths[0].1.operations().next().expect("a post");
        let params = post.parameters();
        let no_name = "parameter has no `name`".to_owned();
        assert_eq!(error_at(params[0].name()), ("#/paths/~1x/post/parameters/0".into(), no_name.clone()));
        assert_eq!(error_at(params[1].name()), ("#/paths/~1x/post/parameters/1".into(), no_name));
        let body = post.request_body().expect("a body");
        assert_eq!(
            error_at(body.content()),
            ("#/paths/~1x/post/requestBody/content".into(), "expected an object of media types, found an array".into())
        );
        // Lowering ignores a response's wrong-typed content: read as absent.
        let response = &post.responses()[0];
        assert_eq!(error_at(response.content()).0, "#/paths/~1x/post/responses/200/content");
        assert!(response.content().or_absent().is_none());
    }

    #[test]
    fn wrong_typed_lists_read_as_none() {
        let doc = document(r#"{"paths": {"/x": {"parameters": {}, "get": {"parameters": 1, "responses": []}}}}"#);
        let paths = doc.paths().expect("an object");
        let item = &paths[0].1;
        let get = item.operations().next().expect("a get");
        assert_eq!((item.parameters().len(), get.parameters().len(), get.responses().len()), (0, 0, 0));
    }
}
