//! The `cargo xtask` command line: `diff` (exit codes, formats, bad input) and `codegen` with
//! `--spec`/`--out` (bad input writes nothing, a good spec writes a crate, `--check` finds stale
//! output, a foreign directory is refused).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(root()).output().expect("xtask runs")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("xtask exits with a code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A directory under the system temp dir, unique to this process and test, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xtask-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }

    fn str(&self, relative: &str) -> String {
        self.path(relative).display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const OLD: &str = "codegen/tests/diff/old.yaml";
const NEW: &str = "codegen/tests/diff/new.yaml";

#[test]
fn diff_exits_1_when_something_breaks() {
    let output = xtask(&["diff", OLD, NEW]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with(&format!("API changes ({OLD} → {NEW}): 1 breaking, 5 compatible changes\n")), "{text}");
    assert!(
        text.contains("! ResponseFunctionWebSearchActionSearch.query: changed from required to optional"),
        "{text}"
    );
    assert!(text.contains("+ ResponseInputItem::AdditionalTools: new variant"), "{text}");
    assert!(text.contains("+ CompactedResponseOutputItem::AdditionalTools: new variant"), "{text}");
    assert!(text.contains("Verdict: breaking"), "{text}");
}

#[test]
fn diff_exits_0_when_nothing_breaks() {
    let same = xtask(&["diff", NEW, NEW]);
    assert_eq!(code(&same), 0, "{}", stderr(&same));
    assert!(stdout(&same).contains("0 breaking, 0 compatible changes"), "{}", stdout(&same));
    // The project spec only adds to the fixture: compatible.
    let added = xtask(&["diff", NEW, "spec/openapi.yaml"]);
    assert_eq!(code(&added), 0, "{}", stderr(&added));
    assert!(stdout(&added).contains("Verdict: compatible — bump the patch version."), "{}", stdout(&added));
}

#[test]
fn diff_formats() {
    let json = xtask(&["diff", OLD, NEW, "--format", "json"]);
    assert_eq!(code(&json), 1);
    let text = stdout(&json);
    assert!(text.trim_start().starts_with('{') && text.trim_end().ends_with('}'), "{text}");
    for needle in [
        "\"verdict\": \"breaking\"",
        "\"breaking\": 1",
        "\"compatible\": 5",
        "\"kind\": \"field_optionality_changed\"",
        "\"location\": \"ResponseFunctionWebSearchActionSearch.query\"",
        "\"location\": \"ResponseInputItem::AdditionalTools\"",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    let markdown = xtask(&["diff", "--format=markdown", OLD, NEW]);
    assert_eq!(code(&markdown), 1);
    let text = stdout(&markdown);
    assert!(text.starts_with("## API changes: 1 breaking, 5 compatible changes\n"), "{text}");
    assert!(text.contains("| `ResponseFunctionWebSearchActionSearch.query` |"), "{text}");
    let plain = xtask(&["diff", OLD, NEW, "--format", "text"]);
    assert_eq!(stdout(&plain), stdout(&xtask(&["diff", OLD, NEW])));
}

#[test]
fn diff_usage_errors_exit_2() {
    for args in [
        &["diff"][..],
        &["diff", OLD],
        &["diff", OLD, NEW, NEW],
        &["diff", OLD, NEW, "--format", "xml"],
        &["diff", OLD, NEW, "--format"],
        &["diff", OLD, NEW, "--frobnicate"],
        &["frobnicate"],
        &[],
    ] {
        let output = xtask(args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("usage: cargo xtask"), "{args:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
    let help = xtask(&["diff", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("cargo xtask diff OLD NEW"));
}

#[test]
fn diff_bad_input_names_the_file_and_place() {
    let dir = TempDir::new("diff-bad");
    let missing = dir.str("missing.yaml");
    let output = xtask(&["diff", &missing, NEW]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains(&format!("error: {missing}:")), "{}", stderr(&output));

    let bad = dir.path("bad.yaml");
    std::fs::write(&bad, "openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n").expect("write");
    let output = xtask(&["diff", OLD, &bad.display().to_string()]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    let prefix = format!("error: {}:", bad.display());
    let rest = message.strip_prefix(&prefix).unwrap_or_else(|| panic!("names the file: {message}"));
    let mut parts = rest.splitn(3, ':');
    let (line, column) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    assert!(line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok(), "line:column: {message}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn codegen_with_a_bad_spec_writes_nothing() {
    let dir = TempDir::new("codegen-bad");
    let bad = dir.path("bad.yaml");
    std::fs::write(&bad, "openapi: 3.1.0\ninfo:\n  title: [unclosed\n  version: 1\n").expect("write");
    let out = dir.path("out");
    let output = xtask(&["codegen", "--spec", &bad.display().to_string(), "--out", &out.display().to_string()]);
    assert_ne!(code(&output), 0);
    let message = stderr(&output);
    assert!(message.starts_with(&format!("error: {}:", bad.display())), "{message}");
    assert!(message.contains("invalid YAML"), "{message}");
    assert!(!out.exists(), "nothing is written");
    let leftovers: Vec<_> =
        std::fs::read_dir(&dir.0).expect("read").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("bad.yaml")], "no staging directories either");
}

#[test]
fn codegen_writes_a_crate_and_check_finds_it_stale() {
    let dir = TempDir::new("codegen-crate");
    let out = dir.str("compact-types");
    let output = xtask(&["codegen", "--spec", NEW, "--out", &out]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for file in
        ["Cargo.toml", "src/lib.rs", "src/generated/mod.rs", "src/runtime/mod.rs", ".generated-by-openai-types-codegen"]
    {
        assert!(dir.path("compact-types").join(file).is_file(), "{file} is written");
    }
    let cargo = std::fs::read_to_string(dir.path("compact-types/Cargo.toml")).expect("Cargo.toml");
    assert!(cargo.contains("name = \"compact-types\""), "{cargo}");
    // The spec's one area is a module and a feature; one file per type, re-exported by it.
    assert!(cargo.contains("full = [\"responses\"]\nresponses = []\n"), "{cargo}");
    let root = std::fs::read_to_string(dir.path("compact-types/src/generated/mod.rs")).expect("mod.rs");
    assert!(root.contains("#[cfg(feature = \"responses\")]\npub use responses::*;"), "{root}");
    let module = std::fs::read_to_string(dir.path("compact-types/src/generated/responses/mod.rs")).expect("mod.rs");
    assert!(module.contains("pub use response_input_item::ResponseInputItem;"), "{module}");
    let union = std::fs::read_to_string(dir.path("compact-types/src/generated/responses/response_input_item.rs"))
        .expect("response_input_item.rs");
    assert!(
        union.contains("pub enum ResponseInputItem") && union.contains("AdditionalTools("),
        "the new item is there"
    );
    assert!(!dir.path("compact-types/snapshots").exists(), "per-type snapshots belong to openai-types only");

    // Up to date with the spec it came from (and printed as prettyplease would).
    let check = xtask(&["codegen", "--check", "--spec", NEW, "--out", &out]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    assert!(stdout(&check).contains("is up to date"), "{}", stdout(&check));

    // Stale against the old side: exit 1, the file listed, the fix named, nothing written.
    let before = std::fs::read_to_string(dir.path("compact-types/src/generated/responses/response_input_item.rs"))
        .expect("file");
    let check = xtask(&["codegen", "--check", "--spec", OLD, "--out", &out]);
    assert_eq!(code(&check), 1, "{}", stderr(&check));
    let message = stderr(&check);
    assert!(message.contains("is stale"), "{message}");
    assert!(message.contains("changed: src/generated/responses/response_input_item.rs"), "{message}");
    assert!(message.contains("run `cargo xtask codegen --spec"), "{message}");
    let union_file = dir.path("compact-types/src/generated/responses/response_input_item.rs");
    assert_eq!(std::fs::read_to_string(&union_file).expect("file"), before);

    // Regenerating from the old side replaces it, and says what changed.
    let output = xtask(&["codegen", "--spec", OLD, "--out", &out]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("changed: src/generated/responses/response_input_item.rs"), "{}", stdout(&output));
    let union = std::fs::read_to_string(&union_file).expect("file");
    assert!(!union.contains("AdditionalTools("), "the old side has no additional tools items");
}

#[test]
fn codegen_refuses_a_directory_it_did_not_write() {
    let dir = TempDir::new("codegen-foreign");
    let out = dir.path("mine");
    std::fs::create_dir_all(&out).expect("dir");
    std::fs::write(out.join("notes.txt"), "keep me").expect("write");
    let output = xtask(&["codegen", "--spec", NEW, "--out", &out.display().to_string()]);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).contains("refusing to replace"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(out.join("notes.txt")).expect("kept"), "keep me");
    assert_eq!(std::fs::read_dir(&out).expect("read").count(), 1, "nothing added");
}

#[test]
fn codegen_usage_errors_exit_2() {
    for args in [&["codegen", "--frobnicate"][..], &["codegen", "--spec"], &["codegen", "--crate-name", "x"]] {
        let output = xtask(args);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn codegen_diff_needs_a_revision_git_knows() {
    let dir = TempDir::new("codegen-diff");
    let out = dir.str("out");
    let output = xtask(&["codegen", "--spec", NEW, "--out", &out, "--diff-base", "no-such-revision-anywhere"]);
    assert_ne!(code(&output), 0);
    assert!(stderr(&output).contains("no-such-revision-anywhere"), "{}", stderr(&output));
    assert!(!dir.path("out").exists(), "nothing is written when the report cannot be made");
}

#[test]
fn codegen_diff_reports_against_git_head() {
    let dir = TempDir::new("codegen-diff-head");
    let out = dir.str("out");
    let output = xtask(&["codegen", "--spec", "spec/openapi.yaml", "--out", &out, "--diff"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("API changes (HEAD:spec/openapi.yaml → spec/openapi.yaml): "), "{text}");
    assert!(text.contains("\nVerdict: "), "{text}");
    assert!(dir.path("out/src/generated/mod.rs").is_file());
}

#[test]
fn diff_reads_a_spec_at_a_git_revision() {
    let output = xtask(&["diff", "HEAD:spec/openapi.yaml", "HEAD:spec/openapi.yaml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with(
            "API changes (HEAD:spec/openapi.yaml → HEAD:spec/openapi.yaml): 0 breaking, 0 compatible changes\n"
        ),
        "{}",
        stdout(&output)
    );
    let missing = xtask(&["diff", "HEAD:no/such/spec.yaml", NEW]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("error: HEAD:no/such/spec.yaml: git cannot show the spec"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn codegen_wraps_every_operation_whatever_its_body() {
    // A form upload, a raw body and byte responses: once skipped with a warning, now wrapped.
    let dir = TempDir::new("codegen-files");
    let out = dir.str("out");
    let output = xtask(&["codegen", "--spec", "codegen/tests/fixtures/files.yaml", "--out", &out]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(!stderr(&output).contains("skipped"), "{}", stderr(&output));
    let module = std::fs::read_to_string(dir.path("out/src/generated/mod.rs")).expect("mod.rs");
    for wrapper in [
        "impl crate::runtime::Endpoint for TranscriptionRequest",
        "impl crate::runtime::Endpoint for EditJsonRequest",
        "impl crate::runtime::Endpoint for EditUploadRequest",
        "impl crate::runtime::Endpoint for CreateCallRequest",
        "impl crate::runtime::Endpoint for DownloadFileRequest",
    ] {
        assert!(module.contains(wrapper), "{wrapper} in {module}");
    }
}

#[test]
fn codegen_refuses_a_crate_name_that_would_break_cargo_toml() {
    let dir = TempDir::new("codegen-crate-name");
    let out = dir.str("out");
    for name in ["x\"\nbuild = \"evil.rs", "test", "fn", "1st", ""] {
        let output = xtask(&["codegen", "--spec", NEW, "--out", &out, "--crate-name", name]);
        assert_eq!(code(&output), 2, "{name:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("invalid crate name"), "{name:?}: {}", stderr(&output));
        assert!(!dir.path("out").exists(), "{name:?}: nothing is written");
    }
}

#[test]
fn codegen_derives_a_crate_name_cargo_accepts() {
    let dir = TempDir::new("codegen-derived-name");
    let out = dir.str("My Types");
    let output = xtask(&["codegen", "--spec", NEW, "--out", &out]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let manifest = dir.path("My Types/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("Cargo.toml");
    assert!(text.contains("name = \"my-types\"\n"), "{text}");
    // Cargo itself reads the manifest (no dependency is resolved, so no network).
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let metadata = Command::new(cargo)
        .args(["metadata", "--no-deps", "--offline", "--format-version", "1", "--manifest-path"])
        .arg(&manifest)
        .output()
        .expect("cargo runs");
    assert!(metadata.status.success(), "{}", stderr(&metadata));
    assert!(stdout(&metadata).contains("\"name\":\"my-types\""), "{}", stdout(&metadata));

    // A directory no crate name can be made from: a clear error that names the way out.
    let output = xtask(&["codegen", "--spec", NEW, "--out", &dir.str("123")]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--crate-name NAME"), "{}", stderr(&output));
    assert!(!dir.path("123").exists());
}

#[test]
fn codegen_diff_base_cannot_be_a_git_option() {
    let dir = TempDir::new("codegen-diff-option");
    // Where `git show --output=DIR/evil:./new.yaml` would write, had the revision reached git as
    // an option: the spec's file name follows the revision.
    std::fs::create_dir_all(dir.path("evil:.")).expect("dir");
    let out = dir.str("out");
    for rev in [format!("--output={}", dir.str("evil")), "-p".to_owned()] {
        let output = xtask(&["codegen", "--spec", NEW, "--out", &out, "--diff-base", &rev]);
        assert_eq!(code(&output), 2, "{rev}: {}", stderr(&output));
        assert!(stderr(&output).contains("starts with `-`: git would read it as an option"), "{}", stderr(&output));
        assert_eq!(std::fs::read_dir(dir.path("evil:.")).expect("read").count(), 0, "git wrote no file");
        assert!(!dir.path("out").exists(), "nothing is written");
    }
}

#[test]
fn codegen_check_refuses_a_foreign_directory_without_looking_behind_links() {
    let dir = TempDir::new("codegen-check-foreign");
    std::fs::create_dir_all(dir.path("tree/deep")).expect("dir");
    std::fs::write(dir.path("tree/deep/secret.txt"), "behind the link").expect("write");
    std::fs::create_dir_all(dir.path("mine")).expect("dir");
    std::fs::write(dir.path("mine/notes.txt"), "keep me").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path("tree"), dir.path("mine/tree")).expect("link");
    for check in [true, false] {
        let mut args = vec!["codegen", "--spec", NEW];
        if check {
            args.push("--check");
        }
        let out = dir.str("mine");
        args.extend(["--out", &out]);
        let output = xtask(&args);
        assert_ne!(code(&output), 0);
        let message = stderr(&output);
        assert!(message.contains("refusing to replace") && !message.contains("secret"), "{message}");
        assert_eq!(std::fs::read_to_string(dir.path("mine/notes.txt")).expect("kept"), "keep me");
    }
}
