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
    /// The path exists and is not a regular file (a device such as `/dev/null`, a pipe,
    /// a folder): replacing it would destroy it, even with `force`.
    NotAFile(PathBuf),
    /// The temporary file could not be created in the folder (read-only, no permission).
    Create { folder: PathBuf, source: io::Error },
    /// Writing or renaming failed (e.g. a full disk). Nothing is left behind.
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
            WriteError::NotAFile(path) => write!(
                f,
                "{} is not a regular file (a device, pipe or folder), so it is not replaced; give a file name, or `-o -` for standard output",
                path.display()
            ),
            WriteError::Create { folder, source } => write!(
                f,
                "cannot create a file in {}: {}",
                folder.display(),
                reason(source)
            ),
            WriteError::Io { path, source } => {
                write!(f, "cannot write {}: {}", path.display(), reason(source))
            }
        }
    }
}

/// The reason is part of the message (so it is not also given as the error's source,
/// which would print it twice).
impl std::error::Error for WriteError {}

/// Why an I/O operation failed, in plain words, without the temporary file's name.
fn reason(error: &io::Error) -> String {
    use io::ErrorKind::*;
    match error.kind() {
        PermissionDenied => "permission denied".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        StorageFull => "the disk is full (no space left on the device); nothing was written".into(),
        QuotaExceeded => "the disk quota is exceeded; nothing was written".into(),
        NotFound => "no such file or folder".into(),
        _ => match error.raw_os_error() {
            // The OS's words alone: tempfile adds "at path <temp file>".
            Some(code) => io::Error::from_raw_os_error(code).to_string(),
            None => error.to_string(),
        },
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
    // Following links: `-o /dev/stdout` is a link to a device.
    if let Ok(meta) = path.metadata()
        && !meta.is_file()
    {
        return Err(WriteError::NotAFile(path.to_path_buf()));
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
        .map_err(|source| WriteError::Create {
            folder: folder.to_path_buf(),
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
    fn a_folder_as_target_is_refused_and_nothing_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a-folder");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), b"x").unwrap();
        let err = write_atomic(&target, b"x", true).unwrap_err();
        assert!(matches!(err, WriteError::NotAFile(_)), "{err}");
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

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_replaced_even_with_force() {
        use std::os::unix::fs::FileTypeExt;
        // As root, renaming over /dev/null would replace the device with a file.
        let err = write_atomic(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(matches!(err, WriteError::NotAFile(_)), "{err}");
        assert!(
            err.to_string()
                .starts_with("/dev/null is not a regular file"),
            "{err}"
        );
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(meta.file_type().is_char_device());
        let listed = entries(Path::new("/dev"));
        assert!(
            !listed.iter().any(|n| n.starts_with(".courtreport-")),
            "{listed:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_is_replaced_with_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.md"), b"old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"new", false),
            Err(WriteError::Exists(_))
        ));
        write_atomic(&link, b"new", true).unwrap();
        assert_eq!(std::fs::read(&link).unwrap(), b"new");
    }

    #[test]
    fn io_reasons_are_plain_words_without_the_temp_file() {
        let err = WriteError::Io {
            path: PathBuf::from("out/report.pdf"),
            source: io::Error::from(io::ErrorKind::StorageFull),
        };
        assert_eq!(
            err.to_string(),
            "cannot write out/report.pdf: the disk is full (no space left on the device); nothing was written"
        );
        assert!(std::error::Error::source(&err).is_none(), "printed once");
        let os = io::Error::from_raw_os_error(30); // EROFS
        let err = WriteError::Create {
            folder: PathBuf::from("/mnt/ro"),
            source: io::Error::new(
                os.kind(),
                format!("{os} at path \"/mnt/ro/.courtreport-x.tmp\""),
            ),
        };
        assert_eq!(
            err.to_string(),
            "cannot create a file in /mnt/ro: the file system is read-only"
        );
    }
}
