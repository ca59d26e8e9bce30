//! The audit log's hash chain: every audit row carries `prev_hash` (the `row_hash` of the row
//! before it) and `row_hash = SHA-256(prev_hash || canonical(row))`, so changing, removing or
//! reordering a row breaks the chain at that row or the one after it ([`super::verify`] finds
//! where).
//!
//! **Canonical form of a row** (version 1): the row's eight fields in this order — `id`, `at`,
//! `actor`, `action`, `before`, `after`, `document_id`, `annotation_id` — each encoded as
//! - SQL NULL: the byte `0x00`;
//! - an integer: the byte `0x01`, then the value as 8 bytes, big-endian two's complement;
//! - text: the byte `0x02`, then its length in bytes as 8 bytes big-endian, then its UTF-8 bytes
//!   (exactly as stored: `before`/`after` are the stored JSON strings, not re-serialised);
//! - (only in a row changed outside Sanad) a real: `0x03` and the 8 bytes of its IEEE 754 bits
//!   big-endian; a blob: `0x04`, its length as 8 bytes big-endian, its bytes.
//!
//! Every field is typed and length-prefixed, so no two different rows share a canonical form.
//! Hashes are stored as lowercase hex (64 chars) in `audit_log.prev_hash` and `row_hash`.
//!
//! **Genesis.** The first row's `prev_hash` is [`genesis`]: SHA-256 of the ASCII bytes
//! `sanad audit chain v1`, a zero byte, the project id's length in bytes as 8 bytes big-endian
//! and the project id's UTF-8 bytes ([`Project::project_id`]), so a chain copied whole into
//! another project does not verify there.
//!
//! **Where it ends.** Each append also records the new last row as `meta.audit_chain_head`
//! (`ID HASH`, in the same transaction), so rows removed from the end of the log (which leave a
//! shorter chain that is whole) show up too, unless that record was rewritten with them.
//!
//! **Where it starts.** A project created by this Sanad is chained from its first row. A project
//! from before schema 5 is chained when it is migrated: its existing rows are hashed in `id`
//! order as they were found (the chain vouches for them only from that moment on: what they said
//! before the migration is not proven), and a `start_hash_chain` row records the migration (how
//! many rows were found, from which schema version); `meta.audit_chain_started` holds the id of
//! that row.

use super::error::StoreError;
use super::project::Project;
use crate::model::sha256_hex;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

/// The columns of `audit_log` that [`canonical`] encodes, in order.
pub const HASHED_COLUMNS: &str = "id, at, actor, action, before, after, document_id, annotation_id";

/// Appends the canonical encoding of one field (see the module docs) to `out`.
pub fn encode_field(out: &mut Vec<u8>, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => out.push(0),
        ValueRef::Integer(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_be_bytes());
        }
        ValueRef::Text(bytes) => {
            out.push(2);
            out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        ValueRef::Real(f) => {
            out.push(3);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
        ValueRef::Blob(bytes) => {
            out.push(4);
            out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
            out.extend_from_slice(bytes);
        }
    }
}

/// The canonical encoding of a row given as its [`HASHED_COLUMNS`] values, in order.
pub fn canonical(fields: &[ValueRef<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        fields
            .iter()
            .map(|f| match f {
                ValueRef::Text(b) | ValueRef::Blob(b) => b.len() + 9,
                _ => 9,
            })
            .sum(),
    );
    for f in fields {
        encode_field(&mut out, *f);
    }
    out
}

/// `row_hash` (lowercase hex) of a row whose `prev_hash` is `prev_hex` (the hex string's
/// decoded 32 bytes are hashed; a `prev_hex` that is not 64 hex digits is hashed as its UTF-8
/// bytes, so a damaged link still gives a hash, one that never matches).
pub fn row_hash(prev_hex: &str, canonical_row: &[u8]) -> String {
    let mut h = Sha256::new();
    match decode_hex32(prev_hex) {
        Some(bytes) => h.update(bytes),
        None => h.update(prev_hex.as_bytes()),
    }
    h.update(canonical_row);
    let digest = h.finalize();
    sha256_hex_of_digest(&digest)
}

/// The first row's `prev_hash` (lowercase hex) for a project with this id (see the module docs).
pub fn genesis(project_id: &str) -> String {
    let mut bytes = b"sanad audit chain v1\0".to_vec();
    bytes.extend_from_slice(&(project_id.len() as u64).to_be_bytes());
    bytes.extend_from_slice(project_id.as_bytes());
    sha256_hex(&bytes)
}

fn sha256_hex_of_digest(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

fn decode_hex32(hex: &str) -> Option<[u8; 32]> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks(2).enumerate() {
        out[i] = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

/// The project's id as `conn` holds it: `meta.project_id` (random, given at creation), or for
/// projects made before Sanad stored one, `created-` and the first 32 hex digits of the SHA-256
/// of `sanad-project\n` + `meta.created_at` (the rule exports name the project by, see
/// `export::manifest::project_id`).
///
/// # Errors
/// SQLite errors.
pub(super) fn project_id_of(conn: &Connection) -> Result<String, StoreError> {
    let meta = |key: &str| -> Result<Option<String>, StoreError> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    };
    if let Some(id) = meta("project_id")?.filter(|s| !s.is_empty()) {
        return Ok(id);
    }
    let created = meta("created_at")?.unwrap_or_default();
    let hash = sha256_hex(format!("sanad-project\n{created}").as_bytes());
    Ok(format!("created-{}", &hash[..32]))
}

/// The last row's (id, row_hash), if the log has rows.
fn head(conn: &Connection) -> Result<Option<(i64, Option<String>)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The audit row to write, before its id and hashes are known.
pub(super) struct NewRow<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub document_id: Option<i64>,
    pub annotation_id: Option<i64>,
}

/// Appends `row` to the audit log with the next id and its place in the chain (the caller's
/// transaction holds the write lock, so nobody appends in between).
///
/// # Errors
/// SQLite errors.
pub(super) fn append(conn: &Connection, row: &NewRow<'_>) -> Result<i64, StoreError> {
    let (id, prev) = match head(conn)? {
        Some((last, hash)) => (last + 1, hash.unwrap_or_default()),
        None => (1, genesis(&project_id_of(conn)?)),
    };
    fn opt_text(s: Option<&str>) -> ValueRef<'_> {
        s.map_or(ValueRef::Null, |s| ValueRef::Text(s.as_bytes()))
    }
    let opt_int = |i: Option<i64>| i.map_or(ValueRef::Null, ValueRef::Integer);
    let fields = [
        ValueRef::Integer(id),
        ValueRef::Text(row.at.as_bytes()),
        ValueRef::Text(row.actor.as_bytes()),
        ValueRef::Text(row.action.as_bytes()),
        opt_text(row.before),
        opt_text(row.after),
        opt_int(row.document_id),
        opt_int(row.annotation_id),
    ];
    let hash = row_hash(&prev, &canonical(&fields));
    conn.prepare_cached(
        "INSERT INTO audit_log(id, at, actor, action, before, after, document_id, annotation_id, prev_hash, row_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        row.at,
        row.actor,
        row.action,
        row.before,
        row.after,
        row.document_id,
        row.annotation_id,
        prev,
        hash
    ])?;
    conn.prepare_cached(
        "INSERT INTO meta(key, value) VALUES ('audit_chain_head', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute([format!("{id} {hash}")])?;
    Ok(id)
}

/// `meta.audit_chain_head` as written by [`append`]: the last row's (id, row_hash), or `None`
/// when none is recorded (or it is unreadable).
pub(super) fn recorded_head(value: Option<&str>) -> Option<(i64, String)> {
    let (id, hash) = value?.split_once(' ')?;
    Some((id.parse().ok()?, hash.to_owned()))
}

/// Migration to schema 5 of a project that already has audit rows: hashes them in `id` order as
/// found, then appends a `start_hash_chain` row (after: `{"rows_hashed_as_found": n,
/// "from_schema": v}`) and records its id in `meta.audit_chain_started`. A project with no audit
/// row gets nothing: its chain starts with its first row like a new project's.
///
/// # Errors
/// SQLite errors.
pub(super) fn start_on_existing(
    conn: &Connection,
    actor: &str,
    from_schema: i32,
) -> Result<(), StoreError> {
    let mut prev = genesis(&project_id_of(conn)?);
    let mut count = 0usize;
    {
        let mut select = conn.prepare(&format!(
            "SELECT {HASHED_COLUMNS} FROM audit_log ORDER BY id"
        ))?;
        let mut update =
            conn.prepare("UPDATE audit_log SET prev_hash = ?1, row_hash = ?2 WHERE id = ?3")?;
        let mut rows = select.query([])?;
        while let Some(r) = rows.next()? {
            let fields: Vec<ValueRef<'_>> =
                (0..8).map(|i| r.get_ref(i)).collect::<Result<_, _>>()?;
            let id = r.get::<_, i64>(0)?;
            let hash = row_hash(&prev, &canonical(&fields));
            update.execute(params![prev, hash, id])?;
            prev = hash;
            count += 1;
        }
    }
    if count == 0 {
        return Ok(());
    }
    let after = serde_json::json!({ "rows_hashed_as_found": count, "from_schema": from_schema })
        .to_string();
    let at = super::project::now_rfc3339();
    let id = append(
        conn,
        &NewRow {
            at: &at,
            actor,
            action: "start_hash_chain",
            before: None,
            after: Some(&after),
            document_id: None,
            annotation_id: None,
        },
    )?;
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('audit_chain_started', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [id.to_string()],
    )?;
    Ok(())
}

impl Project {
    /// The project's id: `meta.project_id`, or the id derived from `meta.created_at` for projects
    /// made before Sanad stored one (see [`project_id_of`]'s rule).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn project_id(&self) -> Result<String, StoreError> {
        project_id_of(&self.conn)
    }

    /// The audit chain's head: the last audit row's (id, `row_hash`), or `None` for an empty
    /// log (or a last row without a hash, which [`Project::verify`] reports).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn audit_chain_head(&self) -> Result<Option<(i64, String)>, StoreError> {
        Ok(head(&self.conn)?.and_then(|(id, h)| h.map(|h| (id, h))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_is_typed_and_length_prefixed() {
        // Hand-written bytes for (7, "ab", NULL, "").
        let got = canonical(&[
            ValueRef::Integer(7),
            ValueRef::Text(b"ab"),
            ValueRef::Null,
            ValueRef::Text(b""),
        ]);
        let mut want = vec![1, 0, 0, 0, 0, 0, 0, 0, 7];
        want.extend([2, 0, 0, 0, 0, 0, 0, 0, 2, b'a', b'b']);
        want.push(0);
        want.extend([2, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(got, want);
        // Moving a character from one field to the next changes the encoding.
        assert_ne!(
            canonical(&[ValueRef::Text(b"ab"), ValueRef::Text(b"c")]),
            canonical(&[ValueRef::Text(b"a"), ValueRef::Text(b"bc")])
        );
    }

    #[test]
    fn row_hash_is_sha256_of_the_previous_hash_bytes_and_the_row() {
        let prev = "00".repeat(32);
        let row = canonical(&[ValueRef::Integer(1)]);
        let mut input = vec![0u8; 32];
        input.extend(&row);
        assert_eq!(row_hash(&prev, &row), sha256_hex(&input));
        // SHA-256("abc"), FIPS 180-2 appendix B.1: the hex helper agrees with the standard.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut g = b"sanad audit chain v1\0".to_vec();
        g.extend(3u64.to_be_bytes());
        g.extend(b"xyz");
        assert_eq!(genesis("xyz"), sha256_hex(&g));
    }
}
