//! The writer replaces an output directory with all of the generated files, or leaves it alone;
//! it never follows a link, refuses a directory it did not write before looking inside, recovers
//! what an interrupted write left, and names crates only as cargo allows.

use codegen::write::{
    area_features, check_area_features, crate_files, diff, write_all, write_targets, CrateName, OutputFile, Target,
    MARKER,
};
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
    let files = crate_files(
        &CrateName::new("my_types").unwrap(),
        &[OutputFile { path: "mod.rs".into(), contents: "// types\n".into() }],
        &["audio".to_owned(), "files".to_owned()],
    );
    let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
    for expected in ["Cargo.toml", "src/lib.rs", "src/generated/mod.rs"] {
        assert!(paths.iter().any(|p| p == expected), "{expected} in {paths:?}");
    }
    // Every file of the project's runtime, so a new runtime module cannot be left out.
    let runtime = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openai-types/src/runtime");
    for entry in std::fs::read_dir(runtime).unwrap() {
        let expected = format!("src/runtime/{}", entry.unwrap().file_name().to_string_lossy());
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    let cargo = &files.iter().find(|f| f.path.ends_with("Cargo.toml")).unwrap().contents;
    assert!(cargo.contains("name = \"my-types\""), "{cargo}");
    // A feature per area, `full` for all, on by default.
    let features = &cargo[cargo.find("[features]").expect("features")..];
    assert!(
        features.starts_with("[features]\ndefault = [\"full\"]\n# Every area of the API (generated code checks this list against the spec).\nfull = [\"audio\", \"files\"]\naudio = []\nfiles = []\ntype-registry = []\n"),
        "{features}"
    );
}

#[test]
fn a_manifest_must_declare_the_areas_of_the_spec() {
    let dir = std::env::temp_dir().join(format!("area-features-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("Cargo.toml");
    let areas = ["conversations".to_owned(), "responses".to_owned()];
    std::fs::write(
        &manifest,
        format!("[package]\nname = \"x\"\n\n[features]\ndefault = [\"full\"]\n{}", area_features(&areas)),
    )
    .unwrap();
    assert!(check_area_features(&manifest, &areas).is_ok());
    // A new area in the spec: the error names the manifest and gives the lines to put in it.
    let more = ["conversations".to_owned(), "responses".to_owned(), "files".to_owned()];
    let err = check_area_features(&manifest, &more).unwrap_err().to_string();
    assert!(err.contains(&manifest.display().to_string()), "{err}");
    assert!(
        err.contains("full = [\"conversations\", \"responses\", \"files\"]\n") && err.contains("files = []"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The names in `dir`'s parent that start with `dir`'s name and are not `dir` itself: what a
/// write left beside it.
fn beside(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut out: Vec<String> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != &name && n.contains(&name))
        .collect();
    out.sort();
    out
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
    let files = crate_files(&CrateName::new("my_types").unwrap(), &[], &[]);
    let cargo = &files.iter().find(|f| f.path.ends_with("Cargo.toml")).unwrap().contents;
    let names: Vec<&str> = cargo.lines().filter(|l| l.starts_with("name")).collect();
    assert_eq!(names, ["name = \"my-types\""]);
    assert!(!cargo.contains("build"), "{cargo}");
}

#[test]
#[cfg(unix)] // symbolic links
fn a_foreign_directory_is_refused_before_anything_in_it_is_read() {
    let dir = temp_dir("foreign-link");
    let tree = temp_dir("foreign-link-tree");
    std::fs::create_dir_all(tree.join("deep")).unwrap();
    std::fs::write(tree.join("deep/secret.txt"), "behind the link").unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink(&tree, dir.join("tree")).unwrap();
    let files = [file(MARKER, "m"), file("a.rs", "a")];
    // Comparing (what --check does) and writing both refuse at once, listing nothing behind the link.
    for err in [diff(&dir, &files).map(|_| ()).unwrap_err(), write_all(&dir, &files).map(|_| ()).unwrap_err()] {
        let err = err.to_string();
        assert!(err.contains("refusing to replace") && err.contains(&dir.display().to_string()), "{err}");
    }
    assert_eq!(std::fs::read_to_string(tree.join("deep/secret.txt")).unwrap(), "behind the link");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "nothing added");
    assert_eq!(beside(&dir), Vec::<String>::new(), "no lock, staging or journal");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&tree).unwrap();
}

#[test]
#[cfg(unix)] // symbolic links
fn links_in_the_output_are_entries_never_followed() {
    let dir = temp_dir("inner-link");
    let outside = temp_dir("inner-link-outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "outside").unwrap();
    write_all(&dir, &[file(MARKER, "m"), file("a.rs", "a")]).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("linked")).unwrap();
    // A link where an output file goes: compared as different, not read through.
    std::os::unix::fs::symlink(outside.join("secret.txt"), dir.join("b.rs")).unwrap();

    let files = [file(MARKER, "m"), file("a.rs", "a2"), file("b.rs", "outside")];
    let changes = diff(&dir, &files).unwrap();
    assert_eq!(changes.changed, [PathBuf::from("a.rs"), PathBuf::from("b.rs")]);
    assert_eq!(changes.removed, [PathBuf::from("linked")], "the link itself, not what is behind it");
    assert_eq!(write_all(&dir, &files).unwrap(), changes);

    assert!(!dir.join("linked").exists() && std::fs::read_to_string(dir.join("b.rs")).unwrap() == "outside");
    assert!(!std::fs::symlink_metadata(dir.join("b.rs")).unwrap().file_type().is_symlink(), "a file now");
    assert_eq!(std::fs::read_to_string(outside.join("secret.txt")).unwrap(), "outside", "untouched");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}

#[test]
#[cfg(unix)] // symbolic links
fn an_output_path_that_is_a_link_is_refused() {
    let real = temp_dir("out-link-real");
    let link = temp_dir("out-link");
    write_all(&real, &[file(MARKER, "m"), file("a.rs", "a")]).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let err = write_all(&link, &[file(MARKER, "m"), file("a.rs", "b")]).unwrap_err().to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(real.join("a.rs")).unwrap(), "a");
    std::fs::remove_file(&link).unwrap();
    std::fs::remove_dir_all(&real).unwrap();
}

#[test]
fn output_files_stay_inside_the_directory() {
    let dir = temp_dir("escape");
    for path in ["../escaped.rs", "/tmp/escaped.rs", "a/../../escaped.rs", ""] {
        let err = write_all(&dir, &[file(MARKER, "m"), file(path, "x")]).unwrap_err().to_string();
        assert!(err.contains("outside the directory"), "{path}: {err}");
    }
    assert!(!dir.exists());
}

#[test]
fn what_an_interrupted_write_left_is_recovered() {
    // The protocol before this one named its directories by process id; a kill between its two
    // renames left the output directory missing and the old contents in `.NAME.old-PID`.
    let dir = temp_dir("legacy");
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let old = parent.join(format!(".{name}.old-4242"));
    let staged = parent.join(format!(".{name}.new-4242"));
    for (at, contents) in [(&old, "old"), (&staged, "half")] {
        let _ = std::fs::remove_dir_all(at);
        std::fs::create_dir_all(at).unwrap();
        std::fs::write(at.join(MARKER), "m").unwrap();
        std::fs::write(at.join("a.rs"), contents).unwrap();
    }
    // Nothing to change once the old output is back: it is put back and the rest removed.
    let files = [file(MARKER, "m"), file("a.rs", "old")];
    assert!(write_all(&dir, &files).unwrap().is_empty());
    assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "old");
    assert_eq!(beside(&dir), Vec::<String>::new());

    // This protocol's fixed names, as a kill before the commit leaves them: the staged contents
    // are dropped and the output is written anew.
    std::fs::create_dir_all(parent.join(format!(".{name}.new/sub"))).unwrap();
    std::fs::write(parent.join(format!(".{name}.lock")), "4294967295").unwrap();
    std::fs::write(parent.join(format!(".{name}.journal.tmp")), "half a jour").unwrap();
    let changes = write_all(&dir, &[file(MARKER, "m"), file("a.rs", "new")]).unwrap();
    assert_eq!(changes.changed, [PathBuf::from("a.rs")]);
    assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "new");
    assert_eq!(beside(&dir), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn several_directories_are_written_together() {
    let one = temp_dir("together-one");
    let two = temp_dir("together-two");
    write_all(&two, &[file(MARKER, "m"), file("b.rs", "b")]).unwrap();
    let files_one = [file(MARKER, "m"), file("a.rs", "a")];
    let files_two = [file(MARKER, "m"), file("b.rs", "b")];
    let targets = [Target { dir: &one, files: &files_one }, Target { dir: &two, files: &files_two }];
    let changes = write_targets(&targets).unwrap();
    assert_eq!(changes[0].added.len(), 2);
    assert!(changes[1].is_empty(), "an unchanged directory is left alone");
    // A failure in one leaves both as they were.
    let bad = [file(MARKER, "m"), file("a.rs", "a2"), file("a.rs/inner.rs", "x")];
    let fine = [file(MARKER, "m"), file("b.rs", "b2")];
    let err = write_targets(&[Target { dir: &two, files: &fine }, Target { dir: &one, files: &bad }]);
    assert!(err.is_err());
    assert_eq!(std::fs::read_to_string(one.join("a.rs")).unwrap(), "a");
    assert_eq!(std::fs::read_to_string(two.join("b.rs")).unwrap(), "b");
    assert_eq!(beside(&one), Vec::<String>::new());
    assert_eq!(beside(&two), Vec::<String>::new());
    // The same directory twice is an error, not a corrupted journal.
    let twice = write_targets(&[Target { dir: &one, files: &fine }, Target { dir: &one, files: &fine }]);
    assert!(twice.unwrap_err().to_string().contains("named twice"));
    std::fs::remove_dir_all(&one).unwrap();
    std::fs::remove_dir_all(&two).unwrap();
}
