//! The all-or-nothing replacement of output directories and the recovery after an interrupted
//! one: the protocol of the parent module's documentation.

use super::{diff, dir_error, is_inside, refuse_foreign, Changes, OutputFile, Target};
use crate::error::{Error, Result};
use std::ffi::OsString;
use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Why a write stopped before its end.
#[derive(Debug)]
pub(super) enum Halt {
    /// A step failed: the write cleans up after itself.
    Failed(Error),
    /// The process is taken to have died here: nothing more is touched. Only tests' probes
    /// stop a write so.
    #[cfg_attr(not(test), allow(dead_code))]
    Crash,
}

impl From<Error> for Halt {
    fn from(error: Error) -> Self {
        Halt::Failed(error)
    }
}

impl Halt {
    pub(super) fn into_error(self) -> Error {
        match self {
            Halt::Failed(error) => error,
            // Only a test's probe crashes a write.
            Halt::Crash => {
                Error { file: None, location: crate::Location::Unknown, message: "write interrupted".into() }
            }
        }
    }
}

/// Called before every change a write makes on disk; tests stop the write there.
pub(super) type Probe<'a> = &'a mut dyn FnMut() -> std::result::Result<(), Halt>;

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io(path.display().to_string(), &e)
}

/// Whether anything (a link included) is at `path`.
fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Removes whatever is at `path` (a directory with its contents; a link, not what it points to).
fn remove(path: &Path) -> Result<()> {
    let result = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
    };
    result.map_err(io(path))
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|e| Error::io(from.display().to_string(), &e))
}

/// An output directory and the fixed names beside it.
#[derive(Debug, Clone)]
struct Place {
    /// The directory as given (`.` and `..` resolved).
    dir: PathBuf,
    /// The directory with its parent made canonical: the same for every spelling of the path, so
    /// journals can name it.
    key: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    journal: PathBuf,
    journal_tmp: PathBuf,
    lock: PathBuf,
    parent: PathBuf,
    name: OsString,
}

impl Place {
    /// The place of `dir`, whose parent must exist.
    fn of(dir: &Path) -> Result<Place> {
        // `.`, `..` and paths ending in them have no last name to rename: use the directory they
        // stand for.
        let resolved;
        let named = match dir.file_name() {
            Some(_) => dir,
            None => {
                resolved = fs::canonicalize(dir).map_err(io(dir))?;
                &resolved
            }
        };
        let Some(name) = named.file_name() else {
            return Err(dir_error(dir, "cannot be replaced: it is the file system's root".into()));
        };
        let parent = named.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let canonical = fs::canonicalize(parent).map_err(io(parent))?;
        let beside = |suffix: &str| {
            let mut file = OsString::from(".");
            file.push(name);
            file.push(suffix);
            parent.join(file)
        };
        Ok(Place {
            dir: named.to_path_buf(),
            key: canonical.join(name),
            staging: beside(".new"),
            old: beside(".old"),
            journal: beside(".journal"),
            journal_tmp: beside(".journal.tmp"),
            lock: beside(".lock"),
            parent: parent.to_path_buf(),
            name: name.to_os_string(),
        })
    }
}

/// What a journal says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Journal {
    /// The commit record of write `id`, kept by its first target; the other targets' keys.
    Commit { id: String, others: Vec<PathBuf> },
    /// Write `id` staged this target; its commit record is kept by the target `first`.
    Prepared { id: String, first: PathBuf },
}

const JOURNAL_HEADER: &str = "openai-types-codegen write journal 1";

impl Journal {
    fn id(&self) -> &str {
        match self {
            Journal::Commit { id, .. } | Journal::Prepared { id, .. } => id,
        }
    }

    /// Paths are JSON strings, so any name (a newline included) fits on its line.
    fn to_text(&self, at: &Path) -> Result<String> {
        let quote = |path: &Path| match path.to_str() {
            Some(text) => Ok(serde_json::Value::from(text).to_string()),
            None => Err(dir_error(at, format!("cannot journal `{}`: the path is not UTF-8", path.display()))),
        };
        let mut text = format!("{JOURNAL_HEADER}\nid {}\n", self.id());
        match self {
            Journal::Commit { others, .. } => {
                text.push_str("commit\n");
                for other in others {
                    text.push_str(&format!("other {}\n", quote(other)?));
                }
            }
            Journal::Prepared { first, .. } => text.push_str(&format!("prepared {}\n", quote(first)?)),
        }
        Ok(text)
    }

    fn parse(text: &str, at: &Path) -> Result<Journal> {
        let bad = || {
            dir_error(
                at,
                "is not a journal this generator can read; remove it and check the directory beside it".into(),
            )
        };
        let path = |quoted: &str| serde_json::from_str::<String>(quoted).map(PathBuf::from).map_err(|_| bad());
        let mut lines = text.lines();
        if lines.next() != Some(JOURNAL_HEADER) {
            return Err(bad());
        }
        let id = lines.next().and_then(|l| l.strip_prefix("id ")).ok_or_else(bad)?.to_owned();
        match lines.next() {
            Some("commit") => {
                let others = lines
                    .map(|line| line.strip_prefix("other ").ok_or_else(bad).and_then(path))
                    .collect::<Result<Vec<_>>>()?;
                Ok(Journal::Commit { id, others })
            }
            Some(line) => match (line.strip_prefix("prepared "), lines.next()) {
                (Some(first), None) => Ok(Journal::Prepared { id, first: path(first)? }),
                _ => Err(bad()),
            },
            None => Err(bad()),
        }
    }
}

fn read_journal(place: &Place) -> Result<Option<Journal>> {
    match fs::read_to_string(&place.journal) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(place.journal.display().to_string(), &e)),
        Ok(text) => Journal::parse(&text, &place.journal).map(Some),
    }
}

/// Writes `journal` whole or not at all: to the temporary name first, then renamed.
fn write_journal(place: &Place, journal: &Journal, probe: Probe) -> std::result::Result<(), Halt> {
    let text = journal.to_text(&place.journal)?;
    probe()?;
    fs::write(&place.journal_tmp, text).map_err(io(&place.journal_tmp))?;
    probe()?;
    rename(&place.journal_tmp, &place.journal)?;
    Ok(())
}

// ---- locks -----------------------------------------------------------------------------------

/// The locks of a write's targets, released on drop.
struct Locks(Vec<PathBuf>);

impl Drop for Locks {
    fn drop(&mut self) {
        for lock in &self.0 {
            let _ = fs::remove_file(lock);
        }
    }
}

/// Whether the process `pid` still runs. Where that cannot be told (no `/proc`), a lock is taken
/// to be left over: a crashed run must never block the next one.
fn running(pid: u32) -> bool {
    // Our own id in a lock: an earlier write of this process that stopped (tests crash writes).
    pid != std::process::id() && Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists()
}

fn lock(places: &[Place]) -> Result<Locks> {
    let mut locks = Locks(Vec::new());
    for place in places {
        let mut taken = false;
        // Twice: once more after removing a lock its process left behind.
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&place.lock) {
                Ok(mut file) => {
                    locks.0.push(place.lock.clone());
                    write!(file, "{}", std::process::id()).map_err(io(&place.lock))?;
                    taken = true;
                    break;
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&place.lock).ok().and_then(|t| t.trim().parse::<u32>().ok());
                    if let Some(pid) = holder.filter(|&pid| running(pid)) {
                        return Err(dir_error(
                            &place.dir,
                            format!(
                                "another generator (process {pid}) is writing it; if none is, remove `{}`",
                                place.lock.display()
                            ),
                        ));
                    }
                    remove(&place.lock)?;
                }
                Err(e) => return Err(Error::io(place.lock.display().to_string(), &e)),
            }
        }
        if !taken {
            return Err(dir_error(&place.dir, format!("cannot take the lock `{}`", place.lock.display())));
        }
    }
    Ok(locks)
}

// ---- recovery ----------------------------------------------------------------------------------

/// Brings `place` back to a finished state after an interrupted write: that write's new contents
/// when it committed, else the old ones; removes every leftover.
fn recover(place: &Place) -> Result<()> {
    remove_legacy(place)?;
    match read_journal(place)? {
        Some(Journal::Commit { others, .. }) => roll_forward(place, &others),
        Some(Journal::Prepared { id, first }) => {
            // Without its parent the commit record cannot exist either.
            let Ok(first) = Place::of(&first) else { return roll_back(place) };
            match read_journal(&first)? {
                Some(Journal::Commit { id: committed, others }) if committed == id && others.contains(&place.key) => {
                    roll_forward(&first, &others)
                }
                _ => roll_back(place),
            }
        }
        None => roll_back(place),
    }
}

/// Finishes the committed write whose commit record `first` keeps.
fn roll_forward(first: &Place, others: &[PathBuf]) -> Result<()> {
    let mut places = vec![first.clone()];
    for other in others {
        places.push(Place::of(other)?);
    }
    for place in &places {
        if !present(&place.staging) {
            continue; // swapped already
        }
        if present(&place.dir) {
            if present(&place.old) {
                return Err(dir_error(
                    &place.dir,
                    format!(
                        "an interrupted write left both `{}` and `{}` beside it: keep the one you want as the directory and remove the other",
                        place.old.display(),
                        place.staging.display()
                    ),
                ));
            }
            rename(&place.dir, &place.old)?;
        }
        rename(&place.staging, &place.dir)?;
    }
    let id = read_journal(first)?.map(|j| j.id().to_owned());
    for place in &places {
        remove(&place.old)?;
    }
    for place in places.iter().skip(1) {
        // Only this write's journal: a later write may have used the directory since.
        if read_journal(place).ok().flatten().map(|j| j.id().to_owned()) == id {
            remove(&place.journal)?;
        }
        remove(&place.journal_tmp)?;
    }
    remove(&first.journal)?;
    remove(&first.journal_tmp)
}

/// Undoes a write to `place` that never committed.
fn roll_back(place: &Place) -> Result<()> {
    remove(&place.staging)?;
    if present(&place.old) {
        if present(&place.dir) {
            remove(&place.old)?;
        } else {
            rename(&place.old, &place.dir)?;
        }
    }
    remove(&place.journal)?;
    remove(&place.journal_tmp)
}

/// Leftovers of the protocol before this one, which named its directories by process id
/// (`.NAME.new-PID`, `.NAME.old-PID`): a staged one is removed (nothing tells whether it was
/// complete); an old one is put back if the directory is missing, else removed.
fn remove_legacy(place: &Place) -> Result<()> {
    let mut name = OsString::from(".");
    name.push(&place.name);
    let Some(prefix) = name.to_str() else { return Ok(()) };
    let entries = fs::read_dir(&place.parent).map_err(io(&place.parent))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&place.parent))?;
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(prefix)) else { continue };
        for (kind, is_old) in [(".new-", false), (".old-", true)] {
            let pid = rest.strip_prefix(kind);
            if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                found.push((entry.path(), is_old));
            }
        }
    }
    found.sort();
    for (path, is_old) in found {
        if is_old && !present(&place.dir) {
            rename(&path, &place.dir)?;
        } else {
            remove(&path)?;
        }
    }
    Ok(())
}

// ---- the write ---------------------------------------------------------------------------------

/// Writes `files` into the fresh directory `staging`.
fn stage(staging: &Path, files: &[OutputFile], probe: Probe) -> std::result::Result<(), Halt> {
    probe()?;
    fs::create_dir(staging).map_err(io(staging))?;
    for file in files {
        let path = staging.join(&file.path);
        probe()?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, &file.contents).map_err(io(&path))?;
    }
    Ok(())
}

/// How far a target's swap got.
#[derive(Default)]
struct Swapped {
    moved_old: bool,
    placed_new: bool,
}

/// `dir` → `.old`, `.new` → `dir`, recording each rename done.
fn swap(place: &Place, done: &mut Swapped, probe: Probe) -> std::result::Result<(), Halt> {
    if present(&place.dir) {
        probe()?;
        rename(&place.dir, &place.old)?;
        done.moved_old = true;
    }
    probe()?;
    rename(&place.staging, &place.dir)?;
    done.placed_new = true;
    Ok(())
}

/// Puts every swapped directory back and uncommits; false when some rename failed (the commit
/// journal then stays, and the next run finishes the write instead).
fn unswap(first: &Place, swapped: &[(&Place, Swapped)]) -> bool {
    for (place, done) in swapped.iter().rev() {
        if done.placed_new && rename(&place.dir, &place.staging).is_err() {
            return false;
        }
        if done.moved_old && rename(&place.old, &place.dir).is_err() {
            return false;
        }
    }
    remove(&first.journal).is_ok()
}

/// The write of the module documentation; `probe` is called before every change on disk.
pub(super) fn write(targets: &[Target<'_>], probe: Probe) -> std::result::Result<Vec<Changes>, Halt> {
    // Refusals first: nothing is created for a write that is refused.
    for target in targets {
        if let Some(file) = target.files.iter().find(|f| !is_inside(&f.path)) {
            let message = format!("output file `{}` would be written outside the directory", file.path.display());
            return Err(dir_error(target.dir, message).into());
        }
        refuse_foreign(target.dir)?;
    }
    let mut places = Vec::with_capacity(targets.len());
    for target in targets {
        if let Some(parent) = target.dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let place = Place::of(target.dir)?;
        if places.iter().any(|p: &Place| p.key == place.key) {
            return Err(dir_error(target.dir, "is named twice in one write".into()).into());
        }
        places.push(place);
    }
    let locks = lock(&places)?;
    let result = locked_write(targets, &places, probe);
    if matches!(result, Err(Halt::Crash)) {
        // A crashed process removes nothing: its locks stay for the next run to take over.
        std::mem::forget(locks);
    }
    result
}

fn locked_write(targets: &[Target<'_>], places: &[Place], probe: Probe) -> std::result::Result<Vec<Changes>, Halt> {
    for place in places {
        recover(place)?;
    }
    let mut all_changes = Vec::with_capacity(targets.len());
    for (target, place) in targets.iter().zip(places) {
        all_changes.push(diff(&place.dir, target.files)?);
    }
    let pending: Vec<(&Target, &Place)> =
        targets.iter().zip(places).zip(&all_changes).filter(|(_, c)| !c.is_empty()).map(|(tp, _)| tp).collect();
    let Some(((_, first), rest)) = pending.split_first() else { return Ok(all_changes) };

    // Stage and commit; a failure removes what was staged.
    let id = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
    );
    let committed = (|| {
        for (target, place) in &pending {
            stage(&place.staging, target.files, probe)?;
        }
        for (_, place) in rest {
            write_journal(place, &Journal::Prepared { id: id.clone(), first: first.key.clone() }, probe)?;
        }
        let others = rest.iter().map(|(_, p)| p.key.clone()).collect();
        write_journal(first, &Journal::Commit { id: id.clone(), others }, probe)
    })();
    if let Err(halt) = committed {
        if matches!(halt, Halt::Failed(_)) {
            for (_, place) in &pending {
                let _ = roll_back(place);
            }
        }
        return Err(halt);
    }

    // Swap; a failure puts back what was swapped.
    let mut swapped = Vec::with_capacity(pending.len());
    for (_, place) in &pending {
        let mut done = Swapped::default();
        let result = swap(place, &mut done, probe);
        swapped.push((*place, done));
        match result {
            Ok(()) => {}
            Err(Halt::Crash) => return Err(Halt::Crash),
            Err(Halt::Failed(error)) => {
                if unswap(first, &swapped) {
                    for (_, place) in &pending {
                        let _ = roll_back(place);
                    }
                    return Err(Halt::Failed(error));
                }
                let message = format!(
                    "{}; the output is left half-replaced and the next run of the generator finishes the write",
                    error.message
                );
                return Err(Halt::Failed(Error { message, ..error }));
            }
        }
    }

    // Written: what is left is cleanup, which the next run redoes if it is interrupted or fails.
    for (_, place) in &pending {
        tidy(&place.old, probe)?;
    }
    for (_, place) in rest {
        tidy(&place.journal, probe)?;
    }
    tidy(&first.journal, probe)?;
    Ok(all_changes)
}

/// Removes a leftover of a finished write; a failure is no error (the next run's recovery removes
/// it), only a crash stops.
fn tidy(path: &Path, probe: Probe) -> std::result::Result<(), Halt> {
    match probe() {
        Err(Halt::Crash) => Err(Halt::Crash),
        Err(Halt::Failed(_)) => Ok(()),
        Ok(()) => {
            let _ = remove(path);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{existing_entries, MARKER};
    use std::collections::BTreeMap;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile { path: PathBuf::from(path), contents: contents.to_owned() }
    }

    /// Three targets: `p/a` and `q/b` hold earlier output, `q/c` does not exist yet.
    struct Scene {
        root: PathBuf,
        dirs: [PathBuf; 3],
        old: [Vec<OutputFile>; 3],
        new: [Vec<OutputFile>; 3],
    }

    impl Scene {
        fn new(name: &str) -> Scene {
            let root = std::env::temp_dir().join(format!("codegen-txn-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&root);
            let dirs = [root.join("p/a"), root.join("q/b"), root.join("q/c")];
            let old = [
                vec![file(MARKER, "m"), file("a.rs", "old a"), file("gone/g.rs", "g")],
                vec![file(MARKER, "m"), file("b.rs", "old b")],
                vec![],
            ];
            let new = [
                vec![file(MARKER, "m"), file("a.rs", "new a"), file("sub/x.rs", "x")],
                vec![file(MARKER, "m"), file("b.rs", "new b!")],
                vec![file(MARKER, "m"), file("c.rs", "c")],
            ];
            for (dir, files) in dirs.iter().zip(&old).take(2) {
                for f in files {
                    let path = dir.join(&f.path);
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(path, &f.contents).unwrap();
                }
            }
            Scene { root, dirs, old, new }
        }

        fn targets(&self) -> Vec<Target<'_>> {
            self.dirs.iter().zip(&self.new).map(|(dir, files)| Target { dir, files }).collect()
        }

        /// `Some(true)`: every target holds its new files; `Some(false)`: its old ones (and `c`
        /// is missing); `None`: a mix, which must never be seen after recovery.
        fn state(&self) -> Option<bool> {
            let read = |dir: &Path| -> Option<BTreeMap<PathBuf, String>> {
                present(dir).then(|| {
                    existing_entries(dir, 100)
                        .unwrap()
                        .into_keys()
                        .map(|p| (p.clone(), fs::read_to_string(dir.join(&p)).unwrap()))
                        .collect()
                })
            };
            let expect = |files: &[OutputFile]| -> Option<BTreeMap<PathBuf, String>> {
                (!files.is_empty()).then(|| files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect())
            };
            let now: Vec<_> = self.dirs.iter().map(|d| read(d)).collect();
            let old: Vec<_> = self.old.iter().map(|f| expect(f)).collect();
            let new: Vec<_> = self.new.iter().map(|f| expect(f)).collect();
            if now == new {
                Some(true)
            } else if now == old {
                Some(false)
            } else {
                None
            }
        }

        /// Whatever is beside the targets.
        fn leftovers(&self) -> Vec<String> {
            let mut out = Vec::new();
            for parent in ["p", "q"] {
                for entry in fs::read_dir(self.root.join(parent)).unwrap() {
                    let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                    if !["a", "b", "c"].contains(&name.as_str()) {
                        out.push(format!("{parent}/{name}"));
                    }
                }
            }
            out
        }

        /// A run's recovery alone (with its locks).
        fn recover(&self) -> Result<()> {
            let places = self.dirs.iter().map(|d| Place::of(d)).collect::<Result<Vec<_>>>()?;
            let _locks = lock(&places)?;
            places.iter().try_for_each(recover)
        }
    }

    impl Drop for Scene {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.root);
        }
    }

    /// Stops a write at each of its steps in turn, as a crash (nothing more happens) or as a
    /// failure (the write cleans up), and checks what the next run finds.
    fn stop_at_every_step(crash: bool) {
        let mut steps = 0;
        loop {
            let scene = Scene::new(if crash { "crash" } else { "fail" });
            let mut count = 0;
            let mut probe = || {
                count += 1;
                match count > steps {
                    true if crash => Err(Halt::Crash),
                    true => Err(Halt::Failed(Error::io("probe", &std::io::Error::other("injected")))),
                    false => Ok(()),
                }
            };
            let result = write(&scene.targets(), &mut probe);
            if count <= steps {
                // Never stopped: the whole write.
                assert!(result.is_ok());
                assert_eq!(scene.state(), Some(true));
                assert_eq!(scene.leftovers(), Vec::<String>::new());
                break;
            }
            if result.is_ok() {
                // Only cleanup failed: the write is done, and what is left goes next time.
                assert!(!crash);
                assert_eq!(scene.state(), Some(true), "step {steps}");
            } else if !crash {
                // A failed write is finished at once: all old and clean, or (when only cleanup
                // failed) all new.
                let state = scene.state();
                assert!(state.is_some(), "a mix after a failure at step {steps}");
                if state == Some(false) {
                    assert_eq!(scene.leftovers(), Vec::<String>::new(), "after a failure at step {steps}");
                }
            }
            // The next run finds all of the old output or all of the new, and nothing beside it.
            scene.recover().unwrap_or_else(|e| panic!("recovery after step {steps}: {e}"));
            assert!(scene.state().is_some(), "a mix after recovering from step {steps}");
            assert_eq!(scene.leftovers(), Vec::<String>::new(), "after recovering from step {steps}");
            // And a write after it writes everything.
            write(&scene.targets(), &mut || Ok(())).unwrap_or_else(|e| panic!("{}", e.into_error()));
            assert_eq!(scene.state(), Some(true));
            assert_eq!(scene.leftovers(), Vec::<String>::new());
            steps += 1;
        }
        // Staging (4 + 3 + 3), journals (2 + 2 + 2), swaps (2 + 2 + 1), cleanup (3 + 2 + 1).
        assert_eq!(steps, 27);
    }

    #[test]
    fn a_crash_at_any_step_is_recovered_by_the_next_run() {
        stop_at_every_step(true);
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_old_output_or_the_new() {
        stop_at_every_step(false);
    }

    #[test]
    fn a_crash_at_the_commit_point_decides_old_or_new() {
        // Before the commit journal's rename: the old output; after it: the new.
        let mut seen = Vec::new();
        for steps in 0.. {
            let scene = Scene::new("commit-point");
            let mut count = 0;
            let mut probe = || {
                count += 1;
                if count > steps {
                    Err(Halt::Crash)
                } else {
                    Ok(())
                }
            };
            let committed_before = |scene: &Scene| present(&scene.root.join("p/.a.journal"));
            let done = write(&scene.targets(), &mut probe).is_ok();
            let committed = committed_before(&scene);
            scene.recover().unwrap();
            let state = scene.state();
            seen.push(state);
            if done {
                break;
            }
            if committed {
                assert_eq!(state, Some(true), "step {steps}");
            }
        }
        assert!(seen.contains(&Some(false)) && seen.contains(&Some(true)), "{seen:?}");
    }

    #[test]
    fn a_lock_of_a_running_process_is_respected_and_a_stale_one_taken_over() {
        let scene = Scene::new("lock");
        let lock_file = scene.root.join("p/.a.lock");
        // A lock of a process that no longer runs (its id is far beyond any real one).
        fs::write(&lock_file, "4294967295").unwrap();
        write(&scene.targets(), &mut || Ok(())).unwrap_or_else(|e| panic!("{}", e.into_error()));
        assert_eq!(scene.state(), Some(true));
        assert!(!present(&lock_file));
        // The parent process runs as long as this test does.
        if Path::new("/proc/self").exists() {
            let parent = fs::read_to_string("/proc/self/stat").unwrap();
            let ppid = parent.rsplit(')').next().unwrap().split_whitespace().nth(1).unwrap().to_owned();
            fs::write(&lock_file, ppid).unwrap();
            let err = write(&scene.targets(), &mut || Ok(())).unwrap_err().into_error().to_string();
            assert!(err.contains("another generator") && err.contains(".a.lock"), "{err}");
            assert!(present(&lock_file), "someone else's lock stays");
        }
    }

    #[test]
    fn journals_name_any_path() {
        let at = Path::new("j");
        for journal in [
            Journal::Commit { id: "1-2".into(), others: vec![PathBuf::from("/x/a\nb \"c\""), PathBuf::from("/y")] },
            Journal::Commit { id: "3".into(), others: vec![] },
            Journal::Prepared { id: "4".into(), first: PathBuf::from("/z/other\nother /w") },
        ] {
            let text = journal.to_text(at).unwrap();
            assert_eq!(Journal::parse(&text, at).unwrap(), journal, "{text}");
        }
        assert!(Journal::parse("garbage", at).is_err());
        assert!(Journal::parse(&format!("{JOURNAL_HEADER}\nid 1\nprepared \"/a\"\nother \"/b\"\n"), at).is_err());
    }
}
