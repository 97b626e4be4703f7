//! Writing output files safely: all or nothing, never silently over an existing file.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output file was not written. Each variant names the path concerned.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and `force` was not given.
    Exists(PathBuf),
    /// The folder to write into does not exist.
    MissingFolder(PathBuf),
    /// The folder exists but is not a folder.
    NotAFolder(PathBuf),
    /// Creating, writing or renaming failed (e.g. a read-only folder, a full disk).
    Io { path: PathBuf, source: io::Error },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(path) => write!(
                f,
                "{} already exists; pass --force to overwrite it",
                path.display()
            ),
            WriteError::MissingFolder(path) => {
                write!(f, "output folder {} does not exist", path.display())
            }
            WriteError::NotAFolder(path) => {
                write!(
                    f,
                    "{} is not a folder, cannot write into it",
                    path.display()
                )
            }
            WriteError::Io { path, source } if source.kind() == io::ErrorKind::PermissionDenied => {
                write!(
                    f,
                    "cannot write {}: permission denied ({source})",
                    path.display()
                )
            }
            WriteError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed
/// to disk, then renamed over `path`, so a reader never sees a half-written report and
/// a failure leaves no temporary file behind (it is deleted when dropped).
///
/// Refuses to replace an existing file unless `force`.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match folder.metadata() {
        Ok(meta) if !meta.is_dir() => return Err(WriteError::NotAFolder(folder.to_path_buf())),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(WriteError::MissingFolder(folder.to_path_buf()));
        }
        Err(source) => {
            return Err(WriteError::Io {
                path: folder.to_path_buf(),
                source,
            });
        }
    }
    if !force && path.symlink_metadata().is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }

    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".courtreport-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|source| WriteError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
    temp.write_all(bytes).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    if force {
        temp.persist(path).map_err(|e| io_err(e.error))?;
    } else {
        // Fails (and removes the temp file) if `path` appeared in the meantime.
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.to_path_buf())
            } else {
                io_err(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        write_atomic(&path, b"%PDF-1.7", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        assert_eq!(entries(dir.path()), ["report.pdf"]);
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, b"old").unwrap();
        let err = write_atomic(&path, b"new", false).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)));
        assert_eq!(
            err.to_string(),
            format!(
                "{} already exists; pass --force to overwrite it",
                path.display()
            )
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["report.pdf"]);

        write_atomic(&path, b"new", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(entries(dir.path()), ["report.pdf"]);
    }

    #[test]
    fn missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("no-such-folder");
        let err = write_atomic(&folder.join("r.pdf"), b"x", false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("output folder {} does not exist", folder.display())
        );
    }

    #[test]
    fn file_as_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        let err = write_atomic(&file.join("r.pdf"), b"x", false).unwrap_err();
        assert!(matches!(err, WriteError::NotAFolder(_)), "{err}");
    }

    #[test]
    fn failed_rename_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a-folder");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), b"x").unwrap();
        // Renaming a file over a non-empty folder fails after the temp file is written.
        let err = write_atomic(&target, b"x", true).unwrap_err();
        assert!(
            err.to_string().contains(&target.display().to_string()),
            "{err}"
        );
        assert_eq!(entries(dir.path()), ["a-folder"]);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_folder_gives_a_clear_error_and_leaves_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("ro");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores permissions: only assert when the folder really is read-only.
        let writable = std::fs::write(folder.join("probe"), b"").is_ok();
        let result = write_atomic(&folder.join("r.pdf"), b"x", false);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            std::fs::remove_file(folder.join("probe")).unwrap();
            std::fs::remove_file(folder.join("r.pdf")).unwrap();
            return;
        }
        let err = result.unwrap_err();
        assert!(
            err.to_string().contains(&folder.display().to_string()),
            "{err}"
        );
        assert!(err.to_string().contains("permission denied"), "{err}");
        assert!(entries(&folder).is_empty());
    }
}
