//! Lowering of the spec's paths: one [`Operation`] per method of each path item, its parameters,
//! its request body and its successful response.

use super::{description, Lowerer};
use crate::error::{Error, Result};
use crate::model::{Operation, Param, ParamKind, PathSegment, Ty, TypeKind};
use crate::naming::{self, UniqueNames};
use crate::spec::{Node, Pointer};

impl Lowerer<'_> {
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
            let shared_params = item.get("parameters");
            for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                let Some(op) = item.get(method) else { continue };
                let ptr = item_ptr.join(method);
                let id = op.get_str("operationId").map(str::to_owned).unwrap_or_else(|| format!("{method} {path}"));
                let type_base = naming::type_name(&id);
                let ident = op_names.claim(naming::field_name(&id).trim_start_matches("r#"));

                let body = match op.get("requestBody") {
                    None => None,
                    Some(body) => {
                        let body = self.deref(body, &ptr.join("requestBody"))?;
                        match json_schema(body) {
                            Some(schema) => {
                                let at =
                                    ptr.join("requestBody").join("content").join("application/json").join("schema");
                                Some(self.use_schema_typed(schema, &at, &format!("{type_base}Body"))?.0)
                            }
                            None => {
                                self.warn(
                                    &ptr.join("requestBody"),
                                    format!("operation `{id}` has no JSON request body (multipart or binary); skipped"),
                                );
                                self.skipped_operations.push(id);
                                continue;
                            }
                        }
                    }
                };
                let mut response = None;
                if let Some(responses) = op.get("responses").and_then(Node::as_object) {
                    for (status, resp) in responses {
                        if !status.starts_with('2') {
                            continue;
                        }
                        let resp = self.deref(resp, &ptr.join("responses").join(status))?;
                        if let Some(schema) = json_schema(resp) {
                            let at = ptr
                                .join("responses")
                                .join(status)
                                .join("content")
                                .join("application/json")
                                .join("schema");
                            response = Some(self.use_schema_typed(schema, &at, &format!("{type_base}Response"))?.0);
                            break;
                        }
                    }
                }
                let mut params: Vec<(ParamKind, Param)> = Vec::new();
                for (list, list_ptr) in
                    [(shared_params, item_ptr.join("parameters")), (op.get("parameters"), ptr.join("parameters"))]
                {
                    for (i, p) in list.and_then(Node::as_array).unwrap_or(&[]).iter().enumerate() {
                        let p_ptr = list_ptr.index(i);
                        let p = self.deref(p, &p_ptr)?;
                        let wire = p
                            .get_str("name")
                            .ok_or_else(|| Error::at(p_ptr.as_str(), "parameter has no `name`"))?
                            .to_owned();
                        let location = p.get_str("in").unwrap_or("query");
                        let ty = match p.get("schema") {
                            Some(s) => {
                                self.use_schema_typed(
                                    s,
                                    &p_ptr.join("schema"),
                                    &format!("{type_base}{}", naming::type_name(&wire)),
                                )?
                                .0
                            }
                            None => Ty::String,
                        };
                        let param = Param {
                            ident: naming::field_name(&wire),
                            wire,
                            ty,
                            required: p.flag("required") || location == "path",
                            doc: description(p),
                        };
                        let kind = match location {
                            "path" => ParamKind::Path,
                            "header" => ParamKind::Header,
                            // Browsers send cookies; an API client has none to set.
                            "cookie" => continue,
                            _ => ParamKind::Query,
                        };
                        // An operation's parameter replaces the path item's of the same name.
                        params.retain(|(k, q)| !(*k == kind && q.wire == param.wire));
                        params.push((kind, param));
                    }
                }
                let direct_body = matches!(&body, Some(Ty::Named { id, .. })
                    if matches!(self.types.get(id.0).and_then(Option::as_ref).map(|d| &d.kind), Some(TypeKind::Struct(_))));
                let of_kind = |kind: ParamKind| -> Vec<Param> {
                    params.iter().filter(|(k, _)| *k == kind).map(|(_, p)| p.clone()).collect()
                };
                let (path_params, query_params, header_params) =
                    (of_kind(ParamKind::Path), of_kind(ParamKind::Query), of_kind(ParamKind::Header));
                let path_template = parse_path_template(path, &path_params, &item_ptr)?;
                let has_params = !params.is_empty();
                let shared_body = match &body {
                    Some(Ty::Named { id, .. }) => !self.direct_bodies.insert(*id) && direct_body,
                    _ => false,
                };
                let request_type = if has_params || !direct_body || shared_body {
                    Some(self.names.claim(&format!("{type_base}Request")))
                } else {
                    None
                };
                let sdk_method = match op.get_str("x-sdk-method") {
                    Some(dotted) => dotted.split('.').map(naming::field_name).collect(),
                    None => vec![ident.clone()],
                };
                self.operations.push(Operation {
                    id,
                    request_type,
                    sdk_method,
                    ident,
                    method: method.to_uppercase(),
                    path: path.clone(),
                    path_template,
                    doc: op.get_str("summary").or_else(|| op.get_str("description")).map(str::to_owned),
                    body,
                    response,
                    path_params,
                    query_params,
                    header_params,
                });
            }
        }
        Ok(())
    }
}

/// The `application/json` (or `*+json`) schema of a request body or response.
fn json_schema(node: &Node) -> Option<&Node> {
    let content = node.get("content")?.as_object()?;
    content
        .iter()
        .find(|(media, _)| media == "application/json" || media.ends_with("+json"))
        .and_then(|(_, media)| media.get("schema"))
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
