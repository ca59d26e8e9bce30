//! The project file's schema and its migrations.
//!
//! A Sanad project is a SQLite file whose header carries [`APPLICATION_ID`] (`PRAGMA
//! application_id`) and whose `PRAGMA user_version` is the schema version. Migration `n` takes a
//! file from version `n` to `n + 1`; a file newer than [`SCHEMA_VERSION`] is refused.

/// `PRAGMA application_id` of every Sanad project: the ASCII bytes "SAND".
pub const APPLICATION_ID: i32 = 0x5341_4E44;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i32 = 6;

/// Migrations, in order: `MIGRATIONS[n]` takes version `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        rel_path    TEXT NOT NULL UNIQUE,
        text        TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        encoding    TEXT NOT NULL,
        byte_len    INTEGER NOT NULL,
        char_count  INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        direction   TEXT NOT NULL DEFAULT 'auto' CHECK (direction IN ('auto', 'rtl', 'ltr'))
    );
    CREATE TABLE labels (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        color       TEXT NOT NULL,
        key         TEXT,
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL
    );
    CREATE TABLE annotations (
        id          INTEGER PRIMARY KEY AUTOINCREMENT, -- ids are never reused (the audit log names them)
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        label_id    INTEGER NOT NULL REFERENCES labels(id),
        created_at  TEXT NOT NULL,
        CHECK (start >= 0 AND start < "end")
    );
    CREATE INDEX annotations_by_document ON annotations(document_id, start);
    CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after  TEXT
    );
    "#,
    // 1 -> 2: relations, attributes, notes, entities, document status, per-row audit keys.
    r#"
    CREATE TABLE label_attributes (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        label_id       INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        allowed_values TEXT NOT NULL, -- JSON array of strings
        position       INTEGER NOT NULL,
        UNIQUE (label_id, name)
    );
    CREATE TABLE relation_types (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL
    );
    CREATE TABLE relation_type_args (
        relation_type_id INTEGER NOT NULL REFERENCES relation_types(id) ON DELETE CASCADE,
        role             TEXT NOT NULL CHECK (role IN ('head', 'child')),
        label_id         INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        PRIMARY KEY (relation_type_id, role, label_id)
    );
    CREATE TABLE entities (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        aliases    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings, any script
        created_at TEXT NOT NULL
    );
    ALTER TABLE annotations ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE annotations ADD COLUMN entity_id INTEGER REFERENCES entities(id);
    CREATE INDEX annotations_by_entity ON annotations(entity_id);
    CREATE TABLE annotation_attributes (
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        value         TEXT NOT NULL,
        PRIMARY KEY (annotation_id, name)
    );
    CREATE TABLE relations (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        head_id          INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        child_id         INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        relation_type_id INTEGER NOT NULL REFERENCES relation_types(id),
        created_at       TEXT NOT NULL,
        CHECK (head_id <> child_id)
    );
    CREATE INDEX relations_by_document ON relations(document_id);
    ALTER TABLE documents ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'todo'
        CHECK (status IN ('todo', 'in_progress', 'done'));
    ALTER TABLE audit_log ADD COLUMN document_id INTEGER;
    ALTER TABLE audit_log ADD COLUMN annotation_id INTEGER;
    CREATE INDEX audit_by_annotation ON audit_log(annotation_id);
    "#,
    // 2 -> 3: provenance of the decoded text (BOM, low-confidence encoding guess, the decoded
    // text's own hash), and a lookup of documents by the hash of their bytes (renames).
    r#"
    ALTER TABLE documents ADD COLUMN bom INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN encoding_guessed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN text_sha256 TEXT NOT NULL DEFAULT '';
    CREATE INDEX documents_by_sha256 ON documents(sha256);
    "#,
    // 3 -> 4: gazetteer suggestions, kept apart from annotations until accepted, and the
    // suggestions people rejected (so applying a gazetteer again does not bring them back).
    // Labels are named, not referenced: a label's deletion (undoable) hides its suggestions
    // without a cascade, and a rename follows them (see `Action::RenameLabel`). The entity is not
    // a foreign key either: a suggestion outlives an entity deleted meanwhile, and is then
    // accepted without a link.
    r#"
    CREATE TABLE suggestions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        label       TEXT NOT NULL,
        entity_id   INTEGER,
        name        TEXT NOT NULL,
        source      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        CHECK (start >= 0 AND start < "end"),
        UNIQUE (document_id, start, "end", label)
    );
    CREATE INDEX suggestions_by_entity ON suggestions(entity_id);
    CREATE TABLE rejected_suggestions (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        label       TEXT NOT NULL,
        PRIMARY KEY (document_id, start, "end", label)
    ) WITHOUT ROWID;
    "#,
    // 4 -> 5: the audit log's hash chain (src/store/chain.rs): each row's link to the row
    // before it and its own hash, lowercase hex. Rows already there are hashed as found by
    // `chain::start_on_existing` in the same transaction.
    r#"
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN row_hash TEXT;
    "#,
    // 5 -> 6: who made each annotation (a team's merged project holds several annotators'
    // layers of the same documents; see `crate::store::team`). Filled from the audit log for
    // an existing project ([`fill_annotators`]).
    r#"
    ALTER TABLE annotations ADD COLUMN annotator TEXT NOT NULL DEFAULT '';
    CREATE INDEX annotations_by_annotator ON annotations(annotator, document_id);
    "#,
];

/// Migration 4 -> 5 for a project that already has annotations: each annotation's annotator is
/// the actor of the first audit row naming it (its creation or import, as
/// [`crate::store::Project::annotation_authorship`] reads it); one with no audit row keeps `''`
/// (made outside Sanad: "unknown").
///
/// # Errors
/// SQLite errors.
pub(super) fn fill_annotators(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "UPDATE annotations SET annotator = COALESCE(
             (SELECT actor FROM audit_log WHERE audit_log.annotation_id = annotations.id ORDER BY audit_log.id LIMIT 1),
             '')
         WHERE annotator = ''",
    )
}

/// Migration 2 -> 3 for a project that already has documents: records the SHA-256 of each
/// document's text as it is now (the text a schema-2 project holds is the text it imported).
///
/// `documents.text_sha256` is, everywhere (import, re-decoding, this migration), the SHA-256
/// (lowercase hex) of the UTF-8 bytes of the stored `text` (after BOM stripping and decoding, no
/// normalisation): [`super::verify`] checks each document against it.
///
/// # Errors
/// SQLite errors.
pub(super) fn fill_text_hashes(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, text FROM documents WHERE text_sha256 = ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE documents SET text_sha256 = ?1 WHERE id = ?2")?;
    for (id, text) in rows {
        update.execute(rusqlite::params![
            crate::model::sha256_hex(text.as_bytes()),
            id
        ])?;
    }
    Ok(())
}
