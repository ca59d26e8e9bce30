//! Pseudonymised exports (`--pseudonymise PERSON[,LABEL…]`, `--strip-notes`,
//! `--strip-annotators`): done once on the records every writer reads (the JSONL records of
//! [`super::jsonl::documents_with`] and the table records of [`super::rows::load_with`]), before
//! any format converts offsets, so every format gets the same text and spans.
//!
//! # What is replaced
//! - Every annotation whose label is one of the chosen labels (a *mention*) is replaced in the
//!   text by a pseudonym ([`naming`]): `PERSON_007` in a Latin document, `شخص_٧` in an Arabic one
//!   (more Arabic letters than other letters). Mentions linked to an entity share the entity's
//!   pseudonym (whatever their text); mentions not linked share one per label and distinct text
//!   (compared after Arabic-aware folding: harakat, tatweel, alef forms, case). Numbers count
//!   per label from 1, in order of first mention: documents in export order, spans by start; so
//!   the same data exported twice gets the same pseudonyms, in every format and document (a
//!   different scope, e.g. `--done-only`, may number differently).
//! - Overlapping or nested mentions of the chosen labels become one replaced *region* (their
//!   union), with the pseudonym of the first (outermost) mention.
//! - Every other occurrence, in any exported document's text, of a name the export replaces (the
//!   original text of any mention, and the name and aliases of every entity a mention links to)
//!   is replaced too, with the same pseudonym: exact match, ASCII letters in any case, not inside
//!   a longer word (a match may follow the Arabic proclitics و ف ب ك ل ال, e.g. وأحمد). Names
//!   of two chars or fewer are not searched for. The same search cleans notes, attribute values,
//!   document names and paths and warnings.
//! - Offsets of **all** spans are recomputed (code points, then each format's unit): a span
//!   after a region moves; a span that contains a region keeps its edges and gets its text
//!   rebuilt; a span with an edge strictly inside a region is widened to the whole region (a
//!   warning counts them); a span inside a region becomes the region (its text is the
//!   pseudonym). So `text[start:end] == span text` holds in every format.
//! - Entities: a linked entity that has a pseudonym is written with the pseudonym as name and no
//!   aliases (its id, an opaque number, stays); other entities' names and aliases go through the
//!   name search above.
//! - Per-document source hashes (`sha256`, `text_sha256` in JSONL and the manifest's
//!   `source_sha256`) are left empty: they would let someone confirm a guessed original text.
//!
//! # What is not
//! Names that no chosen-label annotation covers and that are not a replaced name or alias
//! (another spelling, a nickname) stay, as does free text in other labels' spans (dates, places,
//! ...). Notes stay unless `--strip-notes`. `--history`, `--include-suggestions` and byte
//! offsets into the original file are refused with `--pseudonymise` (they hold the original
//! text or its layout).
//!
//! # Annotators
//! `--strip-annotators` renames everyone in the audit log's authorship (`annotator`, `changed_by`,
//! JSONL history, the manifest's `annotators`) to `annotator_1`, `annotator_2`, ... in order of
//! first appearance (documents in export order, spans by start).
//!
//! The key (pseudonym → original texts and entity) is [`PseudonymKey`], written encrypted only
//! when asked ([`key`]).

pub mod key;
pub mod naming;

use super::jsonl::{ExportError, JsonlDocument, JsonlEntity};
use super::rows::Corpus;
use crate::store::authorship::Authorship;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What an export leaves out or replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anonymise {
    /// Labels whose mentions are replaced by pseudonyms (none: no pseudonymisation).
    pub pseudonymise: Vec<String>,
    /// Write every note (span and document) empty.
    pub strip_notes: bool,
    /// Rename annotators `annotator_1`, `annotator_2`, ...
    pub strip_annotators: bool,
}

impl Anonymise {
    /// Does it change anything?
    pub fn is_active(&self) -> bool {
        self.pseudonymises() || self.strip_notes || self.strip_annotators
    }

    /// Are some labels pseudonymised?
    pub fn pseudonymises(&self) -> bool {
        !self.pseudonymise.is_empty()
    }
}

/// What [`KEY_FORMAT`] files hold: every pseudonym of one export with what it replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PseudonymKey {
    /// Always [`KEY_FORMAT`].
    pub format: String,
    /// Always 1.
    pub version: u32,
    /// The pseudonymised labels.
    pub labels: Vec<String>,
    /// Every pseudonym, by label then number.
    pub pseudonyms: Vec<KeyEntry>,
}

/// The `format` of a pseudonym key.
pub const KEY_FORMAT: &str = "sanad-pseudonym-key";

/// One pseudonym and what it replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// As written in Latin documents (`PERSON_007`).
    pub pseudonym: String,
    /// As written in Arabic documents (`شخص_٧`).
    pub arabic: String,
    /// The label of its first mention.
    pub label: String,
    /// The linked entity, if any.
    pub entity: Option<KeyEntity>,
    /// Every original mention text it replaced, sorted.
    pub texts: Vec<String>,
}

/// The entity behind a pseudonym.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntity {
    /// Project entity id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// One pseudonym while the export is read.
struct Entry {
    label: String,
    number: usize,
    latin: String,
    arabic: String,
    entity: Option<JsonlEntity>,
    texts: BTreeSet<String>,
}

impl Entry {
    fn name(&self, arabic: bool) -> &str {
        if arabic { &self.arabic } else { &self.latin }
    }
}

/// A span as the pseudonymiser reads it (code points into the original text).
struct SpanIn<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    entity: Option<&'a JsonlEntity>,
    text: &'a str,
}

/// One document rewritten: the new text and every input span's new range (code points).
struct Plan {
    text: String,
    arabic: bool,
    spans: Vec<(usize, usize)>,
    widened: usize,
}

/// Replaces names and annotators on export records (see the module docs). One per export:
/// the numbering and the annotator names run over all its documents.
pub struct Pseudonymiser {
    options: Anonymise,
    labels: BTreeSet<String>,
    counters: HashMap<String, usize>,
    by_entity: HashMap<i64, usize>,
    by_text: HashMap<(String, String), usize>,
    entries: Vec<Entry>,
    sweep: Option<(AhoCorasick, Vec<usize>)>,
    annotators: HashMap<String, String>,
}

impl Pseudonymiser {
    /// A pseudonymiser for `options`, checking its labels against the scheme's `labels` and the
    /// export `export` options.
    ///
    /// # Errors
    /// [`ExportError::Options`] for a label not in the scheme, and with `--history`,
    /// `--include-suggestions` or byte offsets when pseudonymising.
    pub fn new(
        options: &Anonymise,
        labels: &[String],
        export: &super::ExportOptions,
    ) -> Result<Self, ExportError> {
        for l in &options.pseudonymise {
            if !labels.contains(l) {
                return Err(ExportError::Options(format!(
                    "--pseudonymise: the scheme has no label {l:?} (it has {})",
                    labels.join(", ")
                )));
            }
        }
        if options.pseudonymises()
            && (export.history
                || export.suggestions
                || export.offsets == super::OffsetExtras::Bytes)
        {
            return Err(ExportError::Options(
                "--pseudonymise does not go with --history, --include-suggestions or byte offsets into the original file: they hold the original text"
                    .to_owned(),
            ));
        }
        Ok(Self {
            options: options.clone(),
            labels: options.pseudonymise.iter().cloned().collect(),
            counters: HashMap::new(),
            by_entity: HashMap::new(),
            by_text: HashMap::new(),
            entries: Vec::new(),
            sweep: None,
            annotators: HashMap::new(),
        })
    }

    /// The key of what was replaced so far (`None` when nothing is pseudonymised).
    pub fn key(&self) -> Option<PseudonymKey> {
        if !self.options.pseudonymises() {
            return None;
        }
        let mut pseudonyms: Vec<KeyEntry> = self
            .entries
            .iter()
            .map(|e| KeyEntry {
                pseudonym: e.latin.clone(),
                arabic: e.arabic.clone(),
                label: e.label.clone(),
                entity: e.entity.as_ref().map(|x| KeyEntity {
                    id: x.id,
                    name: x.name.clone(),
                    aliases: x.aliases.clone(),
                }),
                texts: e.texts.iter().cloned().collect(),
            })
            .collect();
        let number: HashMap<&str, usize> = self
            .entries
            .iter()
            .map(|e| (e.latin.as_str(), e.number))
            .collect();
        pseudonyms.sort_by(|a, b| {
            (&a.label, number.get(a.pseudonym.as_str()))
                .cmp(&(&b.label, number.get(b.pseudonym.as_str())))
        });
        Some(PseudonymKey {
            format: KEY_FORMAT.to_owned(),
            version: 1,
            labels: self.options.pseudonymise.clone(),
            pseudonyms,
        })
    }

    /// The entry of a chosen-label span, made on first sight.
    fn assign(&mut self, s: &SpanIn) -> Option<usize> {
        if !self.labels.contains(s.label) {
            return None;
        }
        let found = match s.entity {
            Some(e) => self.by_entity.get(&e.id).copied(),
            None => self
                .by_text
                .get(&(s.label.to_owned(), fold(s.text)))
                .copied(),
        };
        let i = match found {
            Some(i) => i,
            None => {
                let n = self.counters.entry(s.label.to_owned()).or_default();
                *n += 1;
                let i = self.entries.len();
                self.entries.push(Entry {
                    label: s.label.to_owned(),
                    number: *n,
                    latin: naming::latin(&naming::latin_stem(s.label), *n),
                    arabic: naming::arabic(&naming::arabic_stem(s.label), *n),
                    entity: s.entity.cloned(),
                    texts: BTreeSet::new(),
                });
                match s.entity {
                    Some(e) => self.by_entity.insert(e.id, i),
                    None => self.by_text.insert((s.label.to_owned(), fold(s.text)), i),
                };
                i
            }
        };
        self.entries[i].texts.insert(s.text.to_owned());
        Some(i)
    }

    /// The entry of a span already assigned.
    fn entry_of(&self, s: &SpanIn) -> Option<usize> {
        if !self.labels.contains(s.label) {
            return None;
        }
        match s.entity {
            Some(e) => self.by_entity.get(&e.id).copied(),
            None => self
                .by_text
                .get(&(s.label.to_owned(), fold(s.text)))
                .copied(),
        }
    }

    /// Builds the name search from every entry (after all spans are assigned).
    fn build_sweep(&mut self) -> Result<(), ExportError> {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, e) in self.entries.iter().enumerate() {
            let entity_names = e
                .entity
                .iter()
                .flat_map(|x| std::iter::once(&x.name).chain(&x.aliases));
            for name in e.texts.iter().chain(entity_names) {
                let name = name.trim();
                if name.chars().count() > 2 && seen.insert(name.to_lowercase()) {
                    patterns.push(name.to_owned());
                    owners.push(i);
                }
            }
        }
        if patterns.is_empty() {
            self.sweep = None;
            return Ok(());
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .map_err(|e| ExportError::Options(format!("cannot search for the names: {e}")))?;
        self.sweep = Some((ac, owners));
        Ok(())
    }

    /// Occurrences of replaced names in `text` outside `taken` (sorted, disjoint char ranges):
    /// (start, end, entry), char offsets, sorted.
    fn sweep(&self, text: &str, taken: &[(usize, usize, usize)]) -> Vec<(usize, usize, usize)> {
        let Some((ac, owners)) = &self.sweep else {
            return Vec::new();
        };
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let char_at = |byte: usize| starts.partition_point(|&b| b < byte);
        let chars: Vec<char> = text.chars().collect();
        // Every occurrence (overlapping ones too) that is a word and free; then the leftmost,
        // longest of them, none overlapping another. (A plain leftmost-longest scan would skip a
        // name whose longer overlapping match is refused: "X X" over an annotated second X.)
        let mut found: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let (s, e) = (char_at(m.start()), char_at(m.end()));
                let i = taken.partition_point(|r| r.1 <= s);
                let free = !taken.get(i).is_some_and(|r| r.0 < e);
                (free && word_edges(&chars, s, e)).then(|| (s, e, owners[m.pattern().as_usize()]))
            })
            .collect();
        found.sort_by_key(|&(s, e, owner)| (s, std::cmp::Reverse(e), owner));
        let mut out: Vec<(usize, usize, usize)> = Vec::new();
        for m in found {
            if out.last().is_none_or(|last| last.1 <= m.0) {
                out.push(m);
            }
        }
        out
    }

    /// `s` with every replaced name found by [`Self::sweep`] replaced by its pseudonym.
    fn scrub(&self, s: &str, arabic: bool) -> String {
        if self.sweep.is_none() || s.is_empty() {
            return s.to_owned();
        }
        let regions = self.sweep(s, &[]);
        rewrite(s, &regions, |i| self.entries[i].name(arabic)).0
    }

    /// The document's new text and every span's new range.
    fn plan(&self, text: &str, spans: &[SpanIn]) -> Plan {
        let arabic = naming::is_arabic_text(text);
        let mut mentions: Vec<(usize, usize, usize)> = spans
            .iter()
            .filter_map(|s| self.entry_of(s).map(|e| (s.start, s.end, e)))
            .collect();
        mentions.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut regions: Vec<(usize, usize, usize)> = Vec::new();
        for (s, e, entry) in mentions {
            match regions.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => regions.push((s, e, entry)),
            }
        }
        let found = self.sweep(text, &regions);
        regions.extend(found);
        regions.sort_unstable();
        let (new_text, placed) = rewrite(text, &regions, |i| self.entries[i].name(arabic));
        // cum[k]: how far positions after the first k regions move.
        let mut cum = vec![0isize];
        for (r, p) in regions.iter().zip(&placed) {
            let d = (p.1 - p.0) as isize - (r.1 - r.0) as isize;
            cum.push(cum.last().copied().unwrap_or(0) + d);
        }
        let shift = |p: usize| {
            let k = regions.partition_point(|r| r.1 <= p);
            p.saturating_add_signed(cum[k])
        };
        let inside = |p: usize| {
            let k = regions.partition_point(|r| r.1 <= p);
            regions
                .get(k)
                .filter(|r| r.0 < p && p < r.1)
                .map(|_| placed[k])
        };
        let mut widened = 0;
        let new_spans = spans
            .iter()
            .map(|s| {
                let (a, b) = (inside(s.start), inside(s.end));
                if (a.is_some() || b.is_some()) && self.entry_of(s).is_none() {
                    widened += 1;
                }
                (
                    a.map_or_else(|| shift(s.start), |r| r.0),
                    b.map_or_else(|| shift(s.end), |r| r.1),
                )
            })
            .collect();
        Plan {
            text: new_text,
            arabic,
            spans: new_spans,
            widened,
        }
    }

    /// `e` as written on a span of a document (`arabic`): its pseudonym as name and no aliases
    /// when it has one, else its names searched for replaced names.
    fn entity(&self, e: &JsonlEntity, arabic: bool) -> JsonlEntity {
        match self.by_entity.get(&e.id) {
            Some(&i) => JsonlEntity {
                id: e.id,
                name: self.entries[i].name(arabic).to_owned(),
                kind: e.kind.clone(),
                aliases: Vec::new(),
            },
            None => JsonlEntity {
                id: e.id,
                name: self.scrub(&e.name, arabic),
                kind: e.kind.clone(),
                aliases: e.aliases.iter().map(|a| self.scrub(a, arabic)).collect(),
            },
        }
    }

    /// `annotator_N` for `name` ("" stays "").
    fn annotator(&mut self, name: &str) -> String {
        if name.is_empty() {
            return String::new();
        }
        let n = self.annotators.len() + 1;
        self.annotators
            .entry(name.to_owned())
            .or_insert_with(|| format!("annotator_{n}"))
            .clone()
    }

    fn rename_authorship(&mut self, a: &mut Authorship) {
        a.annotator = self.annotator(&a.annotator);
        a.changed_by = self.annotator(&a.changed_by);
    }

    /// Rewrites the JSONL records (code points, as [`super::jsonl::documents_with`] gives them)
    /// and the authorship the manifest reads (`authors`, by annotation id).
    ///
    /// # Errors
    /// [`ExportError::Options`] when the name search cannot be built.
    pub fn apply_jsonl(
        &mut self,
        docs: &mut [JsonlDocument],
        authors: &mut HashMap<i64, Authorship>,
    ) -> Result<(), ExportError> {
        if self.options.pseudonymises() {
            for d in docs.iter() {
                for s in &d.spans {
                    self.assign(&SpanIn {
                        start: s.start,
                        end: s.end,
                        label: &s.label,
                        entity: s.entity.as_ref(),
                        text: &s.text,
                    });
                }
            }
            self.build_sweep()?;
            for d in docs.iter_mut() {
                self.jsonl_document(d);
            }
        }
        if self.options.strip_notes {
            for d in docs.iter_mut() {
                d.notes.clear();
                d.spans.iter_mut().for_each(|s| s.note.clear());
            }
        }
        if self.options.strip_annotators {
            let mut renamed = HashMap::new();
            for d in docs.iter_mut() {
                for s in &mut d.spans {
                    if let Some(mut a) = authors.remove(&s.id) {
                        self.rename_authorship(&mut a);
                        renamed.insert(s.id, a);
                    }
                    for h in s.history.iter_mut().flatten() {
                        h.annotator = self.annotator(&h.annotator);
                    }
                }
            }
            *authors = renamed;
        }
        Ok(())
    }

    fn jsonl_document(&self, d: &mut JsonlDocument) {
        let plan = {
            let input: Vec<SpanIn> = d
                .spans
                .iter()
                .map(|s| SpanIn {
                    start: s.start,
                    end: s.end,
                    label: &s.label,
                    entity: s.entity.as_ref(),
                    text: &s.text,
                })
                .collect();
            self.plan(&d.text, &input)
        };
        let arabic = plan.arabic;
        let chars: Vec<char> = plan.text.chars().collect();
        for (s, &(a, b)) in d.spans.iter_mut().zip(&plan.spans) {
            (s.start, s.end) = (a, b);
            s.text = chars[a..b].iter().collect();
            s.entity = s.entity.as_ref().map(|e| self.entity(e, arabic));
            s.note = self.scrub(&s.note, arabic);
            for v in s.attributes.values_mut() {
                *v = self.scrub(v, arabic);
            }
        }
        d.text = plan.text;
        d.name = self.scrub(&d.name, arabic);
        d.path = self.scrub(&d.path, arabic);
        d.notes = self.scrub(&d.notes, arabic);
        d.sha256.clear();
        d.text_sha256.clear();
        for w in &mut d.warnings {
            *w = self.scrub(w, arabic);
        }
        if plan.widened > 0 {
            d.warnings.push(format!(
                "{} span(s) with an edge inside a pseudonymised name were widened to the whole pseudonym",
                plan.widened
            ));
        }
        let order = sort_order(d.spans.iter().map(|s| (s.start, s.end)));
        let mut taken: Vec<Option<_>> =
            std::mem::take(&mut d.spans).into_iter().map(Some).collect();
        d.spans = order.iter().filter_map(|&old| taken[old].take()).collect();
        let new_index = inverse(&order);
        for r in &mut d.relations {
            r.head_span = new_index[r.head_span];
            r.child_span = new_index[r.child_span];
        }
    }

    /// Rewrites the table records ([`super::rows::load_with`]).
    ///
    /// # Errors
    /// [`ExportError::Options`] when the name search cannot be built.
    pub fn apply_corpus(&mut self, corpus: &mut Corpus) -> Result<(), ExportError> {
        if self.options.pseudonymises() {
            for d in &corpus.documents {
                for s in &d.spans {
                    self.assign(&SpanIn {
                        start: s.start,
                        end: s.end,
                        label: &s.label,
                        entity: s.entity.as_ref(),
                        text: &s.text,
                    });
                }
            }
            self.build_sweep()?;
            let mut warnings = Vec::new();
            for d in &mut corpus.documents {
                let plan = {
                    let input: Vec<SpanIn> = d
                        .spans
                        .iter()
                        .map(|s| SpanIn {
                            start: s.start,
                            end: s.end,
                            label: &s.label,
                            entity: s.entity.as_ref(),
                            text: &s.text,
                        })
                        .collect();
                    self.plan(&d.text, &input)
                };
                let arabic = plan.arabic;
                let chars: Vec<char> = plan.text.chars().collect();
                for (s, &(a, b)) in d.spans.iter_mut().zip(&plan.spans) {
                    (s.start, s.end) = (a, b);
                    s.text = chars[a..b].iter().collect();
                    s.entity = s.entity.as_ref().map(|e| self.entity(e, arabic));
                    s.note = self.scrub(&s.note, arabic);
                    for v in s.attributes.values_mut() {
                        *v = self.scrub(v, arabic);
                    }
                }
                d.index = crate::model::CharIndex::new(&plan.text);
                d.text = plan.text;
                d.name = self.scrub(&d.name, arabic);
                d.path = self.scrub(&d.path, arabic);
                d.note = self.scrub(&d.note, arabic);
                d.text_sha256.clear();
                if plan.widened > 0 {
                    warnings.push(format!(
                        "{}: {} span(s) with an edge inside a pseudonymised name were widened to the whole pseudonym",
                        d.path, plan.widened
                    ));
                }
                let order = sort_order(d.spans.iter().map(|s| (s.start, s.end)));
                let mut taken: Vec<Option<_>> =
                    std::mem::take(&mut d.spans).into_iter().map(Some).collect();
                d.spans = order.iter().filter_map(|&old| taken[old].take()).collect();
                let new_index = inverse(&order);
                for r in &mut d.relations {
                    r.0 = new_index[r.0];
                    r.1 = new_index[r.1];
                }
            }
            for w in &mut corpus.warnings {
                let arabic = naming::is_arabic_text(w);
                *w = self.scrub(w, arabic);
            }
            corpus.warnings.extend(warnings);
        }
        if self.options.strip_notes {
            for d in &mut corpus.documents {
                d.note.clear();
                d.spans.iter_mut().for_each(|s| s.note.clear());
            }
        }
        if self.options.strip_annotators {
            for d in &mut corpus.documents {
                for s in &mut d.spans {
                    let mut a = std::mem::take(&mut s.authorship);
                    self.rename_authorship(&mut a);
                    s.authorship = a;
                }
            }
        }
        Ok(())
    }
}

/// The key under which unlinked mentions share a pseudonym: Arabic-aware folding (the search
/// bar's default rules) of the text with runs of white space as one space.
fn fold(text: &str) -> String {
    let folded = crate::search::fold::fold_str(text, &crate::search::fold::FoldOptions::default());
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `chars[s..e]` a whole word, or a word after Arabic proclitics (و ف ب ك ل ال, up to three
/// letters)?
fn word_edges(chars: &[char], s: usize, e: usize) -> bool {
    if chars.get(e).is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    if s == 0 || !chars[s - 1].is_alphanumeric() {
        return true;
    }
    let mut k = s;
    while k > 0 && chars[k - 1].is_alphanumeric() {
        k -= 1;
    }
    s - k <= 3
        && naming::is_arabic_letter(chars[s])
        && chars[k..s].iter().all(|c| "وفبكلا".contains(*c))
}

/// `text` with each region (sorted, disjoint char ranges with an entry) replaced by
/// `name(entry)`; also each region's new char range.
fn rewrite<'a>(
    text: &str,
    regions: &[(usize, usize, usize)],
    name: impl Fn(usize) -> &'a str,
) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut placed = Vec::with_capacity(regions.len());
    let mut chars = text.chars();
    let (mut at, mut new_at) = (0usize, 0usize);
    for &(s, e, entry) in regions {
        for c in chars.by_ref().take(s - at) {
            out.push(c);
        }
        new_at += s - at;
        chars.by_ref().take(e - s).for_each(drop);
        let n = name(entry);
        out.push_str(n);
        let len = n.chars().count();
        placed.push((new_at, new_at + len));
        new_at += len;
        at = e;
    }
    out.extend(chars);
    (out, placed)
}

/// Old indices in the order of (start, end), ties kept in their old order.
fn sort_order(ranges: impl Iterator<Item = (usize, usize)>) -> Vec<usize> {
    let ranges: Vec<_> = ranges.collect();
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| ranges[i]);
    order
}

/// `inverse(order)[old] == new`.
fn inverse(order: &[usize]) -> Vec<usize> {
    let mut out = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        out[old] = new;
    }
    out
}

/// Counts of what a pseudonymised export replaced, per label (for messages).
pub fn counts(key: &PseudonymKey) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in &key.pseudonyms {
        *out.entry(e.label.clone()).or_default() += 1;
    }
    out
}

#[cfg(test)]
mod tests;
