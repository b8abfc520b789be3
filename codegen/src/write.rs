//! Writing: the generated files laid out on disk, all of them or none, and a crash at any point
//! recovered by the next run.
//!
//! # What is refused
//!
//! An output directory is compared and replaced only when it is earlier output of the generator
//! (it holds [`MARKER`]), is empty, or does not exist; anything else is refused before a single
//! entry of it is read, so a mistyped `--out /` costs nothing. A symbolic link is never followed:
//! the output path itself may not be one, and a link inside the output directory is an entry to
//! compare and remove, never a directory to descend into. A walk stops with an error after
//! [`MAX_OUTPUT_ENTRIES`] entries.
//!
//! # The write protocol
//!
//! [`write_targets`] replaces several directories together ([`write_all`] is the same with one).
//! Each target `P/NAME` has fixed sibling names: `P/.NAME.lock`, `P/.NAME.new` (the staged
//! contents), `P/.NAME.old` (the replaced contents) and `P/.NAME.journal`. A write:
//!
//! 1. takes every target's lock (a file holding the process id; one left by a process that no
//!    longer runs is taken over), so two generators never work on the same directory at once;
//! 2. recovers what an interrupted earlier write left (below);
//! 3. refuses foreign directories, then compares; a target with no changes is left alone;
//! 4. stages every changed target completely in `.NAME.new`;
//! 5. writes the journal of every changed target but the first (`prepared`, naming the first),
//!    then the first target's journal (`commit`, naming the others). Each journal is written to
//!    `.NAME.journal.tmp` and renamed, so it exists whole or not at all; the commit journal's
//!    rename is the commit point, and it happens only after every staging directory is complete;
//! 6. swaps each target: `NAME` → `.NAME.old`, then `.NAME.new` → `NAME`;
//! 7. removes the `.NAME.old` directories, the prepared journals and last the commit journal,
//!    then the locks.
//!
//! Recovery, for each target of a run (step 2): with a `commit` journal (or a `prepared` one whose
//! commit journal exists and names it) the interrupted write is committed: every swap of that
//! write is finished and step 7 done. Otherwise it never committed: `.NAME.new` is removed,
//! `.NAME.old` put back if `NAME` is missing (else removed), and the journal removed. Every step
//! of recovery can itself be interrupted and redone. Leftovers of the earlier protocol
//! (`.NAME.new-PID`, `.NAME.old-PID`) are cleaned up the same way.
//!
//! A failure before the commit point removes what was staged; a failure while swapping puts the
//! swapped directories back and then removes the commit journal (if even that fails, the journal
//! stays and the next run finishes the write). Files are not fsynced: the protocol covers a
//! process that fails or is killed, not a power cut.

mod transaction;

use crate::error::{Error, Location, Result};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

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

/// The files of `openai-types/src/generated/`: the generated module's files and the marker.
pub fn generated_module_files(module: &[OutputFile]) -> Vec<OutputFile> {
    let mut files = module.to_vec();
    files.push(OutputFile { path: PathBuf::from(MARKER), contents: MARKER_TEXT.to_owned() });
    files
}

/// The runtime sources, embedded so that a standalone crate needs nothing but serde.
const RUNTIME: &[(&str, &str)] = &[
    ("src/runtime/mod.rs", include_str!("../../openai-types/src/runtime/mod.rs")),
    ("src/runtime/nullable.rs", include_str!("../../openai-types/src/runtime/nullable.rs")),
    ("src/runtime/de.rs", include_str!("../../openai-types/src/runtime/de.rs")),
    ("src/runtime/object.rs", include_str!("../../openai-types/src/runtime/object.rs")),
    ("src/runtime/union.rs", include_str!("../../openai-types/src/runtime/union.rs")),
    ("src/runtime/value.rs", include_str!("../../openai-types/src/runtime/value.rs")),
    ("src/runtime/wire.rs", include_str!("../../openai-types/src/runtime/wire.rs")),
    ("src/runtime/endpoint.rs", include_str!("../../openai-types/src/runtime/endpoint.rs")),
    ("src/runtime/number.rs", include_str!("../../openai-types/src/runtime/number.rs")),
    ("src/runtime/file.rs", include_str!("../../openai-types/src/runtime/file.rs")),
    ("src/runtime/multipart.rs", include_str!("../../openai-types/src/runtime/multipart.rs")),
    ("src/runtime/json.rs", include_str!("../../openai-types/src/runtime/json.rs")),
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

/// The `[features]` lines of a crate's areas, one feature each, and `full` for all of them. A
/// crate's `Cargo.toml` must hold exactly these lines ([`check_area_features`]).
pub fn area_features(features: &[String]) -> String {
    let all: Vec<String> = features.iter().map(|f| toml_string(f)).collect();
    let mut out = format!(
        "# Every area of the API (generated code checks this list against the spec).\nfull = [{}]\n",
        all.join(", ")
    );
    for feature in features {
        out.push_str(&format!("{feature} = []\n"));
    }
    out
}

/// Checks that a hand-written `Cargo.toml` declares the crate's area features as
/// [`area_features`] writes them; the error says what to put there.
pub fn check_area_features(manifest_path: &Path, features: &[String]) -> Result<()> {
    let display = manifest_path.display().to_string();
    let text = fs::read_to_string(manifest_path).map_err(|e| Error::io(&display, &e))?;
    let expected = area_features(features);
    if text.replace("\r\n", "\n").contains(&expected) {
        return Ok(());
    }
    Err(Error {
        file: Some(display.clone()),
        location: Location::Path(display),
        message: format!(
            "the `[features]` of this manifest do not match the spec's areas; they must contain these lines \
             (in this order):\n{expected}"
        ),
    })
}

/// The files of a standalone crate generated from any spec; `module` holds the generated
/// module's files (`Generated::module_files`).
pub fn crate_files(crate_name: &CrateName, module: &[OutputFile], features: &[String]) -> Vec<OutputFile> {
    let package = toml_string(&crate_name.as_str().replace('_', "-"));
    let areas = area_features(features);
    let cargo = format!(
        "[package]\nname = {package}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = \"1\"\nserde_json = \"1\"\n\n\
         [features]\ndefault = [\"full\"]\n{areas}type-registry = []\n\n[workspace]\n"
    );
    let lib = format!(
        "//! Types generated by openai-types-codegen. Do not edit: regenerate instead.\n\n\
         pub mod runtime;\n\n\
         pub use runtime::{{Binary, FileUpload, JsonNumber, Mismatch, Nullable, Object, Presence, Problem, WireValue}};\npub use runtime::json;\n\n{GENERATED_LINT_ALLOWS}\nmod generated;\n// Without any area feature there are no types to re-export.\n#[allow(unused_imports)]\npub use generated::*;\n"
    );
    let mut files = vec![
        OutputFile { path: PathBuf::from("Cargo.toml"), contents: cargo },
        OutputFile { path: PathBuf::from("src/lib.rs"), contents: lib },
        OutputFile { path: PathBuf::from(MARKER), contents: MARKER_TEXT.to_owned() },
    ];
    for file in module {
        files.push(OutputFile { path: Path::new("src/generated").join(&file.path), contents: file.contents.clone() });
    }
    for (path, contents) in RUNTIME {
        files.push(OutputFile { path: PathBuf::from(path), contents: (*contents).to_owned() });
    }
    files
}

/// The most entries an output directory may hold: generator output is a few thousand files, so
/// more means the path names some other directory.
pub const MAX_OUTPUT_ENTRIES: usize = 100_000;

/// What is at a path inside an output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// A regular file of this many bytes.
    File(u64),
    /// A symbolic link or anything else that is not a directory: compared as different, never
    /// followed.
    Other,
}

/// An error about the output directory `dir`.
fn dir_error(dir: &Path, message: String) -> Error {
    let display = dir.display().to_string();
    Error { file: Some(display.clone()), location: Location::Path(display), message }
}

/// Everything below `dir` that is not a directory, relative to it, without following links;
/// `target/` directories (a built crate's) are passed over. At most `limit` entries are looked at.
fn existing_entries(dir: &Path, limit: usize) -> Result<BTreeMap<PathBuf, Entry>> {
    let mut out = BTreeMap::new();
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(Error::io(dir.display().to_string(), &e)),
        Ok(_) => {}
    }
    let mut seen = 0usize;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = fs::read_dir(&current).map_err(|e| Error::io(current.display().to_string(), &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(current.display().to_string(), &e))?;
            seen += 1;
            if seen > limit {
                return Err(dir_error(
                    dir,
                    format!(
                        "holds more than {limit} entries, far more than generator output; is it the right directory?"
                    ),
                ));
            }
            let path = entry.path();
            // The entry's own type: a link is reported as a link, not as what it points to.
            let kind = entry.file_type().map_err(|e| Error::io(path.display().to_string(), &e))?;
            if kind.is_dir() {
                if entry.file_name() != "target" {
                    stack.push(path);
                }
                continue;
            }
            let found = if kind.is_file() {
                Entry::File(entry.metadata().map_err(|e| Error::io(path.display().to_string(), &e))?.len())
            } else {
                Entry::Other
            };
            if let Ok(relative) = path.strip_prefix(dir) {
                out.insert(relative.to_path_buf(), found);
            }
        }
    }
    Ok(out)
}

/// Compares `files` with what is in `dir`; returns what a write would change. A directory
/// [`refuse_foreign`] refuses is an error, found before anything in it is read.
pub fn diff(dir: &Path, files: &[OutputFile]) -> Result<Changes> {
    refuse_foreign(dir)?;
    let existing = existing_entries(dir, MAX_OUTPUT_ENTRIES)?;
    let mut changes = Changes::default();
    for file in files {
        match existing.get(&file.path) {
            None => changes.added.push(file.path.clone()),
            // Read only a regular file of the right size: the walk reached it without links.
            Some(Entry::File(len)) if *len == file.contents.len() as u64 => {
                let path = dir.join(&file.path);
                let bytes = fs::read(&path).map_err(|e| Error::io(path.display().to_string(), &e))?;
                if bytes != file.contents.as_bytes() {
                    changes.changed.push(file.path.clone());
                }
            }
            Some(_) => changes.changed.push(file.path.clone()),
        }
    }
    // A set: the snapshot directory holds a file per type, and a scan per file was quadratic.
    let written: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    changes.removed.extend(existing.into_keys().filter(|path| !written.contains(path.as_path())));
    Ok(changes)
}

/// Refuses what the generator may not replace: a non-empty directory that is not earlier output
/// of the generator (no marker file), so a mistyped output path cannot wipe a directory; a
/// symbolic link (the generator never follows one); anything that is not a directory. Reads at
/// most one entry of the directory.
pub fn refuse_foreign(dir: &Path) -> Result<()> {
    let shown = dir.display();
    let metadata = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(shown.to_string(), &e)),
        Ok(metadata) => metadata,
    };
    if metadata.file_type().is_symlink() {
        return Err(dir_error(
            dir,
            format!("refusing to replace `{shown}`: it is a symbolic link; name the directory itself"),
        ));
    }
    if !metadata.is_dir() {
        return Err(dir_error(dir, format!("refusing to replace `{shown}`: it is not a directory")));
    }
    if fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let empty = fs::read_dir(dir).map_err(|e| Error::io(shown.to_string(), &e))?.next().is_none();
    if empty {
        return Ok(());
    }
    Err(dir_error(
        dir,
        format!("refusing to replace `{shown}`: it is not empty and was not written by the generator (no {MARKER})"),
    ))
}

/// One directory to replace, and everything that belongs in it.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub dir: &'a Path,
    pub files: &'a [OutputFile],
}

/// Replaces every target directory that has changes with exactly its files, all of them or none,
/// by the protocol in the module documentation (which first recovers what an interrupted earlier
/// write left). Returns each target's changes, in order. Foreign directories are refused before
/// anything is read or written.
pub fn write_targets(targets: &[Target<'_>]) -> Result<Vec<Changes>> {
    transaction::write(targets, &mut || Ok(())).map_err(transaction::Halt::into_error)
}

/// Replaces `dir` with exactly `files`: [`write_targets`] with one target.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> Result<Changes> {
    let mut changes = write_targets(&[Target { dir, files }])?;
    Ok(changes.pop().unwrap_or_default())
}

/// Whether an output file's path stays inside its directory: relative, with plain names only.
fn is_inside(path: &Path) -> bool {
    path.components().next().is_some() && path.components().all(|c| matches!(c, Component::Normal(_)))
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

    #[test]
    fn the_walk_is_bounded_and_names_the_directory() {
        let dir = std::env::temp_dir().join(format!("codegen-write-bound-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        for i in 0..5 {
            fs::write(dir.join("sub").join(format!("{i}.rs")), "x").unwrap();
        }
        assert_eq!(existing_entries(&dir, 6).unwrap().len(), 5);
        let err = existing_entries(&dir, 5).unwrap_err().to_string();
        assert!(err.starts_with(&dir.display().to_string()) && err.contains("more than 5 entries"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
