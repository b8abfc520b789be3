//! Build-cost analysis without `-Z` flags: writes a copy of the generated file with one construct
//! taken out, so the crate can be rebuilt with and without it and the difference timed
//! (`build_constructs.sh` does that for each construct).
//!
//! `strip CONSTRUCT IN.rs OUT.rs`, CONSTRUCT one of:
//! - `none`: the file unchanged (re-printed);
//! - `de-bodies`: every `fn deserialize` body becomes `unimplemented!()` (the impls stay);
//! - `union-de-bodies`: the same, only for enums with data (unions);
//! - `struct-de-bodies`: the same, only for structs;
//! - `ser-bodies`: every `fn serialize` body becomes `unimplemented!()`;
//! - `endpoint-body`: the `Endpoint::body` bodies become `unimplemented!()` (they were
//!   `serde_json::to_vec(self)`, which made the crate compile the serialization of every request
//!   type; now they return a reference, and the construct should cost nothing);
//! - `setters`: the `with_*` methods are removed;
//! - `from-impls`: the `impl From<…> for …` blocks are removed (the crate then does not build: the
//!   generated code uses them);
//! - `docs`: every doc comment is removed;
//! - `derives`: `Debug`, `Clone` and `PartialEq` leave the derive lists (`Default` and `Copy` stay;
//!   the crate then does not build: the generated code compares constants with `==`).

use std::collections::HashSet;
use syn::visit_mut::VisitMut;
use syn::{parse_quote, Item};

fn self_name(imp: &syn::ItemImpl) -> Option<String> {
    match &*imp.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn trait_name(imp: &syn::ItemImpl) -> Option<String> {
    imp.trait_.as_ref().and_then(|(_, path, _)| path.segments.last()).map(|s| s.ident.to_string())
}

fn stub_method(imp: &mut syn::ItemImpl, method: &str) {
    for item in &mut imp.items {
        if let syn::ImplItem::Fn(f) = item {
            if f.sig.ident == method {
                f.block = parse_quote!({ unimplemented!() });
            }
        }
    }
}

struct StripDocs;

impl VisitMut for StripDocs {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<syn::Attribute>) {
        attrs.retain(|a| !a.path().is_ident("doc"));
    }
    fn visit_item_mut(&mut self, item: &mut Item) {
        syn::visit_mut::visit_item_mut(self, item);
    }
    fn visit_field_mut(&mut self, f: &mut syn::Field) {
        f.attrs.retain(|a| !a.path().is_ident("doc"));
        syn::visit_mut::visit_field_mut(self, f);
    }
    fn visit_variant_mut(&mut self, v: &mut syn::Variant) {
        v.attrs.retain(|a| !a.path().is_ident("doc"));
        syn::visit_mut::visit_variant_mut(self, v);
    }
    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        f.attrs.retain(|a| !a.path().is_ident("doc"));
        syn::visit_mut::visit_impl_item_fn_mut(self, f);
    }
    fn visit_item_struct_mut(&mut self, s: &mut syn::ItemStruct) {
        s.attrs.retain(|a| !a.path().is_ident("doc"));
        syn::visit_mut::visit_item_struct_mut(self, s);
    }
    fn visit_item_enum_mut(&mut self, e: &mut syn::ItemEnum) {
        e.attrs.retain(|a| !a.path().is_ident("doc"));
        syn::visit_mut::visit_item_enum_mut(self, e);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [construct, input, output] = args.as_slice() else {
        eprintln!("usage: strip CONSTRUCT IN.rs OUT.rs (see the source for the constructs)");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).expect("read the generated file");
    let header: String = text.lines().take_while(|l| l.starts_with("//")).map(|l| format!("{l}\n")).collect();
    let mut file: syn::File = syn::parse_file(&text).expect("the generated file parses");
    let unions: HashSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Enum(e) if e.variants.iter().any(|v| !v.fields.is_empty()) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let structs: HashSet<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut touched = 0usize;
    match construct.as_str() {
        "none" => {}
        "de-bodies" | "union-de-bodies" | "struct-de-bodies" | "ser-bodies" => {
            let (trait_, method) =
                if construct == "ser-bodies" { ("Serialize", "serialize") } else { ("Deserialize", "deserialize") };
            for item in &mut file.items {
                if let Item::Impl(imp) = item {
                    let name = self_name(imp).unwrap_or_default();
                    let wanted = match construct.as_str() {
                        "union-de-bodies" => unions.contains(&name),
                        "struct-de-bodies" => structs.contains(&name),
                        _ => true,
                    };
                    if trait_name(imp).as_deref() == Some(trait_) && wanted {
                        stub_method(imp, method);
                        touched += 1;
                    }
                }
            }
        }
        "endpoint-body" => {
            for item in &mut file.items {
                if let Item::Impl(imp) = item {
                    if trait_name(imp).as_deref() == Some("Endpoint") {
                        stub_method(imp, "body");
                        touched += 1;
                    }
                }
            }
        }
        "setters" => {
            for item in &mut file.items {
                if let Item::Impl(imp) = item {
                    if imp.trait_.is_none() {
                        let before = imp.items.len();
                        imp.items.retain(
                            |i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident.to_string().starts_with("with_")),
                        );
                        touched += before - imp.items.len();
                    }
                }
            }
        }
        "from-impls" => {
            let before = file.items.len();
            file.items.retain(|item| !matches!(item, Item::Impl(imp) if trait_name(imp).as_deref() == Some("From")));
            touched = before - file.items.len();
        }
        "docs" => {
            StripDocs.visit_file_mut(&mut file);
            touched = 1;
        }
        "derives" => {
            // Debug, Clone and PartialEq go; Default (used by `new`) and Copy (with its Clone) stay.
            for item in &mut file.items {
                let attrs = match item {
                    Item::Struct(s) => &mut s.attrs,
                    Item::Enum(e) => &mut e.attrs,
                    _ => continue,
                };
                for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
                    let paths = attr
                        .parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                        .expect("derive lists parse");
                    let copy = paths.iter().any(|p| p.is_ident("Copy"));
                    let kept: Vec<&syn::Path> = paths
                        .iter()
                        .filter(|p| !(p.is_ident("Debug") || p.is_ident("PartialEq") || (p.is_ident("Clone") && !copy)))
                        .collect();
                    touched += paths.len() - kept.len();
                    *attr = parse_quote!(#[derive(#(#kept),*)]);
                }
            }
        }
        other => {
            eprintln!("unknown construct `{other}`");
            std::process::exit(2);
        }
    }
    let out = format!("{header}\n{}", prettyplease::unparse(&file));
    std::fs::write(output, out).expect("write the stripped file");
    eprintln!("{construct}: {touched} items changed");
}
