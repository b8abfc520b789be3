//! Resource-style helpers for a hand-written client, mirroring the SDKs' method paths
//! (`client.responses().input_tokens().count(&params)`), from each operation's `x-sdk-method`.

use super::docs::{code_span, lines_to_attrs};
use super::{ident, Emitter};
use crate::model::Operation;
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A resource: its path from the client, sub-resources and methods.
#[derive(Default)]
struct Resource<'m> {
    path: Vec<String>,
    children: Vec<Resource<'m>>,
    methods: Vec<(String, &'m Operation)>,
}

impl<'m> Resource<'m> {
    fn insert(&mut self, rest: &[String], op: &'m Operation) {
        match rest {
            [] => {}
            [method] => self.methods.push((method.clone(), op)),
            [first, tail @ ..] => {
                let index = match self.children.iter().position(|c| c.path.last() == Some(first)) {
                    Some(i) => i,
                    None => {
                        let mut path = self.path.clone();
                        path.push(first.clone());
                        self.children.push(Resource { path, ..Resource::default() });
                        self.children.len() - 1
                    }
                };
                if let Some(child) = self.children.get_mut(index) {
                    child.insert(tail, op);
                }
            }
        }
    }

    fn type_name(&self) -> String {
        naming::type_name(&self.path.join("_"))
    }

    /// Every operation under this resource, its sub-resources' included.
    fn operations(&self) -> Vec<&'m Operation> {
        let mut ops: Vec<&'m Operation> = self.methods.iter().map(|(_, op)| *op).collect();
        ops.extend(self.children.iter().flat_map(Resource::operations));
        ops
    }
}

impl Emitter<'_> {
    pub(super) fn resources(&self, client: &TokenStream) -> TokenStream {
        let mut root = Resource::default();
        for op in &self.model.operations {
            if op.request_type.is_some() || op.body.is_some() {
                root.insert(&op.sdk_method, op);
            }
        }
        let mut items = Vec::new();
        self.resource_items(&root, client, &mut items);
        let accessors = root.children.iter().map(|child| self.accessor(child, quote!(self)));
        let methods = root.methods.iter().map(|(name, op)| self.method(name, op, quote!(self)));
        quote! {
            /// Resource-style access to the operations (`client.conversations().create(&params)`).
            #[cfg(feature = "reqwest")]
            pub mod resources {
                use super::*;

                #(#items)*
            }

            #[cfg(feature = "reqwest")]
            impl #client {
                #(#accessors)*
                #(#methods)*
            }
        }
    }

    fn resource_items(&self, resource: &Resource<'_>, client: &TokenStream, items: &mut Vec<TokenStream>) {
        for child in &resource.children {
            let name = format_ident!("{}", child.type_name());
            let doc = lines_to_attrs(&[format!("The {} operations.", code_span(&child.path.join(".")))]);
            let accessors = child.children.iter().map(|c| self.accessor(c, quote!(self.client)));
            let methods = child.methods.iter().map(|(m, op)| self.method(m, op, quote!(self.client)));
            let gate = self.resource_cfg(child);
            items.push(quote! {
                #doc
                #gate
                #[derive(Debug, Clone, Copy)]
                pub struct #name<'c> {
                    pub(crate) client: &'c #client,
                }

                #gate
                impl<'c> #name<'c> {
                    #(#accessors)*
                    #(#methods)*
                }
            });
            self.resource_items(child, client, items);
        }
    }

    /// A resource is compiled when any of its operations is.
    fn resource_cfg(&self, resource: &Resource<'_>) -> TokenStream {
        let mut features: Vec<&str> = resource.operations().into_iter().flat_map(|op| self.operation_cfg(op)).collect();
        features.sort_unstable();
        features.dedup();
        super::cfg_attr(&features)
    }

    fn accessor(&self, child: &Resource<'_>, client: TokenStream) -> TokenStream {
        let name = format_ident!("{}", child.type_name());
        let method = ident(child.path.last().map(String::as_str).unwrap_or("resource"));
        let doc = lines_to_attrs(&[format!("The {} operations.", code_span(&child.path.join(".")))]);
        let lifetime = if client.to_string() == "self" { quote!('_) } else { quote!('c) };
        let gate = self.resource_cfg(child);
        quote! {
            #doc
            #gate
            pub fn #method(&self) -> resources::#name<#lifetime> {
                resources::#name { client: #client }
            }
        }
    }

    fn method(&self, name: &str, op: &Operation, client: TokenStream) -> TokenStream {
        let method = ident(name);
        let request = match (&op.request_type, &op.body) {
            (Some(request), _) => {
                let request = ident(request);
                quote!(#request)
            }
            (None, Some(body)) => self.ty(&body.ty),
            (None, None) => return quote!(),
        };
        let response = super::type_tokens(&self.api.response_type(&op.response));
        let operation = format!("{} ({})", code_span(&format!("{} {}", op.method, op.path)), code_span(&op.id));
        let doc = lines_to_attrs(&[format!("{operation}.")]);
        let with = format_ident!("{}_with", name.trim_start_matches("r#"));
        let with_doc = lines_to_attrs(&[
            format!("{operation}, with per-call options (timeout, retries, extra headers, query and body"),
            "fields), returning the response's metadata (request id, rate limits) with its value.".to_owned(),
        ]);
        let gate = super::cfg_attr(&self.operation_cfg(op));
        quote! {
            #doc
            #gate
            pub async fn #method(&self, request: &#request) -> Result<#response, crate::ApiError> {
                #client.send(request).await
            }
            #with_doc
            #gate
            pub async fn #with(
                &self,
                request: &#request,
                options: &crate::api::RequestOptions,
            ) -> Result<crate::api::ApiResponse<#response>, crate::ApiError> {
                #client.send_with_response_and_options(request, options).await
            }
        }
    }
}
