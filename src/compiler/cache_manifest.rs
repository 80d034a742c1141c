//! The record that makes a cache directory trustworthy: every file's size and modification
//! time, written last (atomically) once the directory is complete. A directory whose files no
//! longer match (truncated, rewritten, deleted, or a build killed half-way) is rebuilt. Size
//! and time rather than a hash of the contents: the directory holds ~20 MB of precompiled
//! header and vmlinux.h, which a hash would read on every compile (~0.2 s here); any write to
//! a file changes its time.
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

pub const MANIFEST: &str = "manifest";

/// What a directory's manifest says about it.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every file is as it was written.
    Good,
    /// No manifest: never completed (or being built now).
    Incomplete,
    /// This file changed since (or is gone).
    Damaged(String),
}

fn stamp(m: &fs::Metadata) -> String {
    format!("{} {}.{}", m.len(), m.mtime(), m.mtime_nsec())
}

/// Every regular file under `dir` (relative paths), except the manifest and `skip` subfolders.
fn files(dir: &Path, rel: &Path, skip: &[&str], out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in fs::read_dir(dir.join(rel))? {
        let e = e?;
        let r = rel.join(e.file_name());
        let ty = e.file_type()?;
        if ty.is_dir() {
            if !skip.iter().any(|s| r == Path::new(s)) {
                files(dir, &r, skip, out)?;
            }
        } else if r != Path::new(MANIFEST) {
            out.push(r);
        }
    }
    Ok(())
}

/// Records every file under `dir` but the `skip` subfolders; call once the directory is complete.
pub fn write(dir: &Path, skip: &[&str]) -> std::io::Result<()> {
    let mut list = Vec::new();
    files(dir, Path::new(""), skip, &mut list)?;
    list.sort();
    let mut text = String::new();
    for r in list {
        let m = fs::metadata(dir.join(&r))?;
        text.push_str(&format!("{} {}\n", stamp(&m), r.display()));
    }
    super::cache_dir::write_atomic(&dir.join(MANIFEST), text.as_bytes())
}

/// Checks `dir` against its manifest.
pub fn verify(dir: &Path) -> Verdict {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else { return Verdict::Incomplete };
    if text.is_empty() {
        return Verdict::Damaged(MANIFEST.into());
    }
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let (Some(size), Some(time), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
            return Verdict::Damaged(MANIFEST.into());
        };
        let ok = fs::metadata(dir.join(rel)).is_ok_and(|m| stamp(&m) == format!("{size} {time}"));
        if !ok {
            return Verdict::Damaged(rel.to_string());
        }
    }
    Verdict::Good
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_truncated_or_missing_file_is_damage() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(verify(d.path()), Verdict::Incomplete);
        fs::create_dir(d.path().join("sub")).unwrap();
        fs::create_dir(d.path().join("min")).unwrap();
        fs::write(d.path().join("a"), "aaaa").unwrap();
        fs::write(d.path().join("sub/b"), "bbbb").unwrap();
        fs::write(d.path().join("min/c"), "c").unwrap();
        write(d.path(), &["min"]).unwrap();
        assert_eq!(verify(d.path()), Verdict::Good);
        fs::write(d.path().join("min/c"), "changed, but not recorded here").unwrap();
        assert_eq!(verify(d.path()), Verdict::Good);
        std::thread::sleep(std::time::Duration::from_millis(5));
        fs::write(d.path().join("sub/b"), "bbbx").unwrap();
        assert_eq!(verify(d.path()), Verdict::Damaged("sub/b".into()));
        write(d.path(), &["min"]).unwrap();
        fs::OpenOptions::new().write(true).open(d.path().join("a")).unwrap().set_len(2).unwrap();
        assert_eq!(verify(d.path()), Verdict::Damaged("a".into()));
        write(d.path(), &["min"]).unwrap();
        fs::remove_file(d.path().join("a")).unwrap();
        assert_eq!(verify(d.path()), Verdict::Damaged("a".into()));
        fs::write(d.path().join(MANIFEST), "").unwrap();
        assert_eq!(verify(d.path()), Verdict::Damaged(MANIFEST.into()));
    }
}
