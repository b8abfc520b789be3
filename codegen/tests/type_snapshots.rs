//! Per-type snapshots of `openai-types`: one file per generated type in
//! `codegen/tests/snapshots/types/` (insta's format), written by `cargo xtask codegen` together with
//! `openai-types/src/generated/`. A spec change that touches one schema changes that schema's
//! snapshot, so the review diff is per type.
//!
//! This test and `cargo xtask codegen --check` check the same thing — the generated module and the
//! snapshots on disk are what `spec/openapi.yaml` generates — and both name the one command that
//! fixes it: `cargo xtask codegen`. When they differ (and not on CI, and `INSTA_UPDATE` is not
//! `no`), the test also leaves `<Type>.snap.new` files, so `cargo insta review` can show each
//! changed type before regenerating.

use codegen::diff::{self, TypeChanges, GENERATED_DIR, TYPE_SNAPSHOT_DIR};
use codegen::write::{self, Changes, OutputFile, MARKER};
use codegen::Options;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The snapshot files of a spec, by type name.
fn snapshots_of(spec: &Path, options: &Options) -> (Vec<OutputFile>, usize) {
    let generated = codegen::generate_file(spec, options).unwrap_or_else(|e| panic!("{e}"));
    (diff::type_snapshot_files(&generated.type_surfaces), generated.model.types.len())
}

fn write_pending(dir: &Path, files: &[OutputFile], changes: &Changes) -> usize {
    let update = std::env::var("INSTA_UPDATE").unwrap_or_default();
    if std::env::var_os("CI").is_some() || update == "no" || !dir.join(MARKER).exists() {
        return 0;
    }
    let mut written = 0;
    for path in changes.added.iter().chain(&changes.changed) {
        let Some(file) = files.iter().find(|f| &f.path == path && path.extension().is_some_and(|e| e == "snap")) else {
            continue;
        };
        let mut pending = dir.join(path).into_os_string();
        pending.push(".new");
        if std::fs::write(&pending, &file.contents).is_ok() {
            written += 1;
        }
    }
    written
}

#[test]
fn checked_in_output_matches_the_spec() {
    let root = root();
    let spec = root.join("spec/openapi.yaml");
    let options = Options::openai_types();
    let generated = codegen::generate_file(&spec, &options).unwrap_or_else(|e| panic!("{e}"));
    let module = write::generated_module_files(&generated.module_files);
    let (snapshots, _) = snapshots_of(&spec, &options);

    let module_dir = root.join(GENERATED_DIR);
    let snapshot_dir = root.join(TYPE_SNAPSHOT_DIR);
    let module_changes = diff::output_diff(&module_dir, &module).unwrap_or_else(|e| panic!("{e}"));
    let snapshot_changes = diff::output_diff(&snapshot_dir, &snapshots).unwrap_or_else(|e| panic!("{e}"));
    if module_changes.is_empty() && snapshot_changes.is_empty() {
        return;
    }

    let mut message = String::from("the checked-in output differs from what spec/openapi.yaml generates\n");
    for (dir, changes) in [(GENERATED_DIR, &module_changes), (TYPE_SNAPSHOT_DIR, &snapshot_changes)] {
        for (label, paths) in [("added", &changes.added), ("changed", &changes.changed), ("removed", &changes.removed)]
        {
            if paths.is_empty() {
                continue;
            }
            if paths.len() > 20 {
                message.push_str(&format!("  {dir}: {label}: {} files\n", paths.len()));
            } else {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                message.push_str(&format!("  {dir}: {label}: {}\n", names.join(", ")));
            }
        }
    }
    let types = TypeChanges::from_snapshot_changes(&snapshot_changes);
    if snapshot_dir.join(MARKER).exists() && !types.is_empty() {
        message.push_str(&format!("{}\n", types.summary()));
        for line in types.lines(usize::MAX) {
            message.push_str(&format!("{line}\n"));
        }
    }
    let pending = write_pending(&snapshot_dir, &snapshots, &snapshot_changes);
    message.push_str(
        "run `cargo xtask codegen` to regenerate openai-types/src/generated/ and the type snapshots, then review `git diff`",
    );
    if pending > 0 {
        let (noun, verb) = if pending == 1 { ("snapshot", "was") } else { ("snapshots", "were") };
        message.push_str(&format!(
            "\n({pending} pending {noun} {verb} written to {TYPE_SNAPSHOT_DIR}/: `cargo insta review` shows each changed type)"
        ));
    }
    panic!("{message}");
}

#[test]
fn one_snapshot_per_type_named_after_it() {
    let (files, count) = snapshots_of(&root().join("spec/openapi.yaml"), &Options::openai_types());
    let snaps: Vec<&OutputFile> = files.iter().filter(|f| f.path.extension().is_some_and(|e| e == "snap")).collect();
    assert_eq!(snaps.len(), count, "one snapshot per type");
    assert!(files.iter().any(|f| f.path == Path::new(MARKER)), "the directory is marked as generator output");
    for file in snaps {
        let name = diff::snapshot_type_name(&file.path).unwrap_or_else(|| panic!("{}", file.path.display()));
        assert_eq!(file.path, PathBuf::from(format!("{name}.snap")));
        assert!(
            file.contents.starts_with("---\nsource: codegen/tests/type_snapshots.rs\n")
                && file.contents.contains(&format!("\nexpression: {name}\n---\n")),
            "insta's header: {}",
            file.path.display()
        );
        assert!(
            file.contents.contains(&format!(" {name} ")) || file.contents.contains(&format!(" {name}<")),
            "the snapshot holds the type's items: {name}"
        );
    }
}

#[test]
fn a_spec_change_touches_only_the_snapshots_of_the_types_it_changes() {
    let options = Options::default();
    let (old, _) = snapshots_of(&root().join("codegen/tests/diff/old.yaml"), &options);
    let (new, _) = snapshots_of(&root().join("codegen/tests/diff/new.yaml"), &options);
    let by_name = |files: &[OutputFile]| -> BTreeMap<String, String> {
        files.iter().filter_map(|f| Some((diff::snapshot_type_name(&f.path)?, f.contents.clone()))).collect()
    };
    let (old, new) = (by_name(&old), by_name(&new));
    let added: Vec<&str> = new.keys().filter(|k| !old.contains_key(*k)).map(String::as_str).collect();
    let removed: Vec<&str> = old.keys().filter(|k| !new.contains_key(*k)).map(String::as_str).collect();
    let changed: Vec<&str> =
        new.iter().filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v)).map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        added,
        ["ResponseAdditionalToolsItem", "ResponseAdditionalToolsItemRole", "ResponseInputItemAdditionalTools"]
    );
    assert!(removed.is_empty(), "{removed:?}");
    // The two unions that gain a variant, and the web search action whose `query` became optional.
    assert_eq!(changed, ["CompactedResponseOutputItem", "ResponseFunctionWebSearchActionSearch", "ResponseInputItem"]);
}

#[test]
fn snapshot_files_are_insta_snapshots() {
    // insta reads the files the way `cargo insta review` does: the metadata, and the type's source
    // as the contents.
    let dir = std::env::temp_dir().join(format!("codegen-type-snapshots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let source = "/// A thing.\npub struct Thing {\n    pub name: String,\n}\n\nimpl Thing {}\n";
    let files = diff::type_snapshot_files(&[("Thing".to_owned(), source.to_owned())]);
    let file = files.iter().find(|f| f.path == Path::new("Thing.snap")).expect("Thing.snap");
    std::fs::write(dir.join(&file.path), &file.contents).unwrap_or_else(|e| panic!("{e}"));
    let snapshot = insta::Snapshot::from_file(&dir.join("Thing.snap")).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(snapshot.metadata().source(), Some("codegen/tests/type_snapshots.rs"));
    assert_eq!(snapshot.metadata().expression(), Some("Thing"));
    let contents = snapshot.as_text().map(ToString::to_string).unwrap_or_default();
    assert_eq!(contents, source.trim_end());
}
