//! Lowering of the spec's paths: one [`Operation`] per method of each path item and body format,
//! with its parameters, its request body and its successful response.
//!
//! Every operation gets a wrapper. A request body is JSON, a multipart form (file uploads) or
//! raw bytes under its media type; an operation that offers several formats gets one wrapper per
//! format (the first offered in the order JSON, multipart, raw keeps the plain names, the others
//! a suffix: `create_multipart`). A response is JSON of its type, or the bytes as they come when
//! it is not JSON, has no content, or is described as a bare string (the API sends file contents
//! under such a schema).

use super::{description, Lowerer};
use crate::error::{Error, Result};
use crate::model::{BodyFormat, Operation, Param, ParamKind, PathSegment, RequestBody, ResponseBody, Ty, TypeKind};
use crate::naming::{self, UniqueNames};
use crate::spec::{Node, Pointer};

/// The HTTP methods a path item may hold, in the order operations are generated.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// One body format an operation offers: its media type and the schema under it.
struct OfferedBody<'d> {
    media_type: &'d str,
    /// The media type object (its `schema` and `encoding`).
    media: &'d Node,
    format: BodyFormat,
}

/// What an operation is, before it is split by body format.
struct OperationSpec<'d> {
    id: String,
    ptr: Pointer,
    node: &'d Node,
}

impl<'d> Lowerer<'d> {
    pub(super) fn lower_operations(&mut self) -> Result<()> {
        let paths = match self.doc.root.get("paths") {
            None => return Ok(()),
            Some(Node::Object(paths)) => paths,
            Some(other) => {
                return Err(Error::at("#/paths", format!("expected an object of paths, found {}", other.kind_name())))
            }
        };
        let mut op_names = UniqueNames::default();
        for (path, item) in paths {
            let item_ptr = Pointer::root().join("paths").join(path);
            for method in METHODS {
                let Some(node) = item.get(method) else { continue };
                let id = node.get_str("operationId").map(str::to_owned).unwrap_or_else(|| format!("{method} {path}"));
                let spec = OperationSpec { id, ptr: item_ptr.join(method), node };
                let type_base = naming::type_name(&spec.id);
                // The first format keeps the plain names; the others say which format they take.
                let mut bodies: Vec<(Option<RequestBody>, Option<String>)> = Vec::new();
                for (index, offer) in self.offered_bodies(&spec)?.iter().enumerate() {
                    let suffix = (index > 0).then(|| offer.format.suffix());
                    let name = format!("{type_base}{}", suffix.as_deref().map(naming::type_name).unwrap_or_default());
                    bodies.push((Some(self.request_body(&spec, offer, &name)?), suffix));
                }
                if bodies.is_empty() {
                    bodies.push((None, None));
                }
                let response = self.success_response(&spec, &type_base)?;
                let events = self.stream_events(&spec, &type_base)?;
                let params = self.parameters(&spec, item, &item_ptr, &type_base)?;
                let path_params: Vec<Param> = of_kind(&params, ParamKind::Path);
                let path_template = parse_path_template(path, &path_params, &item_ptr)?;
                for (body, suffix) in bodies {
                    let type_base =
                        format!("{type_base}{}", suffix.as_deref().map(naming::type_name).unwrap_or_default());
                    let plain_ident = naming::field_name(&spec.id);
                    let plain_ident = plain_ident.trim_start_matches("r#");
                    let ident = match &suffix {
                        Some(suffix) => op_names.claim(&format!("{plain_ident}_{suffix}")),
                        None => op_names.claim(plain_ident),
                    };
                    let request_type = self.request_type_name(&params, body.as_ref(), &type_base);
                    let mut sdk_method: Vec<String> = match spec.node.get_str("x-sdk-method") {
                        Some(dotted) => dotted.split('.').map(naming::field_name).collect(),
                        None => vec![plain_ident.to_owned()],
                    };
                    if let (Some(suffix), Some(last)) = (&suffix, sdk_method.last_mut()) {
                        *last = format!("{}_{suffix}", last.trim_start_matches("r#"));
                    }
                    self.operations.push(Operation {
                        id: spec.id.clone(),
                        request_type,
                        sdk_method,
                        ident,
                        method: method.to_uppercase(),
                        path: path.clone(),
                        path_template: path_template.clone(),
                        doc: spec
                            .node
                            .get_str("summary")
                            .or_else(|| spec.node.get_str("description"))
                            .map(str::to_owned),
                        body,
                        response: response.clone(),
                        events: events.clone(),
                        path_params: path_params.clone(),
                        query_params: of_kind(&params, ParamKind::Query),
                        header_params: of_kind(&params, ParamKind::Header),
                    });
                }
            }
        }
        Ok(())
    }

    /// The path item's parameters and the operation's own (which replace the path item's of the
    /// same name and place). Cookies are left out: an API client has none to set.
    fn parameters(
        &mut self,
        spec: &OperationSpec<'d>,
        item: &'d Node,
        item_ptr: &Pointer,
        type_base: &str,
    ) -> Result<Vec<(ParamKind, Param)>> {
        let mut params: Vec<(ParamKind, Param)> = Vec::new();
        let lists = [
            (item.get("parameters"), item_ptr.join("parameters")),
            (spec.node.get("parameters"), spec.ptr.join("parameters")),
        ];
        for (list, list_ptr) in lists {
            for (i, p) in list.and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
                let p_ptr = list_ptr.index(i);
                let p = self.deref(p, &p_ptr)?;
                let wire =
                    p.get_str("name").ok_or_else(|| Error::at(p_ptr.as_str(), "parameter has no `name`"))?.to_owned();
                let kind = match p.get_str("in").unwrap_or("query") {
                    "path" => ParamKind::Path,
                    "header" => ParamKind::Header,
                    "cookie" => continue,
                    _ => ParamKind::Query,
                };
                let ty = match p.get("schema") {
                    Some(s) => {
                        let name = format!("{type_base}{}", naming::type_name(&wire));
                        self.use_schema_typed(s, &p_ptr.join("schema"), &name)?.0
                    }
                    None => Ty::String,
                };
                let param = Param {
                    ident: naming::field_name(&wire),
                    wire,
                    ty,
                    required: p.flag("required") || kind == ParamKind::Path,
                    doc: description(p),
                };
                params.retain(|(k, q)| !(*k == kind && q.wire == param.wire));
                params.push((kind, param));
            }
        }
        Ok(params)
    }

    /// The body formats the operation offers, at most one of each, in the order JSON,
    /// multipart, raw.
    fn offered_bodies(&self, spec: &OperationSpec<'d>) -> Result<Vec<OfferedBody<'d>>> {
        let Some(body) = spec.node.get("requestBody") else { return Ok(Vec::new()) };
        let body_ptr = spec.ptr.join("requestBody");
        let body = self.deref(body, &body_ptr)?;
        let content = match body.get("content") {
            None => return Ok(Vec::new()),
            Some(Node::Object(content)) => content,
            Some(other) => {
                return Err(Error::at(
                    body_ptr.join("content").as_str(),
                    format!("expected an object of media types, found {}", other.kind_name()),
                ))
            }
        };
        let mut offered: Vec<OfferedBody<'d>> = Vec::new();
        for (media_type, media) in content {
            let format = if is_json(media_type) {
                BodyFormat::Json
            } else if media_type == "multipart/form-data" {
                BodyFormat::Multipart { json_fields: json_encoded_fields(media) }
            } else {
                BodyFormat::Raw { media_type: media_type.clone() }
            };
            // One wrapper per format; raw bodies, one per media type.
            if !offered.iter().any(|o| o.format == format) {
                offered.push(OfferedBody { media_type, media, format });
            }
        }
        offered.sort_by_key(|o| match o.format {
            BodyFormat::Json => 0,
            BodyFormat::Multipart { .. } => 1,
            BodyFormat::Raw { .. } => 2,
        });
        Ok(offered)
    }

    /// The type of one offered body. A raw body without a schema is bytes.
    fn request_body(
        &mut self,
        spec: &OperationSpec<'d>,
        offer: &OfferedBody<'d>,
        type_base: &str,
    ) -> Result<RequestBody> {
        let at = spec.ptr.join("requestBody").join("content").join(offer.media_type).join("schema");
        let ty = match (offer.media.get("schema"), &offer.format) {
            (Some(schema), _) => self.use_schema_typed(schema, &at, &format!("{type_base}Body"))?.0,
            (None, BodyFormat::Raw { .. }) => Ty::File,
            (None, _) => Ty::Any,
        };
        Ok(RequestBody { ty, format: offer.format.clone() })
    }

    /// The first successful response: JSON of its type, or bytes.
    fn success_response(&mut self, spec: &OperationSpec<'d>, type_base: &str) -> Result<ResponseBody> {
        let Some(responses) = spec.node.get("responses").and_then(Node::as_object) else {
            return Ok(ResponseBody::AnyJson);
        };
        let successes = || responses.iter().filter(|(status, _)| status.starts_with('2'));
        let has_json = |response: &&(String, Node)| {
            self.deref(&response.1, &spec.ptr)
                .ok()
                .and_then(|r| r.get("content"))
                .and_then(Node::as_object)
                .is_some_and(|content| content.iter().any(|(media_type, _)| is_json(media_type)))
        };
        // The first success that is JSON, else the first success.
        let Some((status, response)) = successes().find(has_json).or_else(|| successes().next()) else {
            return Ok(ResponseBody::AnyJson);
        };
        let response_ptr = spec.ptr.join("responses").join(status);
        let response = self.deref(response, &response_ptr)?;
        let content = response.get("content").and_then(Node::as_object).unwrap_or(&[]);
        let Some((media_type, media)) = content.iter().find(|(media_type, _)| is_json(media_type)) else {
            // No JSON: audio, a file, an SDP answer, an event stream, or nothing at all.
            return Ok(ResponseBody::Bytes);
        };
        let Some(schema) = media.get("schema") else { return Ok(ResponseBody::AnyJson) };
        if self.is_bare_string(schema, &response_ptr)? {
            return Ok(ResponseBody::Bytes);
        }
        let at = response_ptr.join("content").join(media_type).join("schema");
        Ok(ResponseBody::Json(self.use_schema_typed(schema, &at, &format!("{type_base}Response"))?.0))
    }

    /// The events of a successful `text/event-stream` response: no wrapper reads the stream yet,
    /// but its event types belong to the operation's area.
    fn stream_events(&mut self, spec: &OperationSpec<'d>, type_base: &str) -> Result<Option<Ty>> {
        let Some(responses) = spec.node.get("responses").and_then(Node::as_object) else { return Ok(None) };
        for (status, response) in responses.iter().filter(|(status, _)| status.starts_with('2')) {
            let response_ptr = spec.ptr.join("responses").join(status);
            let response = self.deref(response, &response_ptr)?;
            let schema = response.get("content").and_then(|c| c.get("text/event-stream")).and_then(|m| m.get("schema"));
            if let Some(schema) = schema {
                let at = response_ptr.join("content").join("text/event-stream").join("schema");
                return Ok(Some(self.use_schema_typed(schema, &at, &format!("{type_base}Event"))?.0));
            }
        }
        Ok(None)
    }

    /// The payloads of the spec's `webhooks` (OpenAPI 3.1): each webhook's JSON request body.
    pub(super) fn lower_webhooks(&mut self) -> Result<()> {
        let webhooks = match self.doc.root.get("webhooks") {
            None => return Ok(()),
            Some(Node::Object(webhooks)) => webhooks,
            Some(other) => {
                return Err(Error::at(
                    "#/webhooks",
                    format!("expected an object of webhooks, found {}", other.kind_name()),
                ))
            }
        };
        for (name, item) in webhooks {
            let item_ptr = Pointer::root().join("webhooks").join(name);
            for method in METHODS {
                let Some(node) = item.get(method) else { continue };
                let ptr = item_ptr.join(method);
                let Some(body) = node.get("requestBody") else { continue };
                let body = self.deref(body, &ptr.join("requestBody"))?;
                let content = body.get("content").and_then(Node::as_object).unwrap_or(&[]);
                let Some((media_type, media)) = content.iter().find(|(media_type, _)| is_json(media_type)) else {
                    continue;
                };
                let Some(schema) = media.get("schema") else { continue };
                let at = ptr.join("requestBody").join("content").join(media_type).join("schema");
                let type_name = format!("{}Webhook", naming::type_name(name));
                let ty = self.use_schema_typed(schema, &at, &type_name)?.0;
                self.webhooks.push((name.clone(), ty));
            }
        }
        Ok(())
    }

    /// Whether a response schema is a string with nothing to tell it from any other: the API's
    /// own "JSON" string responses are raw file contents, never a quoted JSON string.
    fn is_bare_string(&self, schema: &'d Node, ptr: &Pointer) -> Result<bool> {
        let schema = self.deref(schema, ptr)?;
        Ok(schema.get_str("type") == Some("string")
            && schema.get("enum").is_none()
            && schema.get("const").is_none()
            && schema.get("format").is_none_or(|format| format.as_str() == Some("binary")))
    }

    /// The name of the request type, when the body type cannot be the request itself: the
    /// operation has parameters, the body is not a struct, or another operation already takes
    /// the same struct.
    fn request_type_name(
        &mut self,
        params: &[(ParamKind, Param)],
        body: Option<&RequestBody>,
        type_base: &str,
    ) -> Option<String> {
        let struct_body = match body.map(|b| &b.ty) {
            Some(Ty::Named { id, .. }) => {
                matches!(self.types.get(id.0).and_then(Option::as_ref).map(|d| &d.kind), Some(TypeKind::Struct(_)))
                    .then_some(*id)
            }
            _ => None,
        };
        let body_is_request = match struct_body {
            Some(id) => self.direct_bodies.insert(id) && params.is_empty(),
            None => false,
        };
        (!body_is_request).then(|| self.names.claim(&format!("{type_base}Request")))
    }
}

fn of_kind(params: &[(ParamKind, Param)], kind: ParamKind) -> Vec<Param> {
    params.iter().filter(|(k, _)| *k == kind).map(|(_, p)| p.clone()).collect()
}

/// `application/json` and the `+json` media types.
fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

/// The fields of a multipart body that its `encoding` sends as JSON parts.
fn json_encoded_fields(media: &Node) -> Vec<String> {
    let encoding = media.get("encoding").and_then(Node::as_object).unwrap_or(&[]);
    encoding
        .iter()
        .filter(|(_, field)| field.get_str("contentType").is_some_and(is_json))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Parses an operation's path once: literal text, and `{name}` placeholders matched to the path
/// parameters. A placeholder no parameter declares, or an unclosed `{`, would send requests to
/// a path with the braces in it: an error naming the path.
fn parse_path_template(path: &str, params: &[Param], at: &Pointer) -> Result<Vec<PathSegment>> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(Error::at(at.as_str(), format!("the path `{path}` has a `{{` that is not closed")));
        };
        if start > 0 {
            segments.push(PathSegment::Literal(rest[..start].to_owned()));
        }
        let name = &rest[start + 1..start + len];
        let index = params.iter().position(|p| p.wire == name).ok_or_else(|| {
            Error::at(
                at.as_str(),
                format!("the path `{path}` has `{{{name}}}`, but no path parameter `{name}` is declared"),
            )
        })?;
        segments.push(PathSegment::Param(index));
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    Ok(segments)
}
