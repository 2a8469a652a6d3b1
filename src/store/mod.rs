//! Files on disk: keys, certificates and state are replaced atomically, so that a crash or a
//! failed run never leaves a half-written or mismatched file in place; the state directory
//! holds pending requests and the history of the last results.

pub mod history;
pub mod lock;
pub mod pending;
pub mod registry;

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Mode of private key files.
pub const KEY_MODE: u32 = 0o600;
/// Mode of certificate files.
pub const CERT_MODE: u32 = 0o644;

/// Where state lives for root (a system service or timer).
pub const SYSTEM_STATE_DIR: &str = "/var/lib/certenroll";

/// Whether this process runs as root (state and configuration then live in system places).
pub fn running_as_root() -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc/self belongs to the process's effective user.
        fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// The state directory: `explicit` (from --state-dir or CERTENROLL_STATE_DIR), else
/// /var/lib/certenroll for root, else the user's data directory (~/.local/share/certenroll).
/// It is created with mode 0700 when missing.
pub fn state_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    let dir = match explicit {
        Some(dir) => dir.to_path_buf(),
        None if running_as_root() => PathBuf::from(SYSTEM_STATE_DIR),
        None => directories::ProjectDirs::from("", "", "certenroll")
            .map(|d| d.data_local_dir().to_path_buf())
            .ok_or_else(|| {
                Error::Invalid("no home directory to keep state in; pass --state-dir DIR".into())
            })?,
    };
    create_private_dir(&dir)?;
    check_private(&dir, "state directory")?;
    Ok(dir)
}

/// The effective user ID of this process (the owner of `/proc/self`).
fn effective_uid() -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").ok().map(|m| m.uid())
}

/// Refuse, as ssh does, a directory (or file) that another user owns or that others may
/// write: whoever can write the state directory or the configuration can make certenroll
/// install their certificate or run their command. `what` names it in the error.
pub fn check_private(path: &Path, what: &str) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).map_err(|e| Error::local("checking", path, e))?;
    let refuse = |why: String| {
        Err(Error::local(
            "checking",
            path,
            std::io::Error::other(format!("refusing this {what}: {why}")),
        ))
    };
    if let Some(uid) = effective_uid()
        && meta.uid() != uid
        && meta.uid() != 0
    {
        return refuse(format!(
            "it belongs to user {} and certenroll runs as user {uid}; use one of your own",
            meta.uid()
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return refuse(format!(
            "others may write to it (mode {:o}); run chmod go-w {}",
            meta.mode() & 0o7777,
            path.display()
        ));
    }
    Ok(())
}

/// Create a directory (and parents) with mode 0700 if it does not exist.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::local("creating state directory", dir, e))
}

/// Held while a file is written and renamed into place. A process stopped by a signal takes
/// it, and keeps it, before it exits: a write under way finishes (or removes its temporary
/// file) first, and no other starts, so no `*.tmp` file is ever left behind.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Wait for a file write under way to finish and keep any other from starting: for a process
/// about to exit on a signal.
pub fn stop_writing() -> std::sync::MutexGuard<'static, ()> {
    WRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// For the crash-safety tests: with `CERTENROLL_TEST_CRASH_AT=N` in the environment, the
/// process aborts (no destructor runs, nothing is flushed: what a kill -9 leaves) just before
/// its Nth change to a file (a rename into place or a removal). The harness in
/// `tests/crash.rs` counts N up from 1 until a run completes, so every change is a kill point.
/// A change to a token's objects is one too (`crate::pkcs11::key`).
pub(crate) fn crash_point() {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};
    static AT: OnceLock<Option<u64>> = OnceLock::new();
    static STEP: AtomicU64 = AtomicU64::new(0);
    let at = AT.get_or_init(|| {
        std::env::var("CERTENROLL_TEST_CRASH_AT")
            .ok()
            .and_then(|n| n.parse().ok())
    });
    if let Some(at) = at
        && STEP.fetch_add(1, Ordering::SeqCst) + 1 == *at
    {
        std::process::abort();
    }
}

/// Remove a file if it exists (state, a journal, an unused key).
pub fn remove_file(path: &Path, action: &'static str) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let _writing = stop_writing();
    crash_point();
    match fs::remove_file(path) {
        Ok(()) => {
            sync_parent(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::local(action, path, e)),
    }
}

fn temp_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("'{}' is not a file path", path.display())))?;
    let suffix = crate::pki::hex(&crate::pki::random_bytes::<6>()?);
    let mut temp = name.to_os_string();
    temp.push(format!(".{suffix}.tmp"));
    Ok(path.with_file_name(temp))
}

/// Every readable `*.json` file of `dir` as a `T` (none when `dir` is missing), and a warning
/// for each file that does not read or parse: what the pending store and the registry keep.
pub fn read_json_dir<T: serde::de::DeserializeOwned>(dir: &Path) -> (Vec<T>, Vec<String>) {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return (found, warnings);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        match fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<T>(&b).map_err(|e| e.to_string()))
        {
            Ok(value) => found.push(value),
            Err(e) => warnings.push(format!("skipping {}: {e}", path.display())),
        }
    }
    (found, warnings)
}

/// Write `bytes` to `path` with `mode`: a temporary file in the same directory (created with
/// the final mode, so a key is never readable by others), fsync, rename over `path`, fsync the
/// directory.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32, action: &'static str) -> Result<()> {
    let temp = temp_path(path)?;
    let _writing = stop_writing();
    let result = (|| -> std::io::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(mode);
        }
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        crash_point();
        fs::rename(&temp, path)?;
        sync_parent(path);
        Ok(())
    })();
    if let Err(source) = result {
        let _ = fs::remove_file(&temp);
        return Err(Error::local(action, path, source));
    }
    Ok(())
}

/// Rename `from` over `to` and sync the directory (both must be in the same directory).
pub fn replace(from: &Path, to: &Path, action: &'static str) -> Result<()> {
    let _writing = stop_writing();
    crash_point();
    fs::rename(from, to).map_err(|source| Error::local(action, to, source))?;
    sync_parent(to);
    Ok(())
}

fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

/// Remove `NAME.<12 hex>.tmp` files beside `path` that a killed write left (they may hold key
/// material). Call it only while holding what guards the file's writers (the key's lock, the
/// history's lock), so that no write under way is disturbed.
pub fn remove_leftover_temps(path: &Path) {
    // A key on a token has no temporary files (and its URI no directory).
    if crate::pkcs11::is_uri(path) {
        return;
    }
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(rest) = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        if rest.len() == 12 && rest.bytes().all(|b| b.is_ascii_hexdigit()) {
            let _ = fs::remove_file(entry.path());
            tracing::info!(path = %entry.path().display(), "removed a temporary file a killed run left");
        }
    }
}

/// `path` made absolute, as state files record it; a key named by a PKCS#11 URI gets the
/// module and PIN file of this run instead ([`crate::pkcs11::absolute`]).
pub fn absolute(path: &Path) -> Result<std::path::PathBuf> {
    if let Some(text) = path.to_str().filter(|_| crate::pkcs11::is_uri(path)) {
        return crate::pkcs11::absolute(text).map(std::path::PathBuf::from);
    }
    std::path::absolute(path).map_err(|e| Error::local("resolving path", path, e))
}

/// Check that a file could be created at `path` (its directory exists and is writable),
/// before any work is done that would be lost if it could not. A key on a token is checked
/// when it is generated.
pub fn check_writable(path: &Path, action: &'static str) -> Result<()> {
    if crate::pkcs11::is_uri(path) {
        return Ok(());
    }
    let temp = temp_path(path)?;
    let probe = OpenOptions::new().write(true).create_new(true).open(&temp);
    match probe {
        Ok(_) => {
            let _ = fs::remove_file(&temp);
            Ok(())
        }
        Err(source) => Err(Error::local(action, path, source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn atomic_write_sets_mode_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.pem");
        write_atomic(&path, b"one", KEY_MODE, "writing key").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        write_atomic(&path, b"two", KEY_MODE, "writing key").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_a_local_error() {
        let err = write_atomic(
            Path::new("/nonexistent/dir/cert.pem"),
            b"x",
            CERT_MODE,
            "writing certificate",
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 6);
        assert!(
            err.to_string()
                .contains("writing certificate /nonexistent/dir/cert.pem")
        );
        assert!(check_writable(Path::new("/nonexistent/x"), "writing key").is_err());
    }
}
