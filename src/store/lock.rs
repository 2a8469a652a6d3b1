//! One run at a time: cron's `certenroll poll` and a person's `certenroll enroll` never
//! interleave. A lock file per profile in `<state>/locks/`, and one beside each key file a run
//! installs into (`.KEYNAME.lock`), so that runs under other profiles or other state
//! directories cannot work on the same files at once either. Each is held with an OS file lock
//! (released even if the process dies) and names its holder's PID.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::create_private_dir;
use crate::{Error, Result};

/// How often a waiting run tries again.
const RETRY: Duration = Duration::from_millis(100);

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    /// The lock file.
    pub path: PathBuf,
}

impl Lock {
    /// Take the lock for `name`, waiting at most `wait` for another run to finish.
    pub fn acquire(state_dir: &Path, name: &str, wait: Duration) -> Result<Lock> {
        let dir = state_dir.join("locks");
        create_private_dir(&dir)?;
        let path = dir.join(format!("{name}.lock"));
        Self::at(path, &format!("profile '{name}'"), wait)
    }

    /// Take the lock of the key file `key` (`.KEYNAME.lock` in its directory), waiting at most
    /// `wait`: held while a run may replace the key or its certificate.
    pub fn beside(key: &Path, wait: Duration) -> Result<Lock> {
        let path = beside_path(key)
            .ok_or_else(|| Error::Invalid(format!("'{}' is not a file path", key.display())))?;
        Self::at(path, &format!("{}", key.display()), wait)
    }

    /// Whether a run holds the lock of the key file `key` now (no lock file is created).
    pub fn held_beside(key: &Path) -> bool {
        let Some(Ok(file)) = beside_path(key).map(File::open) else {
            return false;
        };
        matches!(
            file.try_lock_shared(),
            Err(std::fs::TryLockError::WouldBlock)
        )
    }

    fn at(path: PathBuf, what: &str, wait: Duration) -> Result<Lock> {
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = OpenOptions::new()
            .mode(0o600)
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::local("opening lock file", &path, e))?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(RETRY);
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    return Err(Error::local(
                        "locking",
                        &path,
                        std::io::Error::other(format!(
                            "another certenroll run{} is working on {what}; try again when it is done, or raise --lock-wait (waited {} s)",
                            if holder.is_empty() {
                                String::new()
                            } else {
                                format!(" (PID {holder})")
                            },
                            wait.as_secs()
                        )),
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(Error::local("locking", &path, e));
                }
            }
        }
        // The PID in a fixed width, written over the last holder's: truncating the file
        // first would cost more than the rest of taking the lock (~0.4 ms on ext4).
        use std::os::unix::fs::FileExt;
        let record = format!("{:<10}\n", std::process::id());
        if file.metadata().map(|m| m.len()).ok() != Some(record.len() as u64) {
            let _ = file.set_len(0);
        }
        let _ = file.write_all_at(record.as_bytes(), 0);
        Ok(Lock { _file: file, path })
    }
}

/// `.KEYNAME.lock` beside the key file `key`.
fn beside_path(key: &Path) -> Option<PathBuf> {
    let mut lock_name = std::ffi::OsString::from(".");
    lock_name.push(key.file_name()?);
    lock_name.push(".lock");
    Some(key.with_file_name(lock_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_waits_then_fails_naming_the_pid() {
        let dir = tempfile::tempdir().unwrap();
        // Whatever a lock file held before (here more than a PID) is replaced by our PID.
        std::fs::create_dir(dir.path().join("locks")).unwrap();
        std::fs::write(
            dir.path().join("locks/printer.lock"),
            "4294967295 and more\n",
        )
        .unwrap();
        let first = Lock::acquire(dir.path(), "printer", Duration::ZERO).unwrap();
        assert_eq!(
            std::fs::read_to_string(&first.path).unwrap().trim(),
            std::process::id().to_string()
        );
        let started = Instant::now();
        let err = Lock::acquire(dir.path(), "printer", Duration::from_millis(300)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert_eq!(err.exit_code(), 6);
        assert!(
            err.to_string()
                .contains(&format!("PID {}", std::process::id())),
            "{err}"
        );
        // Another profile is independent; after release the profile is free again.
        Lock::acquire(dir.path(), "router", Duration::ZERO).unwrap();
        drop(first);
        Lock::acquire(dir.path(), "printer", Duration::ZERO).unwrap();
    }
}
