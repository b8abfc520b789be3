//! Operations: an `Endpoint` impl per operation (on the body type, or on a generated request type
//! that also carries path, query and header parameters).

use super::docs::{code_span, lines_to_attrs};
use super::{doc_attrs, ident, Emitter};
use crate::model::{BodyFormat, Operation, Param, PathSegment, ResponseBody};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

impl Emitter<'_> {
    pub(super) fn operation(&self, op: &Operation) -> TokenStream {
        let rt = &self.runtime;
        let method = &op.method;
        let op_id = &op.id;
        let template = &op.path;
        let response = super::type_tokens(&self.api.response_type(&op.response));
        let formats = self.formats(op);
        let path = self.path_expr(op);
        let summary =
            op.doc.as_deref().and_then(|d| d.lines().next()).map(|d| d.trim().trim_end_matches('.')).unwrap_or("");
        // The body format, where it is not JSON: an operation may have a wrapper per format.
        let format = match op.body.as_ref().map(|b| &b.format) {
            Some(BodyFormat::Multipart { .. }) => ", a multipart form".to_owned(),
            Some(BodyFormat::Raw { media_type }) => format!(", raw {}", code_span(media_type)),
            None | Some(BodyFormat::Json) => String::new(),
        };
        let endpoint = format!("{} ({}{format})", code_span(&format!("{} {}", op.method, op.path)), code_span(&op.id));
        let operation_text = if summary.is_empty() { endpoint } else { format!("{endpoint}: {summary}.") };
        let doc_line = super::doc_attrs(Some(&operation_text));
        let struct_doc = super::doc_attrs(Some(&format!("The request of {operation_text}")));

        let endpoint_impl = |target: TokenStream, body_ty: TokenStream, body: TokenStream, parameters: TokenStream| {
            quote! {
                impl #rt::Endpoint for #target {
                    type Response = #response;
                    type Body = #body_ty;
                    const METHOD: &'static str = #method;
                    const OPERATION_ID: &'static str = #op_id;
                    const PATH_TEMPLATE: &'static str = #template;
                    #formats
                    fn path(&self) -> String {
                        #path
                    }
                    #parameters
                    fn body(&self) -> Option<&Self::Body> {
                        #body
                    }
                }
            }
        };

        let Some(request) = &op.request_type else {
            let Some(body) = &op.body else { return quote!() };
            let implementation = endpoint_impl(self.ty(&body.ty), quote!(Self), quote!(Some(self)), quote!());
            return quote! {
                #doc_line
                #implementation
            };
        };
        let name = ident(request);
        let params: Vec<&Param> = op.path_params.iter().chain(&op.query_params).chain(&op.header_params).collect();
        let fields = params.iter().map(|p| {
            let fname = ident(&p.ident);
            let ty = self.param_type(p);
            let doc = doc_attrs(p.doc.as_deref());
            quote!(#doc pub #fname: #ty,)
        });
        let body_field = op.body.as_ref().map(|b| {
            let ty = self.ty(&b.ty);
            quote!(/// The request body.
                pub body: #ty,)
        });
        let required: Vec<&&Param> = params.iter().filter(|p| p.required).collect();
        let ctor_params = required.iter().map(|p| {
            let fname = ident(&p.ident);
            let ty = self.ty(&p.ty);
            quote!(#fname: impl Into<#ty>)
        });
        let ctor_body_param = op.body.as_ref().map(|b| {
            let ty = self.ty(&b.ty);
            quote!(body: #ty)
        });
        let all_params: Vec<TokenStream> = ctor_params.chain(ctor_body_param).collect();
        let inits = params.iter().map(|p| {
            let fname = ident(&p.ident);
            if p.required {
                quote!(#fname: #fname.into(),)
            } else {
                quote!(#fname: None,)
            }
        });
        let body_init = op.body.as_ref().map(|_| quote!(body,));
        let setters = params.iter().filter(|p| !p.required).map(|p| {
            let fname = ident(&p.ident);
            let method_name = format_ident!("with_{}", p.ident.trim_start_matches("r#"));
            let ty = self.ty(&p.ty);
            let doc = lines_to_attrs(&[format!("Sets the {} parameter.", code_span(&p.wire))]);
            quote! {
                #doc
                pub fn #method_name(mut self, value: impl Into<#ty>) -> Self {
                    self.#fname = Some(value.into());
                    self
                }
            }
        });
        let query = self.param_pushes(&op.query_params);
        let headers = self.param_pushes(&op.header_params);
        let (body_ty, body_expr) = match &op.body {
            Some(body) => (self.ty(&body.ty), quote!(Some(&self.body))),
            None => (quote!(()), quote!(None)),
        };
        let allow = if all_params.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
        let implementation = endpoint_impl(
            quote!(#name),
            body_ty,
            body_expr,
            quote! {
                fn query(&self) -> Vec<(&'static str, String)> {
                    #[allow(unused_mut)]
                    let mut out = Vec::new();
                    #query
                    out
                }
                fn headers(&self) -> Vec<(&'static str, String)> {
                    #[allow(unused_mut)]
                    let mut out = Vec::new();
                    #headers
                    out
                }
            },
        );
        // Without required parameters `new()` takes nothing, and `Default` goes with it.
        let derive_default = if all_params.is_empty() { quote!(Default,) } else { quote!() };
        quote! {
            #struct_doc
            #[derive(Debug, Clone, PartialEq, #derive_default)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                #body_field
            }

            impl #name {
                /// Creates the request from its required parameters.
                #allow
                pub fn new(#(#all_params),*) -> Self {
                    Self { #(#inits)* #body_init }
                }
                #(#setters)*
            }

            #implementation
        }
    }

    /// `BODY_FORMAT` and `RESPONSE_FORMAT`, where they are not the defaults (JSON).
    fn formats(&self, op: &Operation) -> TokenStream {
        let rt = &self.runtime;
        let body = match op.body.as_ref().map(|b| &b.format) {
            None | Some(BodyFormat::Json) => quote!(),
            Some(BodyFormat::Multipart { json_fields }) => quote! {
                const BODY_FORMAT: #rt::BodyFormat = #rt::BodyFormat::Multipart { json_fields: &[#(#json_fields),*] };
            },
            Some(BodyFormat::Raw { media_type }) => quote! {
                const BODY_FORMAT: #rt::BodyFormat = #rt::BodyFormat::Raw { media_type: #media_type };
            },
        };
        let response = match op.response {
            ResponseBody::Bytes => quote!(const RESPONSE_FORMAT: #rt::ResponseFormat = #rt::ResponseFormat::Bytes;),
            ResponseBody::Json(_) | ResponseBody::AnyJson => quote!(),
        };
        quote!(#body #response)
    }

    fn param_type(&self, p: &Param) -> TokenStream {
        super::type_tokens(&self.api.param_type(p))
    }

    fn param_pushes(&self, params: &[Param]) -> TokenStream {
        let rt = &self.runtime;
        let pushes = params.iter().map(|p| {
            let fname = ident(&p.ident);
            let wire = &p.wire;
            if p.required {
                quote!(out.push((#wire, #rt::endpoint::param_text(&self.#fname)));)
            } else {
                quote!(if let Some(value) = &self.#fname { out.push((#wire, #rt::endpoint::param_text(value))); })
            }
        });
        quote!(#(#pushes)*)
    }

    /// `format!`-free path building: literal pieces and encoded parameters.
    fn path_expr(&self, op: &Operation) -> TokenStream {
        let rt = &self.runtime;
        let pieces = op.path_template.iter().map(|segment| match segment {
            PathSegment::Literal(text) => quote!(path.push_str(#text);),
            PathSegment::Param(index) => {
                let fname = ident(op.path_params.get(*index).map_or("missing", |p| p.ident.as_str()));
                quote!(path.push_str(&#rt::endpoint::encode_path_segment(&#rt::endpoint::param_text(&self.#fname)));)
            }
        });
        quote! {
            let mut path = String::new();
            #(#pieces)*
            path
        }
    }

    /// The hidden registry of every type by name (feature `type-registry`), which generic tests,
    /// fuzzers and benchmarks use to reach a type from its spec name: a table of names and the
    /// runtime's generic round trip for each type.
    pub(super) fn registry(&self) -> TokenStream {
        let rt = &self.runtime;
        // One list per set of features, in the order the sets first appear; types in model order.
        let mut groups: Vec<(Vec<&str>, Vec<Ident>)> = Vec::new();
        for (i, def) in self.model.types.iter().enumerate() {
            let gate = self.type_cfg(i);
            match groups.iter_mut().find(|(g, _)| *g == gate) {
                Some((_, names)) => names.push(ident(&def.name)),
                None => groups.push((gate, vec![ident(&def.name)])),
            }
        }
        let entries = groups.iter().map(|(gate, names)| {
            let gate = super::cfg_attr(gate);
            quote!(#gate types.extend([#(entry!(#names)),*]);)
        });
        quote! {
            /// Every generated type by name, for tests and tools that work on JSON generically.
            #[cfg(feature = "type-registry")]
            #[doc(hidden)]
            pub mod type_registry {
                // With no area enabled the registry lists nothing: the imports and `mut` go unused.
                #[allow(unused_imports)]
                use super::*;
                /// Every generated type the enabled features compile: its name, and its round
                /// trip (`runtime::value::round_trip`). Built once.
                pub fn types() -> &'static [(&'static str, #rt::value::RoundTripFn)] {
                    static TYPES: ::std::sync::OnceLock<Vec<(&'static str, #rt::value::RoundTripFn)>> =
                        ::std::sync::OnceLock::new();
                    #[allow(unused_imports)]
                    use #rt::registry_entry as entry;
                    // Each list is gated by the features that compile its types.
                    TYPES.get_or_init(|| {
                        #[allow(unused_mut)]
                        let mut types: Vec<(&'static str, #rt::value::RoundTripFn)> = Vec::new();
                        #(#entries)*
                        types
                    })
                }
                /// Deserializes `json` as the type `type_name` and serializes it back; also says
                /// which variant a union chose and where the value left the spec. `None` when
                /// there is no such type.
                pub fn roundtrip(type_name: &str, json: &str) -> Option<#rt::value::RoundTrip> {
                    types().iter().find(|(name, _)| *name == type_name).map(|(_, round_trip)| round_trip(json))
                }
            }
        }
    }
}
