//! The writer replaces an output directory with all of the generated files, or leaves it alone.

use codegen::write::{crate_files, diff, write_all, CrateName, OutputFile, MARKER};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn file(path: &str, contents: &str) -> OutputFile {
    OutputFile { path: PathBuf::from(path), contents: contents.to_owned() }
}

#[test]
fn writes_everything_and_reports_changes() {
    let dir = temp_dir("report");
    let first = [file(MARKER, "m"), file("a.rs", "a"), file("sub/b.rs", "b")];
    let changes = write_all(&dir, &first).unwrap();
    assert_eq!(changes.added.len(), 3);
    assert_eq!(std::fs::read_to_string(dir.join("sub/b.rs")).unwrap(), "b");

    let second = [file(MARKER, "m"), file("a.rs", "a2")];
    let changes = write_all(&dir, &second).unwrap();
    assert_eq!(changes.changed, [PathBuf::from("a.rs")]);
    assert_eq!(changes.removed, [PathBuf::from("sub/b.rs")]);
    assert!(!dir.join("sub/b.rs").exists(), "stale files are removed");
    assert!(diff(&dir, &second).unwrap().is_empty());
    // No staging directories are left behind.
    let parent = dir.parent().unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(&format!("codegen-write-report-{}.", std::process::id())))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let dir = temp_dir("refuse");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("precious.txt"), "keep me").unwrap();
    let err = write_all(&dir, &[file("a.rs", "a")]).unwrap_err();
    assert!(err.to_string().contains("refusing to replace"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("precious.txt")).unwrap(), "keep me");
    assert!(!dir.join("a.rs").exists(), "nothing half-written");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_write_leaves_the_old_output_untouched() {
    let dir = temp_dir("failed");
    write_all(&dir, &[file(MARKER, "m"), file("a.rs", "old")]).unwrap();
    // A path that cannot be created (a file where a directory must go) makes staging fail.
    let err = write_all(&dir, &[file(MARKER, "m"), file("a.rs", "new"), file("a.rs/inner.rs", "x")]);
    assert!(err.is_err());
    assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "old");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn standalone_crates_carry_the_runtime() {
    let files = crate_files(&CrateName::new("my_types").unwrap(), "// types\n");
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    for expected in ["Cargo.toml", "src/lib.rs", "src/generated/mod.rs", "src/runtime/mod.rs", "src/runtime/de.rs"] {
        assert!(paths.iter().any(|p| p == expected), "{expected} in {paths:?}");
    }
    let cargo = &files.iter().find(|f| f.path.ends_with("Cargo.toml")).unwrap().contents;
    assert!(cargo.contains("name = \"my-types\""), "{cargo}");
}

#[test]
fn crate_names_are_checked_as_cargo_does() {
    for good in ["my_types", "my-types", "a", "_private", "Types2", &"x".repeat(64)] {
        assert_eq!(CrateName::new(good).map(|n| n.to_string()), Ok(good.to_owned()));
    }
    for (bad, why) in [
        ("x\"\nbuild = \"evil.rs", "only ASCII letters"),
        ("", "empty"),
        ("my types", "only ASCII letters"),
        ("caf\u{e9}", "only ASCII letters"),
        ("1password", "start with a letter"),
        ("-x", "start with a letter"),
        ("fn", "keyword"),
        ("self", "keyword"),
        ("_", "keyword"),
        ("test", "reserves"),
        ("std", "reserves"),
        ("proc-macro", "reserves"),
        ("NUL", "reserves"),
        (&"x".repeat(65), "longer than 64"),
    ] {
        let err = CrateName::new(bad).unwrap_err();
        assert!(err.contains(why), "{bad:?}: {err}");
        // The name is shown escaped: a hostile one cannot forge a line of output.
        assert!(!err.contains('\n'), "{err}");
    }
}

#[test]
fn crate_names_from_directories() {
    let name = |dir: &str| CrateName::from_dir(Path::new(dir)).map(|n| n.to_string());
    assert_eq!(name("out/My Types"), Ok("my-types".to_owned()));
    assert_eq!(name("/tmp/my_types"), Ok("my_types".to_owned()));
    assert_eq!(name("x/--Weird..Name!!"), Ok("weird-name".to_owned()));
    assert_eq!(name(&"long".repeat(40)), Ok("long".repeat(16)));
    for hopeless in ["out/123", "out/$$$", "out/std", "out/fn"] {
        let err = name(hopeless).unwrap_err();
        assert!(err.contains(hopeless) && err.contains("name the crate explicitly"), "{err}");
    }
}

#[test]
fn the_manifest_holds_exactly_the_name() {
    let files = crate_files(&CrateName::new("my_types").unwrap(), "");
    let cargo = &files.iter().find(|f| f.path.ends_with("Cargo.toml")).unwrap().contents;
    let names: Vec<&str> = cargo.lines().filter(|l| l.starts_with("name")).collect();
    assert_eq!(names, ["name = \"my-types\""]);
    assert!(!cargo.contains("build"), "{cargo}");
}
