//! Reading a pack file: bytes → YAML → [`raw`](super::raw) types → validated [`Pack`].
//!
//! Reading is bounded before anything is parsed (the file size, UTF-8, YAML budgets against alias
//! bombs and deep nesting, no tags), YAML errors are reworded for authors by
//! [`diagnose`](super::diagnose), and the raw pack is handed to `validate`,
//! which builds the validated model or says everything that is wrong with it.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use super::error::{PackError, Pos};
use super::raw::{MAX_PACK_BYTES, RawPack, sha256, yaml_options};
use super::{Pack, Source, diagnose, validate};

/// One or more problems that stopped a pack from loading.
#[derive(Debug, Clone)]
pub struct PackErrors(pub Vec<PackError>);

impl PackErrors {
    pub fn one(error: PackError) -> PackErrors {
        PackErrors(vec![error])
    }

    /// Every error with its snippet and help, for a terminal.
    pub fn report(&self) -> String {
        self.0
            .iter()
            .map(PackError::report)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for PackErrors {}

impl From<PackError> for PackErrors {
    fn from(e: PackError) -> Self {
        PackErrors::one(e)
    }
}

/// Reads a pack file from disk: YAML, or an Azure review checklist or AWS custom lens when it
/// ends in `.json`.
///
/// Returns the pack and the warnings met on the way (a lens import reports its quirks).
pub fn load_file(path: &Path) -> Result<(Pack, Vec<PackError>), PackErrors> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        PackError::new(&name, Pos::default(), format!("cannot read the pack: {e}"))
            .help("check the path; --pack takes a pack file or a folder of them")
    })?;
    if meta.len() > MAX_PACK_BYTES as u64 {
        return Err(too_large(&name, meta.len()).into());
    }
    let bytes = read_bounded(path)
        .map_err(|e| PackError::new(&name, Pos::default(), format!("cannot read the pack: {e}")))?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(too_large(&name, bytes.len() as u64).into());
    }
    let source = Source::File(path.to_path_buf());
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        // An Azure review checklist or an AWS custom lens, told apart by their top-level keys.
        return super::checklist::import_json(&name, &bytes, source);
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| not_utf8(&name, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    load_str(&name, &text, source).map(|p| (p, Vec::new()))
}

/// Reads at most one byte more than a pack may have: the size on disk can lie (a pipe, a device,
/// a file that grows while it is read).
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    crate::fsutil::read_limited(path, MAX_PACK_BYTES as u64)
}

/// Points at the first byte that is not UTF-8, and shows it.
fn not_utf8(name: &str, bytes: &[u8], valid_up_to: usize) -> PackErrors {
    let before = &bytes[..valid_up_to];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    // The part of the line before the bad byte is valid UTF-8; columns count characters.
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    PackError::new(
        name,
        Pos::new(line as u64, col as u64),
        format!("the file is not UTF-8 text: byte `0x{byte:02X}` is not valid UTF-8"),
    )
    .help("save the pack as UTF-8 (most editors offer it under \"encoding\")")
    .into()
}

fn too_large(name: &str, len: u64) -> PackError {
    PackError::new(
        name,
        Pos::default(),
        format!(
            "the file is {len} bytes ({:.1} MiB); packs are limited to 8 MiB ({MAX_PACK_BYTES} bytes)",
            len as f64 / (1024.0 * 1024.0)
        ),
    )
    .help("split the pack into several files, one per pillar")
}

/// Parses and validates one pack from YAML text. `name` is how errors refer to the file.
pub fn load_str(name: &str, text: &str, source: Source) -> Result<Pack, PackErrors> {
    if text.len() > MAX_PACK_BYTES {
        return Err(too_large(name, text.len() as u64).into());
    }
    let src: Arc<str> = Arc::from(text);
    let raw: RawPack = serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| {
        PackErrors::one(diagnose::yaml_error(name, text, &e).with_source(src.clone()))
    })?;
    validate::pack(name, raw, source, sha256(text.as_bytes())).map_err(|errors| {
        PackErrors(
            errors
                .into_iter()
                .map(|e| e.with_source(src.clone()))
                .collect(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limit_are_refused_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, vec![b'#'; MAX_PACK_BYTES + 1]).unwrap();
        let err = load_file(&path).unwrap_err().to_string();
        assert!(
            err.contains("8388609 bytes") && err.contains("limited to 8 MiB"),
            "{err}"
        );
        std::fs::write(&path, [b"schema: 1\n".as_slice(), &[0xC3, 0x28]].concat()).unwrap();
        let err = load_file(&path).unwrap_err().to_string();
        assert!(
            err.ends_with(":2:1: the file is not UTF-8 text: byte `0xC3` is not valid UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn columns_count_characters_before_a_bad_byte() {
        let err = not_utf8("f.yaml", "name: Café ".as_bytes(), "name: Café ".len()).to_string();
        assert!(err.contains("f.yaml:1:12:"), "{err}");
    }
}
