//! Generates Rust from every fixture spec of the generator, so the fixtures are compiled and
//! exercised by this crate's tests (a snapshot that reads well but does not build cannot pass).

use std::path::Path;

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_owned());
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut entries: Vec<_> = match std::fs::read_dir(&fixtures) {
        Ok(dir) => dir.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => fail(&format!("cannot read {}: {e}", fixtures.display())),
    };
    entries.sort();
    let options = codegen::Options { runtime_path: "::openai_types::runtime".to_owned(), client_path: None };
    for path in entries {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        println!("cargo::rerun-if-changed={}", path.display());
        match codegen::generate_file(&path, &options) {
            Ok(generated) => {
                let target = Path::new(&out_dir).join(format!("{stem}.rs"));
                if let Err(e) = std::fs::write(&target, generated.types_source) {
                    fail(&format!("cannot write {}: {e}", target.display()));
                }
            }
            Err(e) => fail(&e.to_string()),
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
