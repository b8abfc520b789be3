//! `cargo xtask`: the project's command line.
//!
//! - `cargo xtask codegen`: regenerate `openai-types/src/generated/` from `spec/openapi.yaml`.
//! - `cargo xtask codegen --check`: write nothing; fail if the checked-in output is stale.
//! - `cargo xtask codegen --spec FILE --out DIR [--crate-name NAME]`: generate a standalone crate.

use codegen::write::{self, Changes, OutputFile};
use codegen::{Error, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME]

  (no options)        regenerate openai-types/src/generated/ from spec/openapi.yaml
  --check             write nothing; exit 1 if the output on disk differs from what the spec generates
  --spec FILE         the OpenAPI file to read (YAML or JSON)
  --out DIR           write a standalone crate (Cargo.toml, src/) to DIR instead
  --crate-name NAME   the standalone crate's package name (default: the name of DIR)";

struct Args {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { check: false, spec: None, out: None, crate_name: None };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => parsed.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if parsed.crate_name.is_some() && parsed.out.is_none() {
        return Err("--crate-name goes with --out".to_owned());
    }
    Ok(parsed)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => {}
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let parsed = match parse_args(&args[1..]) {
        Ok(p) => p,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match codegen_command(&parsed) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn codegen_command(args: &Args) -> Result<ExitCode, Error> {
    let root = workspace_root();
    let spec = args.spec.clone().unwrap_or_else(|| root.join("spec/openapi.yaml"));
    // openai-types gets resource helpers for its client; standalone crates have no client.
    let options = if args.out.is_some() { Options::default() } else { Options::openai_types() };
    let generated = codegen::generate_file(&spec, &options)?;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    let (dir, files): (PathBuf, Vec<OutputFile>) = match &args.out {
        Some(out) => {
            let name = args.crate_name.clone().unwrap_or_else(|| {
                out.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "generated-types".to_owned())
            });
            (out.clone(), write::crate_files(&name, &generated.types_source))
        }
        None => (root.join("openai-types/src/generated"), write::generated_module_files(&generated.types_source)),
    };
    let shown = dir.strip_prefix(&root).unwrap_or(&dir).display().to_string();
    if args.check {
        let changes = write::diff(&dir, &files)?;
        if changes.is_empty() {
            println!("{shown} is up to date with {}", spec.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{shown} is stale: it differs from what {} generates:", spec.display());
        print_changes(&changes);
        eprintln!("run `cargo xtask codegen` to regenerate it");
        return Ok(ExitCode::FAILURE);
    }
    let changes = write::write_all(&dir, &files)?;
    let count = generated.model.types.len();
    if changes.is_empty() {
        println!("{shown}: {count} types, unchanged");
    } else {
        println!("{shown}: {count} types written");
        print_changes(&changes);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_changes(changes: &Changes) {
    for (label, paths) in [("added", &changes.added), ("changed", &changes.changed), ("removed", &changes.removed)] {
        for path in paths {
            eprintln!("  {label}: {}", path.display());
        }
    }
}
