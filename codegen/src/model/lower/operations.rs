//! Lowering of the spec's paths: one [`Operation`] per method of each path item and body format,
//! with its parameters, its request body and its successful response.
//!
//! Every operation gets a wrapper. A request body is JSON, a multipart form (file uploads) or
//! raw bytes under its media type; an operation that offers several formats gets one wrapper per
//! format (the first offered in the order JSON, multipart, raw keeps the plain names, the others
//! a suffix: `create_multipart`). A response is JSON of its type, or the bytes as they come when
//! it is not JSON, has no content, or is described as a bare string (the API sends file contents
//! under such a schema).

use super::Lowerer;
use crate::error::{Error, Result};
use crate::model::{BodyFormat, Operation, Param, ParamKind, PathSegment, RequestBody, ResponseBody, Ty, TypeKind};
use crate::naming::{self, UniqueNames};
use crate::spec::description_of;
use crate::spec::{
    MediaTypeView, OperationView, OrAbsent, ParamLocation, PathItem, Pointer, Referable, ResponseView, Schema, TypeName,
};

/// One body format an operation offers: its media type object (its `schema` and `encoding`) and
/// the format it is sent in.
struct OfferedBody<'d> {
    media: MediaTypeView<'d>,
    format: BodyFormat,
}

/// What an operation is, before it is split by body format.
struct OperationSpec<'d> {
    id: String,
    view: OperationView<'d>,
}

impl<'d> Lowerer<'d> {
    pub(super) fn lower_operations(&mut self) -> Result<()> {
        let mut op_names = UniqueNames::default();
        for (path, item) in self.doc.paths()? {
            for view in item.operations() {
                let method = view.method().as_str();
                let id = view.operation_id().map(str::to_owned).unwrap_or_else(|| format!("{method} {path}"));
                let spec = OperationSpec { id, view };
                let type_base = naming::type_name(&spec.id);
                // The first format keeps the plain names; the others say which format they take.
                let mut bodies: Vec<(Option<RequestBody>, Option<String>)> = Vec::new();
                for (index, offer) in self.offered_bodies(&spec)?.iter().enumerate() {
                    let suffix = (index > 0).then(|| offer.format.suffix());
                    let name = format!("{type_base}{}", suffix.as_deref().map(naming::type_name).unwrap_or_default());
                    bodies.push((Some(self.request_body(offer, &name)?), suffix));
                }
                if bodies.is_empty() {
                    bodies.push((None, None));
                }
                let response = self.success_response(&spec, &type_base)?;
                let events = self.stream_events(&spec, &type_base)?;
                let params = self.parameters(&spec, &item, &type_base)?;
                let path_params: Vec<Param> = of_kind(&params, ParamKind::Path);
                let path_template = parse_path_template(path, &path_params, item.ptr())?;
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
                    let mut sdk_method: Vec<String> = match spec.view.sdk_method() {
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
                        path: path.to_owned(),
                        path_template: path_template.clone(),
                        doc: spec.view.summary().or_else(|| spec.view.description()).map(str::to_owned),
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

    /// `view` reading what its `$ref` chain leads to, still at its own pointer.
    fn resolve<V: Referable<'d>>(&self, view: V) -> Result<V> {
        let target = self.deref(view.node(), view.ptr())?;
        Ok(view.with_target(target))
    }

    /// The path item's parameters and the operation's own (which replace the path item's of the
    /// same name and place). Cookies are left out: an API client has none to set.
    fn parameters(
        &mut self,
        spec: &OperationSpec<'d>,
        item: &PathItem<'d>,
        type_base: &str,
    ) -> Result<Vec<(ParamKind, Param)>> {
        let mut params: Vec<(ParamKind, Param)> = Vec::new();
        for parameter in item.parameters().into_iter().chain(spec.view.parameters()) {
            let parameter = self.resolve(parameter)?;
            let wire = parameter.name()?.to_owned();
            let kind = match parameter.location() {
                ParamLocation::Path => ParamKind::Path,
                ParamLocation::Header => ParamKind::Header,
                ParamLocation::Cookie => continue,
                ParamLocation::Query => ParamKind::Query,
            };
            let ty = match parameter.schema() {
                Some(schema) => {
                    let name = format!("{type_base}{}", naming::type_name(&wire));
                    self.use_typed(&schema, &name)?.0
                }
                None => Ty::String,
            };
            let param = Param {
                ident: naming::field_name(&wire),
                wire,
                ty,
                required: parameter.required() || kind == ParamKind::Path,
                doc: description_of(parameter.node()),
            };
            params.retain(|(k, q)| !(*k == kind && q.wire == param.wire));
            params.push((kind, param));
        }
        Ok(params)
    }

    /// The body formats the operation offers, at most one of each, in the order JSON,
    /// multipart, raw.
    fn offered_bodies(&self, spec: &OperationSpec<'d>) -> Result<Vec<OfferedBody<'d>>> {
        let Some(body) = spec.view.request_body() else { return Ok(Vec::new()) };
        let body = self.resolve(body)?;
        let mut offered: Vec<OfferedBody<'d>> = Vec::new();
        for media in body.content()?.unwrap_or_default() {
            let media_type = media.media_type();
            let format = if is_json(media_type) {
                BodyFormat::Json
            } else if media_type == "multipart/form-data" {
                BodyFormat::Multipart { json_fields: json_encoded_fields(&media) }
            } else {
                BodyFormat::Raw { media_type: media_type.to_owned() }
            };
            // One wrapper per format; raw bodies, one per media type.
            if !offered.iter().any(|o| o.format == format) {
                offered.push(OfferedBody { media, format });
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
    fn request_body(&mut self, offer: &OfferedBody<'d>, type_base: &str) -> Result<RequestBody> {
        let ty = match (offer.media.schema(), &offer.format) {
            (Some(schema), _) => self.use_typed(&schema, &format!("{type_base}Body"))?.0,
            (None, BodyFormat::Raw { .. }) => Ty::File,
            (None, _) => Ty::Any,
        };
        Ok(RequestBody { ty, format: offer.format.clone() })
    }

    /// The first successful response: JSON of its type, or bytes.
    fn success_response(&mut self, spec: &OperationSpec<'d>, type_base: &str) -> Result<ResponseBody> {
        let responses = spec.view.responses();
        let successes = || responses.iter().filter(|response| response.status().starts_with('2'));
        let has_json = |response: &&ResponseView<'d>| {
            self.resolve((*response).clone())
                .ok()
                .and_then(|r| r.content().or_absent())
                .is_some_and(|content| content.iter().any(|media| is_json(media.media_type())))
        };
        // The first success that is JSON, else the first success.
        let Some(response) = successes().find(has_json).or_else(|| successes().next()) else {
            return Ok(ResponseBody::AnyJson);
        };
        let response = self.resolve(response.clone())?;
        let content = response.content().or_absent().unwrap_or_default();
        let Some(media) = content.iter().find(|media| is_json(media.media_type())) else {
            // No JSON: audio, a file, an SDP answer, an event stream, or nothing at all.
            return Ok(ResponseBody::Bytes);
        };
        let Some(schema) = media.schema() else { return Ok(ResponseBody::AnyJson) };
        if self.is_bare_string(&schema, response.ptr())? {
            return Ok(ResponseBody::Bytes);
        }
        let name = format!("{type_base}Response");
        Ok(ResponseBody::Json(self.use_typed(&schema, &name)?.0))
    }

    /// The events of a successful `text/event-stream` response: no wrapper reads the stream yet,
    /// but its event types belong to the operation's area.
    fn stream_events(&mut self, spec: &OperationSpec<'d>, type_base: &str) -> Result<Option<Ty>> {
        for response in spec.view.responses().into_iter().filter(|response| response.status().starts_with('2')) {
            let response = self.resolve(response)?;
            let content = response.content().or_absent().unwrap_or_default();
            let stream = content.into_iter().find(|media| media.media_type() == "text/event-stream");
            if let Some(schema) = stream.and_then(|media| media.schema()) {
                let name = format!("{type_base}Event");
                return Ok(Some(self.use_typed(&schema, &name)?.0));
            }
        }
        Ok(None)
    }

    /// The payloads of the spec's `webhooks` (OpenAPI 3.1): each webhook's JSON request body.
    pub(super) fn lower_webhooks(&mut self) -> Result<()> {
        for (name, item) in self.doc.webhooks()? {
            for view in item.operations() {
                let Some(body) = view.request_body() else { continue };
                let body = self.resolve(body)?;
                let content = body.content().or_absent().unwrap_or_default();
                let Some(media) = content.into_iter().find(|media| is_json(media.media_type())) else { continue };
                let Some(schema) = media.schema() else { continue };
                let type_name = format!("{}Webhook", naming::type_name(name));
                let ty = self.use_typed(&schema, &type_name)?.0;
                self.webhooks.push((name.to_owned(), ty));
            }
        }
        Ok(())
    }

    /// Whether a response schema is a string with nothing to tell it from any other: the API's
    /// own "JSON" string responses are raw file contents, never a quoted JSON string. A `$ref`
    /// that leads nowhere is reported at `response_ptr`.
    fn is_bare_string(&self, schema: &Schema<'d>, response_ptr: &Pointer) -> Result<bool> {
        let schema = Schema::new(self.deref(schema.node(), response_ptr)?, schema.ptr().clone());
        Ok(schema.single_type() == Some(TypeName::String)
            && !schema.has_enum()
            && schema.const_value().is_none()
            && (!schema.has_format() || schema.format() == Some("binary")))
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
fn json_encoded_fields(media: &MediaTypeView<'_>) -> Vec<String> {
    media
        .encoding_content_types()
        .filter(|(_, content_type)| content_type.is_some_and(is_json))
        .map(|(property, _)| property.to_owned())
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
