//! Gazetteer files: lists of known names (people, prisons, organisations…) with their label,
//! read from CSV, TSV or RON.
//!
//! **CSV / TSV** (`.csv` comma-separated; `.tsv` or `.tab` tab-separated; any other extension
//! is tab-separated when its first line holds a tab, else comma-separated). UTF-8, a BOM is
//! skipped. One name a row, 2 to 4 columns:
//!
//! ```text
//! name,label,entity,aliases
//! الدفاع المدني السوري,ORGANIZATION,,الدفاع المدني|الخوذ البيضاء
//! أحمد زيدان,PERSON,,Ahmad Zaidan|AhmadZydan
//! سجن صيدنايا,PRISON,Saydnaya Prison,صيدنايا العسكري
//! ```
//!
//! - `name`: a form to look for in the documents (required).
//! - `label`: a label of the project's scheme (required; case is ignored).
//! - `entity`: the canonical name of the entity the row belongs to (optional; default: `name`).
//!   Rows with the same entity and label extend one entity.
//! - `aliases`: more forms to look for, separated by `|` (optional).
//!
//! The header row is optional: a first row whose first two cells are `name` and `label`
//! (ignoring case) is taken as the header. Cells may be quoted (RFC 4180: `"a, b"`, `""` for a
//! quote); white space around a cell is trimmed; empty lines are skipped.
//!
//! **RON** (`.ron`): a list of entries; `entity` and `aliases` may be left out:
//!
//! ```text
//! [
//!     (name: "الدفاع المدني السوري", label: "ORGANIZATION", aliases: ["الدفاع المدني"]),
//!     (name: "سجن صيدنايا", label: "PRISON", entity: "Saydnaya Prison"),
//! ]
//! ```
//!
//! Errors name the file and the line (1-based) the problem is on.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One entry of a gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// The line of the file it is on (1-based).
    pub line: usize,
    /// A form to look for.
    pub name: String,
    /// The label (as written in the file).
    pub label: String,
    /// The canonical name of its entity, when it differs from `name`.
    pub entity: Option<String>,
    /// More forms to look for.
    pub aliases: Vec<String>,
}

impl GazetteerEntry {
    /// The canonical name of its entity: [`Self::entity`], else [`Self::name`].
    pub fn entity_name(&self) -> &str {
        self.entity.as_deref().unwrap_or(&self.name)
    }

    /// Every form to look for: the name, then the aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A gazetteer read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gazetteer {
    /// Its name: the file name (stored on each suggestion it makes).
    pub name: String,
    /// The file it was read from (for error messages).
    pub path: PathBuf,
    /// Its entries, in file order.
    pub entries: Vec<GazetteerEntry>,
}

/// The file formats of a gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GazetteerFormat {
    /// Comma-separated values.
    Csv,
    /// Tab-separated values.
    Tsv,
    /// Rusty Object Notation: a list of `(name, label, entity, aliases)` entries.
    Ron,
}

impl GazetteerFormat {
    /// The format of `path` with contents `text`: by extension (`.csv`, `.tsv`/`.tab`, `.ron`),
    /// else TSV when the first line holds a tab, else CSV.
    pub fn detect(path: &Path, text: &str) -> Self {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("csv") => Self::Csv,
            Some("tsv" | "tab") => Self::Tsv,
            Some("ron") => Self::Ron,
            _ if text.lines().next().is_some_and(|l| l.contains('\t')) => Self::Tsv,
            _ => Self::Csv,
        }
    }
}

/// Why a gazetteer cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file cannot be read.
    #[error("cannot read the gazetteer ({source}): {}", path.display())]
    Io {
        /// The I/O error.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// A line of the file is wrong.
    #[error("gazetteer line {line}: {message}: {}", path.display())]
    Line {
        /// The line, 1-based.
        line: usize,
        /// What is wrong.
        message: String,
        /// The file.
        path: PathBuf,
    },
    /// The file holds no entry.
    #[error("the gazetteer lists no names: {}", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// Reads the gazetteer at `path` (format told by [`GazetteerFormat::detect`]).
///
/// # Errors
/// [`GazetteerError::Io`], and the errors of [`parse`].
pub fn read_gazetteer(path: &Path) -> Result<Gazetteer, GazetteerError> {
    let bytes = std::fs::read(path).map_err(|source| GazetteerError::Io {
        source,
        path: path.to_owned(),
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(GazetteerError::Line {
                line,
                message: "not UTF-8 text (save the list as UTF-8)".into(),
                path: path.to_owned(),
            });
        }
    };
    parse(text, GazetteerFormat::detect(path, text), path)
}

/// Parses the text of a gazetteer in `format`; `path` names it in errors and gives its name.
///
/// # Errors
/// [`GazetteerError::Line`]: a row with fewer than 2 or more than 4 cells, an empty name or
/// label, a quote left open, RON that does not parse; [`GazetteerError::Empty`].
pub fn parse(
    text: &str,
    format: GazetteerFormat,
    path: &Path,
) -> Result<Gazetteer, GazetteerError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let entries = match format {
        GazetteerFormat::Csv => parse_delimited(text, b',', path)?,
        GazetteerFormat::Tsv => parse_delimited(text, b'\t', path)?,
        GazetteerFormat::Ron => parse_ron(text, path)?,
    };
    if entries.is_empty() {
        return Err(GazetteerError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(Gazetteer {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        path: path.to_owned(),
        entries,
    })
}

fn line_error(line: usize, message: impl Into<String>, path: &Path) -> GazetteerError {
    GazetteerError::Line {
        line,
        message: message.into(),
        path: path.to_owned(),
    }
}

/// Splits an aliases cell on `|`, trimming each and leaving out empty ones.
fn split_aliases(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Checks and builds one entry.
fn entry(
    line: usize,
    name: &str,
    label: &str,
    entity: &str,
    aliases: Vec<String>,
    path: &Path,
) -> Result<GazetteerEntry, GazetteerError> {
    let (name, label, entity) = (name.trim(), label.trim(), entity.trim());
    if name.is_empty() {
        return Err(line_error(line, "the name (first column) is empty", path));
    }
    if label.is_empty() {
        return Err(line_error(
            line,
            format!("{name:?} has no label (second column)"),
            path,
        ));
    }
    Ok(GazetteerEntry {
        line,
        name: name.to_owned(),
        label: label.to_owned(),
        entity: (!entity.is_empty() && entity != name).then(|| entity.to_owned()),
        aliases,
    })
}

fn parse_delimited(
    text: &str,
    delimiter: u8,
    path: &Path,
) -> Result<Vec<GazetteerEntry>, GazetteerError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    // Lines are counted from byte offsets (csv's own line count skips empty lines).
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    // A record's position can be that of the empty lines before it: skip them.
    let line_of = |byte: u64| {
        let start = text
            .as_bytes()
            .get(byte as usize..)
            .and_then(|rest| rest.iter().position(|&b| b != b'\n' && b != b'\r'))
            .map_or(byte as usize, |k| byte as usize + k);
        newlines.partition_point(|&n| n < start) + 1
    };
    let mut out = Vec::new();
    let mut first = true;
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e
                .position()
                .map_or_else(|| line_of(reader.position().byte()), |p| line_of(p.byte()));
            let message = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "not UTF-8 text (save the list as UTF-8)".into(),
                _ => format!("cannot read the row ({e})"),
            };
            line_error(line, message, path)
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let is_header = first
            && cells.len() >= 2
            && cells[0].eq_ignore_ascii_case("name")
            && cells[1].eq_ignore_ascii_case("label");
        first = false;
        if is_header {
            continue;
        }
        let sep = if delimiter == b'\t' { "tabs" } else { "commas" };
        match cells.len() {
            1 => {
                return Err(line_error(
                    line,
                    format!(
                        "{:?} has no label: a row is name{}label[{}entity][{}aliases] (cells separated by {sep})",
                        cells[0], delimiter as char, delimiter as char, delimiter as char
                    ),
                    path,
                ));
            }
            2..=4 => {}
            n => {
                return Err(line_error(
                    line,
                    format!(
                        "{n} cells, but a row has 2 to 4 (name, label, entity, aliases separated by |); quote a cell that holds a separator"
                    ),
                    path,
                ));
            }
        }
        let aliases = cells.get(3).map_or_else(Vec::new, |c| split_aliases(c));
        out.push(entry(
            line,
            cells[0],
            cells[1],
            cells.get(2).copied().unwrap_or(""),
            aliases,
            path,
        )?);
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RonEntry {
    name: String,
    label: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    aliases: Vec<String>,
}

fn parse_ron(text: &str, path: &Path) -> Result<Vec<GazetteerEntry>, GazetteerError> {
    // Each entry's line: parse the list as spanned values first, so an entry that is read but
    // wrong (an empty name) is reported on its own line.
    let entries: Vec<ron::Value> = ron::from_str(text).map_err(|e| {
        line_error(
            e.span.start.line,
            format!("not a RON list of entries ({})", e.code),
            path,
        )
    })?;
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    // ron::Value has no spans; find where each top-level entry starts to name its line.
    let starts = ron_entry_lines(text);
    let mut out = Vec::with_capacity(entries.len());
    for (k, value) in entries.into_iter().enumerate() {
        let line = starts.get(k).copied().unwrap_or(1);
        let e: RonEntry = value.into_rust().map_err(|err| {
            line_error(
                line,
                format!("entry {} is not (name: \"…\", label: \"…\", entity: \"…\", aliases: [\"…\"]) ({err})", k + 1),
                path,
            )
        })?;
        let aliases = e
            .aliases
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        out.push(entry(line, &e.name, &e.label, &e.entity, aliases, path)?);
    }
    Ok(out)
}

/// The line (1-based) on which each top-level `(` of a RON list opens, outside strings and
/// comments.
fn ron_entry_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut line, mut depth) = (1usize, 0i32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '"' => {
                while let Some(s) = chars.next() {
                    match s {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        '\n' => line += 1,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for s in chars.by_ref() {
                    if s == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '[' | '(' | '{' => {
                if c == '(' && depth == 1 {
                    out.push(line);
                }
                depth += 1;
            }
            ']' | ')' | '}' => depth -= 1,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Result<Gazetteer, GazetteerError> {
        parse(text, GazetteerFormat::Csv, Path::new("/tmp/names.csv"))
    }

    #[test]
    fn csv_with_and_without_header() {
        let with = csv("name,label,entity,aliases\nالدفاع المدني السوري,ORGANIZATION,,الدفاع المدني | الخوذ البيضاء\n\nأحمد زيدان,PERSON\n").unwrap();
        assert_eq!(with.name, "names.csv");
        assert_eq!(with.entries.len(), 2);
        let e = &with.entries[0];
        assert_eq!(
            (
                e.line,
                e.name.as_str(),
                e.label.as_str(),
                e.entity.as_deref()
            ),
            (2, "الدفاع المدني السوري", "ORGANIZATION", None)
        );
        assert_eq!(e.aliases, vec!["الدفاع المدني", "الخوذ البيضاء"]);
        assert_eq!(with.entries[1].line, 4, "the empty line 3 is skipped");
        let without = csv("أحمد زيدان,PERSON,Ahmad Zaidan,\"Zaidan, A.|AhmadZydan\"\n").unwrap();
        let e = &without.entries[0];
        assert_eq!((e.line, e.entity_name()), (1, "Ahmad Zaidan"));
        assert_eq!(e.aliases, vec!["Zaidan, A.", "AhmadZydan"]);
        assert_eq!(
            e.forms().collect::<Vec<_>>(),
            vec!["أحمد زيدان", "Zaidan, A.", "AhmadZydan"]
        );
    }

    #[test]
    fn tsv_is_told_by_extension_or_first_line() {
        let text = "سجن صيدنايا\tPRISON\t\tصيدنايا\n";
        assert_eq!(
            GazetteerFormat::detect(Path::new("a.txt"), text),
            GazetteerFormat::Tsv
        );
        assert_eq!(
            GazetteerFormat::detect(Path::new("a.TSV"), "x,y"),
            GazetteerFormat::Tsv
        );
        assert_eq!(
            GazetteerFormat::detect(Path::new("a.txt"), "x,y"),
            GazetteerFormat::Csv
        );
        let g = parse(text, GazetteerFormat::Tsv, Path::new("p.tsv")).unwrap();
        assert_eq!(g.entries[0].aliases, vec!["صيدنايا"]);
    }

    #[test]
    fn errors_name_the_line_and_the_file() {
        let err = csv("name,label\nسجن صيدنايا,PRISON\nأحمد زيدان\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "gazetteer line 3: \"أحمد زيدان\" has no label: a row is name,label[,entity][,aliases] (cells separated by commas): /tmp/names.csv"
        );
        let err = csv("a,PERSON\nb,PERSON,x,y,z\n").unwrap_err();
        assert!(
            err.to_string().starts_with("gazetteer line 2: 5 cells"),
            "{err}"
        );
        let err = csv("a,PERSON\n,PERSON\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("gazetteer line 2: the name (first column) is empty"),
            "{err}"
        );
        let err = csv("a,PERSON\nb,  \n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("gazetteer line 2: \"b\" has no label"),
            "{err}"
        );
        let err = csv("name,label\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the gazetteer lists no names: /tmp/names.csv"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("names.csv");
        // Line 2 is windows-1256 (سجن), not UTF-8.
        std::fs::write(&path, b"a,PERSON\n\xD3\xCC\xE4,PRISON\n").unwrap();
        let err = read_gazetteer(&path).unwrap_err();
        assert!(
            err.to_string().starts_with("gazetteer line 2: not UTF-8"),
            "{err}"
        );
        assert!(err.to_string().ends_with(&path.display().to_string()));
        // A BOM is skipped.
        std::fs::write(&path, "\u{FEFF}name,label\nسجن,PRISON\n").unwrap();
        assert_eq!(read_gazetteer(&path).unwrap().entries[0].name, "سجن");
    }

    #[test]
    fn ron_entries_with_their_lines() {
        let text = "[\n    (name: \"الدفاع المدني السوري\", label: \"ORGANIZATION\", aliases: [\"الدفاع المدني\"]),\n    // a comment (with a paren\n    (\n        name: \"سجن صيدنايا\",\n        label: \"PRISON\",\n        entity: \"Saydnaya Prison\",\n    ),\n]\n";
        let g = parse(text, GazetteerFormat::Ron, Path::new("n.ron")).unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(
            (g.entries[0].line, g.entries[0].aliases.clone()),
            (2, vec!["الدفاع المدني".to_owned()])
        );
        assert_eq!(
            (g.entries[1].line, g.entries[1].entity_name()),
            (4, "Saydnaya Prison")
        );
        let err = parse(
            "[\n  (name: \"a\", label: \"PERSON\"),\n  (name: \"\", label: \"PERSON\"),\n]",
            GazetteerFormat::Ron,
            Path::new("n.ron"),
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("gazetteer line 3: the name"),
            "{err}"
        );
        let err = parse(
            "[\n  (name: \"a\", label: \"PERSON\"),\n  (name: \"b\" label: \"PERSON\"),\n]",
            GazetteerFormat::Ron,
            Path::new("n.ron"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("gazetteer line 3: "), "{err}");
        let err = parse(
            "[(name: \"a\", lable: \"PERSON\")]",
            GazetteerFormat::Ron,
            Path::new("n.ron"),
        )
        .unwrap_err();
        assert!(
            err.to_string().starts_with("gazetteer line 1: entry 1"),
            "{err}"
        );
    }
}
