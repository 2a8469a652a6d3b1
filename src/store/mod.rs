//! Files on disk: keys, certificates and (later) state are replaced atomically, so that a
//! crash or a failed run never leaves a half-written or mismatched file in place.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Mode of private key files.
pub const KEY_MODE: u32 = 0o600;
/// Mode of certificate files.
pub const CERT_MODE: u32 = 0o644;

fn temp_path(path: &Path) -> Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("'{}' is not a file path", path.display())))?;
    let suffix = crate::pki::hex(&crate::pki::random_bytes::<6>()?);
    let mut temp = name.to_os_string();
    temp.push(format!(".{suffix}.tmp"));
    Ok(path.with_file_name(temp))
}

/// Write `bytes` to `path` with `mode`: a temporary file in the same directory (created with
/// the final mode, so a key is never readable by others), fsync, rename over `path`, fsync the
/// directory.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32, action: &'static str) -> Result<()> {
    let temp = temp_path(path)?;
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

/// Check that a file could be created at `path` (its directory exists and is writable),
/// before any work is done that would be lost if it could not.
pub fn check_writable(path: &Path, action: &'static str) -> Result<()> {
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
