//! Writing: the generated files laid out on disk, all of them or none. Output is built in a
//! temporary sibling directory and swapped in with renames, so an error or a crash never leaves a
//! half-written directory behind.

use crate::error::{Error, Result};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a directory as generator output (and so safe to replace).
pub const MARKER: &str = ".generated-by-openai-types-codegen";

const MARKER_TEXT: &str =
    "This directory is written by `cargo xtask codegen`; every file in it is replaced on each run.\n";

/// One output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

/// What a write changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<PathBuf>,
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The files of `openai-types/src/generated/`.
pub fn generated_module_files(types_source: &str) -> Vec<OutputFile> {
    vec![
        OutputFile { path: PathBuf::from("mod.rs"), contents: types_source.to_owned() },
        OutputFile { path: PathBuf::from(MARKER), contents: MARKER_TEXT.to_owned() },
    ]
}

/// The runtime sources, embedded so that a standalone crate needs nothing but serde.
const RUNTIME: &[(&str, &str)] = &[
    ("src/runtime/mod.rs", include_str!("../../openai-types/src/runtime/mod.rs")),
    ("src/runtime/nullable.rs", include_str!("../../openai-types/src/runtime/nullable.rs")),
    ("src/runtime/de.rs", include_str!("../../openai-types/src/runtime/de.rs")),
    ("src/runtime/field.rs", include_str!("../../openai-types/src/runtime/field.rs")),
    ("src/runtime/ser.rs", include_str!("../../openai-types/src/runtime/ser.rs")),
    ("src/runtime/endpoint.rs", include_str!("../../openai-types/src/runtime/endpoint.rs")),
    ("src/runtime/number.rs", include_str!("../../openai-types/src/runtime/number.rs")),
];

/// Lints the generated module allows, with the reason for each.
pub const GENERATED_LINT_ALLOWS: &str = "\
// Variants are as large as the spec's objects; boxing them would make every match clumsier.
#[allow(clippy::large_enum_variant)]
// Variant names come from the spec's values (`InputText`, `OutputText`, …).
#[allow(clippy::enum_variant_names)]
// Descriptions are the spec's own markdown.
#[allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::tabs_in_doc_comments)]";

/// A package name cargo accepts for the generated crate (see [`CrateName::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateName(String);

/// Names cargo refuses or warns about for a new package (`cargo new`'s checks): the built-in
/// `test` crate, the standard library's crates, and Windows device names.
const RESERVED_CRATE_NAMES: &[&str] = &[
    "test",
    "core",
    "std",
    "alloc",
    "proc_macro",
    "proc-macro",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

impl CrateName {
    /// The longest name crates.io takes.
    pub const MAX_LEN: usize = 64;

    /// Checks `name` as cargo and crates.io do: 1 to 64 ASCII letters, digits, `-` and `_`,
    /// starting with a letter or `_`, and not a Rust keyword or a name cargo reserves.
    pub fn new(name: &str) -> std::result::Result<Self, String> {
        let lowercase = name.to_ascii_lowercase();
        let problem = if name.is_empty() {
            "it is empty"
        } else if name.len() > Self::MAX_LEN {
            "it is longer than 64 characters"
        } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            "only ASCII letters, digits, `-` and `_` are allowed"
        } else if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            "it must start with a letter or `_`"
        } else if crate::naming::is_keyword(name) {
            "it is a Rust keyword"
        } else if RESERVED_CRATE_NAMES.contains(&lowercase.as_str()) {
            "cargo reserves it"
        } else {
            return Ok(CrateName(name.to_owned()));
        };
        // Debug formatting: a hostile name is shown escaped, on one line.
        Err(format!("invalid crate name {name:?}: {problem}"))
    }

    /// The name of the crate written to `dir`, made from the directory's name: lowercased, with
    /// every run of other characters turned into one `-` (`My Types` → `my-types`). An error
    /// when that is still no valid name.
    pub fn from_dir(dir: &Path) -> std::result::Result<Self, String> {
        // `.` or `..` have no name of their own: use the directory they stand for.
        let base = match dir.file_name() {
            Some(name) => Some(name.to_os_string()),
            None => fs::canonicalize(dir).ok().and_then(|d| d.file_name().map(|n| n.to_os_string())),
        };
        let base = base.map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut derived = String::new();
        for c in base.chars() {
            let c = if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '-' };
            if !(c == '-' && (derived.is_empty() || derived.ends_with('-'))) {
                derived.push(c);
            }
        }
        derived.truncate(Self::MAX_LEN);
        let derived = derived.trim_end_matches('-');
        CrateName::new(derived).map_err(|problem| {
            format!("the directory `{}` gives no crate name ({problem}); name the crate explicitly", dir.display())
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CrateName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `text` as a TOML basic string, with every escape TOML requires: no value can end the string or
/// the line it is on.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The files of a standalone crate generated from any spec.
pub fn crate_files(crate_name: &CrateName, types_source: &str) -> Vec<OutputFile> {
    let package = toml_string(&crate_name.as_str().replace('_', "-"));
    let cargo = format!(
        "[package]\nname = {package}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = \"1\"\nserde_json = \"1\"\n\n\
         [features]\ntype-registry = []\n\n[workspace]\n"
    );
    let lib = format!(
        "//! Types generated by openai-types-codegen. Do not edit: regenerate instead.\n\n\
         pub mod runtime;\n\n\
         pub use runtime::{{JsonNumber, Nullable}};\n\n{GENERATED_LINT_ALLOWS}\nmod generated;\npub use generated::*;\n"
    );
    let mut files = vec![
        OutputFile { path: PathBuf::from("Cargo.toml"), contents: cargo },
        OutputFile { path: PathBuf::from("src/lib.rs"), contents: lib },
        OutputFile { path: PathBuf::from("src/generated/mod.rs"), contents: types_source.to_owned() },
        OutputFile { path: PathBuf::from(MARKER), contents: MARKER_TEXT.to_owned() },
    ];
    for (path, contents) in RUNTIME {
        files.push(OutputFile { path: PathBuf::from(path), contents: (*contents).to_owned() });
    }
    files
}

/// Files under `dir`, relative to it, sorted.
fn existing_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = fs::read_dir(&current).map_err(|e| Error::io(current.display().to_string(), &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(current.display().to_string(), &e))?;
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                out.push(relative.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Compares `files` with what is in `dir`; returns what a write would change.
pub fn diff(dir: &Path, files: &[OutputFile]) -> Result<Changes> {
    let existing = existing_files(dir)?;
    let mut changes = Changes::default();
    for file in files {
        match fs::read(dir.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => changes.changed.push(file.path.clone()),
            Err(_) => changes.added.push(file.path.clone()),
        }
    }
    // A set: the snapshot directory holds a file per type, and a scan per file was quadratic.
    let written: std::collections::HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    changes.removed.extend(existing.into_iter().filter(|path| !written.contains(path.as_path())));
    Ok(changes)
}

/// Replaces `dir` with exactly `files`, atomically as far as the file system allows: everything
/// is written to a sibling directory first. A non-empty `dir` that is not earlier output of the
/// generator is refused, so a mistyped `--out` cannot wipe a directory.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Changes> {
    let changes = diff(dir, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    refuse_foreign(dir)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".to_owned());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), &e))?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = stage(&staging, files).and_then(|()| swap(dir, &staging, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| changes)
}

/// Refuses a non-empty directory that is not earlier output of the generator (no marker file), so
/// a mistyped output path cannot wipe a directory.
pub fn refuse_foreign(dir: &Path) -> Result<()> {
    if !dir.exists() || dir.join(MARKER).exists() {
        return Ok(());
    }
    let empty = fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
    if empty {
        return Ok(());
    }
    let display = dir.display().to_string();
    Err(Error::at(
        "#",
        format!("refusing to replace `{display}`: it is not empty and was not written by the generator (no {MARKER})"),
    )
    .in_file(&display))
}

/// Writes `files` into a fresh `staging` directory (replacing any earlier one).
pub fn stage(staging: &Path, files: &[OutputFile]) -> Result<()> {
    let _ = fs::remove_dir_all(staging);
    fs::create_dir_all(staging).map_err(|e| Error::io(staging.display().to_string(), &e))?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent.display().to_string(), &e))?;
        }
        fs::write(&path, &file.contents).map_err(|e| Error::io(path.display().to_string(), &e))?;
    }
    Ok(())
}

fn swap(dir: &Path, staging: &Path, old: &Path) -> Result<()> {
    let had_old = dir.exists();
    if had_old {
        fs::rename(dir, old).map_err(|e| Error::io(dir.display().to_string(), &e))?;
    }
    if let Err(e) = fs::rename(staging, dir) {
        if had_old {
            let _ = fs::rename(old, dir);
        }
        return Err(Error::io(dir.display().to_string(), &e));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_everything_toml_requires() {
        assert_eq!(toml_string("my-types"), "\"my-types\"");
        assert_eq!(toml_string("x\"\nbuild = \"evil.rs"), r#""x\"\nbuild = \"evil.rs""#);
        assert_eq!(toml_string("a\\b\tc\rd\u{8}\u{c}"), r#""a\\b\tc\rd\b\f""#);
        assert_eq!(toml_string("\u{0}\u{1f}\u{7f}\u{85}é"), r#""\u0000\u001F\u007F\u0085é""#);
        // Whatever goes in, the result is one line with no unescaped quote before its end.
        let hostile: String = (0u32..0x200).filter_map(char::from_u32).collect();
        let written = toml_string(&hostile);
        assert!(!written.contains(['\n', '\r']), "{written}");
        let inner = &written[1..written.len() - 1];
        let mut escaped = false;
        for c in inner.chars() {
            assert!(escaped || c != '"', "an unescaped quote in {written}");
            escaped = !escaped && c == '\\';
        }
    }
}
