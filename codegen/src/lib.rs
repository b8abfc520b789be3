//! openai-types-codegen: an OpenAPI 3.0/3.1 document (YAML or JSON) in, Rust source out.
//!
//! The pipeline, one module per stage:
//! 1. [`spec`] parses the text into an order-preserving tree and resolves `$ref`s;
//! 2. [`model`] lowers schemas and operations into a type model (structs, enums, unions, aliases),
//!    using `naming` for every Rust name, and boxes recursive references;
//! 3. [`rust_api`] decides the generated Rust API once (type spellings, storage, constructors,
//!    setters, `Default`, `From`); [`emit`] writes it as formatted Rust items, one file per type,
//!    and [`diff`] compares two of them;
//! 4. [`mod@write`] lays the files out (into `openai-types` or a standalone crate) and writes all of
//!    them or none.

pub mod areas;
pub mod diff;
pub mod emit;
pub mod error;
pub mod model;
mod naming;
pub mod rust_api;
pub mod sample;
pub mod spec;
pub mod write;

pub use error::{Error, Location, Result, Warning};

/// How to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime module as the generated code sees it (`crate::runtime`).
    pub runtime_path: String,
    /// Path of a client type to generate resource helpers for (see [`emit::EmitOptions`]).
    pub client_path: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { runtime_path: "crate::runtime".to_owned(), client_path: None }
    }
}

impl Options {
    /// The options `openai-types` itself is generated with: its runtime and its `Client`.
    pub fn openai_types() -> Self {
        Options { client_path: Some("crate::Client".to_owned()), ..Options::default() }
    }
}

/// The result of a generation run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted source of every generated type, operation and helper in one file.
    pub types_source: String,
    /// The generated module as files (`mod.rs` and one file per type), paths relative to it.
    pub module_files: Vec<write::OutputFile>,
    /// Each type's public API as a reviewer reads it (for the per-type snapshots), by type name.
    pub type_surfaces: Vec<(String, String)>,
    /// The crate's area features (module `areas`), in spec order.
    pub features: Vec<String>,
    /// The type model it was emitted from.
    pub model: model::Model,
    /// Problems that did not stop generation.
    pub warnings: Vec<Warning>,
}

/// Generates Rust source from spec text. Deterministic: the same text gives the same bytes.
pub fn generate(spec_text: &str, options: &Options) -> Result<Generated> {
    let document = spec::parse(spec_text)?;
    check_version(&document)?;
    let (model, warnings) = model::lower(&document)?;
    let emit_options =
        emit::EmitOptions { runtime_path: options.runtime_path.clone(), client_path: options.client_path.clone() };
    let emitted = emit::emit(&model, &emit_options)?;
    let module_files = emitted
        .module_files
        .into_iter()
        .map(|(path, contents)| write::OutputFile { path: path.into(), contents })
        .collect();
    let api = rust_api::RustApi::new(&model);
    let type_surfaces = model.types.iter().enumerate().map(|(i, def)| (def.name.clone(), api.surface(i))).collect();
    Ok(Generated {
        types_source: emitted.single_file,
        module_files,
        type_surfaces,
        features: emitted.features,
        model,
        warnings,
    })
}

/// Reads a spec file and generates from it; errors name the file.
pub fn generate_file(path: &std::path::Path, options: &Options) -> Result<Generated> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, &e))?;
    generate(&text, options).map_err(|e| e.in_file(&name))
}

fn check_version(document: &spec::Document) -> Result<()> {
    let version = document.root.get("openapi").and_then(spec::Node::as_str);
    match version {
        Some(v) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(()),
        Some(v) => Err(Error::at("#/openapi", format!("OpenAPI version `{v}` is not supported (3.0 and 3.1 are)"))),
        None => Err(Error::at("#/openapi", "not an OpenAPI document: the `openapi` version field is missing")),
    }
}
