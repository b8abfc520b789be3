//! `cargo xtask`: the project's command line.
//!
//! - `cargo xtask codegen`: regenerate `openai-types/src/generated/` and the per-type snapshots
//!   (`codegen/tests/snapshots/types/`) from `spec/openapi.yaml`, and say which types changed.
//! - `cargo xtask codegen --check`: write nothing; fail if the checked-in output is stale.
//! - `cargo xtask codegen --diff [--diff-base REV]`: also print the API change report against the
//!   spec at a git revision (`HEAD` by default).
//! - `cargo xtask codegen --spec FILE --out DIR [--crate-name NAME]`: generate a standalone crate.
//! - `cargo xtask diff OLD NEW [--format text|json|markdown]`: the API change report between two
//!   spec files (or `REV:PATH` of a file in git); exit code 0 when nothing breaks, 1 when something
//!   does, 2 when there is no report.

use codegen::diff::{self, Report, TypeChanges, GENERATED_DIR, TYPE_SNAPSHOT_DIR};
use codegen::write::{self, Changes, CrateName, OutputFile, Target, MARKER};
use codegen::{Error, Options};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--diff] [--diff-base REV] [--spec FILE] [--out DIR] [--crate-name NAME]
       cargo xtask diff OLD NEW [--format text|json|markdown]

codegen: regenerate openai-types/src/generated/ and its per-type snapshots
(codegen/tests/snapshots/types/) from spec/openapi.yaml, and print which types changed
  --check             write nothing; exit 1 if the output on disk differs from what the spec generates
  --diff              also print the API change report against the spec at git HEAD
  --diff-base REV     compare with the spec at git revision REV instead (implies --diff)
  --spec FILE         the OpenAPI file to read (YAML or JSON)
  --out DIR           write a standalone crate (Cargo.toml, src/) to DIR instead
  --crate-name NAME   the standalone crate's package name (default: made from DIR's name: `My Types` →
                      my-types)

diff: the API change report from spec OLD to spec NEW, each change classified as breaking or
compatible for users of the generated crate; OLD and NEW are files, or REV:PATH for a file in git
(e.g. HEAD:spec/openapi.yaml)
  --format FORMAT     text (default), json or markdown
  exit code: 0 nothing breaks, 1 something breaks, 2 no report (usage error, unreadable or invalid spec)";

/// Exit code of `diff` when there is no report (and of usage errors everywhere).
const NO_REPORT: u8 = 2;

struct CodegenArgs {
    check: bool,
    diff_base: Option<String>,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    /// The standalone crate's name: given, or made from `out`'s name.
    crate_name: Option<CrateName>,
    crate_name_given: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Text,
    Json,
    Markdown,
}

struct DiffArgs {
    old: PathBuf,
    new: PathBuf,
    format: Format,
}

/// Why arguments were not accepted: help was asked for, or they are wrong.
enum ArgsError {
    Help,
    Usage(String),
}

fn parse_codegen_args(args: &[String]) -> Result<CodegenArgs, ArgsError> {
    let mut parsed =
        CodegenArgs { check: false, diff_base: None, spec: None, out: None, crate_name: None, crate_name_given: false };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value =
            |flag: &str| iter.next().cloned().ok_or_else(|| ArgsError::Usage(format!("{flag} needs a value")));
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--diff" => {
                parsed.diff_base.get_or_insert_with(|| "HEAD".to_owned());
            }
            "--diff-base" => {
                let rev = value("--diff-base")?;
                check_revision(&rev).map_err(ArgsError::Usage)?;
                parsed.diff_base = Some(rev);
            }
            "--spec" => parsed.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => {
                parsed.crate_name = Some(CrateName::new(&value("--crate-name")?).map_err(ArgsError::Usage)?);
                parsed.crate_name_given = true;
            }
            "-h" | "--help" => return Err(ArgsError::Help),
            other => return Err(ArgsError::Usage(format!("unknown argument `{other}`"))),
        }
    }
    match (&parsed.out, &parsed.crate_name) {
        (None, Some(_)) => return Err(ArgsError::Usage("--crate-name goes with --out".to_owned())),
        (Some(out), None) => {
            let derived =
                CrateName::from_dir(out).map_err(|e| ArgsError::Usage(format!("{e} with --crate-name NAME")))?;
            parsed.crate_name = Some(derived);
        }
        _ => {}
    }
    Ok(parsed)
}

fn parse_diff_args(args: &[String]) -> Result<DiffArgs, ArgsError> {
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => {
                let value = iter.next().ok_or_else(|| ArgsError::Usage("--format needs a value".to_owned()))?;
                format = parse_format(value)?;
            }
            "-h" | "--help" => return Err(ArgsError::Help),
            other => match other.strip_prefix("--format=") {
                Some(value) => format = parse_format(value)?,
                None if other.starts_with('-') && other.len() > 1 => {
                    return Err(ArgsError::Usage(format!("unknown argument `{other}`")))
                }
                None => files.push(PathBuf::from(other)),
            },
        }
    }
    match <[PathBuf; 2]>::try_from(files) {
        Ok([old, new]) => Ok(DiffArgs { old, new, format }),
        Err(files) => Err(ArgsError::Usage(format!("diff takes two spec files (OLD NEW), got {}", files.len()))),
    }
}

fn parse_format(value: &str) -> Result<Format, ArgsError> {
    match value {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "markdown" | "md" => Ok(Format::Markdown),
        other => Err(ArgsError::Usage(format!("unknown format `{other}` (expected text, json or markdown)"))),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn usage_error(error: ArgsError) -> ExitCode {
    match error {
        ArgsError::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        ArgsError::Usage(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(NO_REPORT)
        }
    }
}

/// The generator allocates and frees millions of small syntax-tree nodes; mimalloc does that in
/// about a quarter fewer instructions than the system allocator (BENCHMARKS.md, section 2).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("codegen") => match parse_codegen_args(rest) {
            Ok(parsed) => match codegen_command(&parsed) {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(e) => usage_error(e),
        },
        Some("diff") => match parse_diff_args(rest) {
            Ok(parsed) => diff_command(&parsed),
            Err(e) => usage_error(e),
        },
        Some("-h" | "--help" | "help") => usage_error(ArgsError::Help),
        Some(other) => usage_error(ArgsError::Usage(format!("unknown command `{other}`"))),
        None => usage_error(ArgsError::Usage("no command given".to_owned())),
    }
}

// ---- diff ------------------------------------------------------------------------------------

fn diff_command(args: &DiffArgs) -> ExitCode {
    let (old, new) = match (load_spec(&args.old), load_spec(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for error in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("error: {error}");
            }
            return ExitCode::from(NO_REPORT);
        }
    };
    let report = diff::compare(&old, &new).with_labels(args.old.display().to_string(), args.new.display().to_string());
    print!("{}", render(&report, args.format));
    if report.is_breaking() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => report.to_text(),
        Format::Json => report.to_json_string(),
        Format::Markdown => report.to_markdown(),
    }
}

// ---- codegen ---------------------------------------------------------------------------------

/// One output directory and everything that belongs in it.
struct Output {
    dir: PathBuf,
    files: Vec<OutputFile>,
}

fn codegen_command(args: &CodegenArgs) -> Result<ExitCode, Error> {
    let root = workspace_root();
    let spec = args.spec.clone().unwrap_or_else(|| root.join("spec/openapi.yaml"));
    // openai-types gets resource helpers for its client; standalone crates have no client.
    let options = if args.out.is_some() { Options::default() } else { Options::openai_types() };
    let generated = codegen::generate_file(&spec, &options)?;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    let shown = |dir: &Path| dir.strip_prefix(&root).unwrap_or(dir).display().to_string();

    // What belongs on disk: the generated code, and for openai-types its per-type snapshots.
    let mut targets = Vec::new();
    let mut snapshot_dir = None;
    match &args.out {
        Some(out) => {
            // Parsing made sure there is a name with `--out`.
            let name = args.crate_name.clone().ok_or_else(|| Error::at("#", "no crate name"))?;
            let files = write::crate_files(&name, &generated.module_files, &generated.features);
            targets.push(Output { dir: out.clone(), files });
        }
        None => {
            // The crate's features are hand-written: they must name the spec's areas.
            write::check_area_features(&root.join("openai-types/Cargo.toml"), &generated.features)?;
            targets.push(Output {
                dir: root.join(GENERATED_DIR),
                files: write::generated_module_files(&generated.module_files),
            });
            let types = &generated.type_surfaces;
            let dir = root.join(TYPE_SNAPSHOT_DIR);
            targets.push(Output { dir: dir.clone(), files: diff::type_snapshot_files(types) });
            snapshot_dir = Some(dir);
        }
    }

    // The API change report against an earlier version of the spec, before anything is written.
    let report = match &args.diff_base {
        Some(rev) => Some(report_against(rev, &spec, &shown(&spec), &generated.model)?),
        None => None,
    };

    let snapshot_existed = snapshot_dir.as_ref().is_some_and(|d| d.join(MARKER).exists());
    let all_changes = if args.check {
        targets.iter().map(|t| diff::output_diff(&t.dir, &t.files)).collect::<Result<Vec<_>, _>>()?
    } else {
        // The library's one write path: it finishes or undoes an interrupted earlier write,
        // refuses foreign directories, then replaces every changed directory or none.
        let list: Vec<Target> = targets.iter().map(|t| Target { dir: &t.dir, files: &t.files }).collect();
        let mut changes = write::write_targets(&list)?;
        // Pending insta snapshots (`*.snap.new`) go with the rewrite but are no output change.
        for change in &mut changes {
            change.removed.retain(|p| !diff::is_pending_snapshot(p));
        }
        changes
    };
    let type_changes = targets
        .iter()
        .zip(&all_changes)
        .find(|(t, _)| Some(&t.dir) == snapshot_dir.as_ref())
        .map(|(_, c)| TypeChanges::from_snapshot_changes(c))
        .filter(|_| snapshot_existed)
        .unwrap_or_default();
    let stale = all_changes.iter().any(|c| !c.is_empty());

    if args.check {
        if let Some(report) = &report {
            print!("{}", report.to_text());
        }
        if !stale {
            for target in &targets {
                println!("{} is up to date with {}", shown(&target.dir), shown(&spec));
            }
            return Ok(ExitCode::SUCCESS);
        }
        for (target, changes) in targets.iter().zip(&all_changes) {
            if changes.is_empty() {
                eprintln!("{} is up to date with {}", shown(&target.dir), shown(&spec));
            } else if !target.dir.exists() {
                eprintln!("{} is missing: {} files would be written", shown(&target.dir), target.files.len());
            } else {
                eprintln!("{} is stale: it differs from what {} generates:", shown(&target.dir), shown(&spec));
                print_changes(changes, true);
            }
        }
        if !type_changes.is_empty() {
            eprintln!("{}", type_changes.summary());
        }
        let what = if snapshot_dir.is_some() { " (generated code and type snapshots)" } else { "" };
        eprintln!("run `cargo xtask codegen{}` to regenerate it{what}", regenerate_flags(args));
        return Ok(ExitCode::FAILURE);
    }

    let count = generated.model.types.len();
    for (target, changes) in targets.iter().zip(&all_changes) {
        let is_snapshots = Some(&target.dir) == snapshot_dir.as_ref();
        let what = if is_snapshots { "type snapshots" } else { "types" };
        if changes.is_empty() {
            println!("{}: {count} {what}, unchanged", shown(&target.dir));
        } else if is_snapshots && !snapshot_existed {
            println!("{}: {count} {what} written (new)", shown(&target.dir));
        } else if is_snapshots {
            // The type summary below says what changed.
            println!("{}: {count} {what} written", shown(&target.dir));
        } else {
            println!("{}: {count} {what} written", shown(&target.dir));
            print_changes(changes, false);
        }
    }
    if !type_changes.is_empty() {
        println!("{}", type_changes.summary());
        for line in type_changes.lines(30) {
            println!("{line}");
        }
    }
    if let Some(report) = &report {
        println!();
        print!("{}", report.to_text());
    }
    Ok(ExitCode::SUCCESS)
}

/// The flags that select the same output, for the "run …" hint.
fn regenerate_flags(args: &CodegenArgs) -> String {
    let mut flags = String::new();
    if let Some(spec) = &args.spec {
        flags.push_str(&format!(" --spec {}", spec.display()));
    }
    if let Some(out) = &args.out {
        flags.push_str(&format!(" --out {}", out.display()));
    }
    if let Some(name) = args.crate_name.as_ref().filter(|_| args.crate_name_given) {
        flags.push_str(&format!(" --crate-name {name}"));
    }
    flags
}

/// The API change report from the spec at git revision `rev` to the current model.
fn report_against(rev: &str, spec: &Path, spec_label: &str, model: &codegen::model::Model) -> Result<Report, Error> {
    let shown = format!("{rev}:{spec_label}");
    let dir = spec.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file = spec.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let text = git_show(dir, &format!("{rev}:./{file}"), &shown)?;
    let old = codegen::generate(&text, &Options::default()).map_err(|e| e.in_file(&shown))?;
    Ok(diff::compare(&old.model, model).with_labels(shown, spec_label))
}

/// Refuses a revision git would read as an option (`--output=FILE` makes `git show` write a file).
fn check_revision(rev: &str) -> Result<(), String> {
    match rev.starts_with('-') {
        true => Err(format!("the revision {rev:?} starts with `-`: git would read it as an option")),
        false => Ok(()),
    }
}

/// The text of `object` (`REV:PATH`) as git shows it, run in `dir`; errors name `shown`.
fn git_show(dir: &Path, object: &str, shown: &str) -> Result<String, Error> {
    let fail = |message: String| Error { file: Some(shown.to_owned()), location: codegen::Location::Unknown, message };
    check_revision(object).map_err(fail)?;
    // `-C` always takes the next argument as its value; `--end-of-options` (git 2.24) makes git
    // read `object` as a revision even if it looked like an option.
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", "--end-of-options"])
        .arg(object)
        .output()
        .map_err(|e| fail(format!("cannot run git to read the spec at a revision: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(fail(format!("git cannot show the spec: {}", stderr.trim())));
    }
    String::from_utf8(output.stdout).map_err(|_| fail("the spec is not UTF-8".to_owned()))
}

/// The model of a spec named on the command line: a file, or `REV:PATH` (the file at a git
/// revision, `PATH` from the repository root, or `REV:./PATH` from the current directory) when no
/// such file exists.
fn load_spec(arg: &Path) -> Result<codegen::model::Model, Error> {
    let text = arg.to_string_lossy();
    let revision = (!arg.exists()).then(|| text.split_once(':')).flatten().filter(|(rev, path)| {
        // Not a Windows drive (`C:\…`), and both halves present.
        rev.len() > 1 && !path.is_empty()
    });
    match revision {
        Some(_) => {
            let spec = git_show(Path::new("."), &text, &text)?;
            codegen::generate(&spec, &Options::default()).map(|g| g.model).map_err(|e| e.in_file(&text))
        }
        None => codegen::generate_file(arg, &Options::default()).map(|g| g.model),
    }
}

fn print_changes(changes: &Changes, to_stderr: bool) {
    for (label, paths) in [("added", &changes.added), ("changed", &changes.changed), ("removed", &changes.removed)] {
        for path in paths {
            if to_stderr {
                eprintln!("  {label}: {}", path.display());
            } else {
                println!("  {label}: {}", path.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_never_reads_a_revision_as_an_option() {
        let out = std::env::temp_dir().join(format!("xtask-git-option-{}.txt", std::process::id()));
        let object = format!("--output={}", out.display());
        // As `cargo xtask diff` passes a `REV:PATH` on.
        let err = git_show(Path::new("."), &format!("{object}:spec/openapi.yaml"), "shown").unwrap_err();
        assert!(err.to_string().starts_with("shown: the revision"), "{err}");
        assert!(err.message.contains("git would read it as an option"), "{err}");
        assert!(!out.exists(), "git wrote no file");
        assert!(check_revision("HEAD~1").is_ok() && check_revision("-p").is_err());
    }
}
