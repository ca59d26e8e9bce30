//! Undo and redo, as a property: for random sequences of user actions (annotations, relations,
//! attributes, notes, entities and their edits, merges, splits and deletions, status, direction,
//! label scheme edits, gazetteers and their suggestions accepted or rejected), undoing all of them
//! returns the project to its first state, and redoing all of them to its last. A refused action
//! changes nothing. The audit log gets one row per applied action (and per part of the composite
//! ones), with the annotator's name.

use proptest::prelude::*;
use sanad::model::{Action, DocumentStatus, History};
use sanad::store::suggestions::SuggestionFilter;
use sanad::store::{NewDocument, Project};
use sanad::text::DirectionSetting;

#[derive(Clone, Debug)]
enum Op {
    Add(u8, u8, u8, u8),
    Delete(u8),
    Relabel(u8, u8),
    Resize(u8, u8, u8),
    Relate(u8, u8, u8),
    Unrelate(u8),
    Attribute(u8, u8, Option<u8>),
    Note(u8, u8),
    DocNote(u8, u8),
    Status(u8, u8),
    Direction(u8, u8),
    Entity(u8),
    Link(u8, Option<u8>),
    Rename(u8, u8),
    Recolor(u8, u8),
    DeleteLabel(u8),
    AddLabel(u8),
    /// Label several spans at once ("Label all…"): (start, length, label) in each document.
    AddMany(u8, u8, u8),
    /// Rename an entity and add or drop an alias: (entity, name, alias).
    EditEntity(u8, u8, u8),
    /// Merge one entity into another: (survivor, merged).
    Merge(u8, u8),
    /// Split a (linked) mention off its entity: (annotation, name).
    Split(u8, u8),
    /// Delete an entity with its links.
    DeleteEntity(u8),
    /// Apply one of the gazetteers.
    Gazetteer(u8),
    /// Accept one suggestion (`false`) or all of a document's (`true`).
    Accept(u8, bool),
    /// Reject one suggestion.
    Reject(u8),
    /// Import spans, as suggestions (`--as-suggestions`) or annotations: onto a text already in
    /// the project, or a new one.
    ImportSuggestions(u8),
    /// Work on as another annotator (their own layer).
    Actor(u8),
    /// Adjudicate: accept what every annotator agrees on, in one document (`false`) or all.
    AcceptAgreeing(u8, bool),
    /// Give an annotation's span and label again (as the current annotator: agreement).
    Agree(u8),
    /// Adjudicate one annotation: copy it into the curated layer.
    AcceptIntoCurated(u8),
}

const ACTORS: [&str; 2] = ["Layla (test)", "Omar (test)"];

const GAZETTEERS: [&str; 2] = [
    "name,label,entity,aliases\nسجن صيدنايا,PRISON,,Sednaya prison\nأحمد زيدان,PERSON,,زيدان\n",
    "منظمة العفو الدولية,ORGANIZATION,Amnesty International\nICRC,ORGANIZATION\nسجن صيدنايا,PRISON,Saydnaya,صيدنايا\n",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<u8>(), any::<u8>(), 1u8..12, any::<u8>()).prop_map(|(a, b, c, d)| Op::Add(a, b, c, d)),
        1 => any::<u8>().prop_map(Op::Delete),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Relabel(a, b)),
        1 => (any::<u8>(), any::<u8>(), 1u8..12).prop_map(|(a, b, c)| Op::Resize(a, b, c)),
        2 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::Relate(a, b, c)),
        1 => any::<u8>().prop_map(Op::Unrelate),
        2 => (any::<u8>(), any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(a, b, c)| Op::Attribute(a, b, c)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Note(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::DocNote(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Status(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Direction(a, b)),
        2 => any::<u8>().prop_map(Op::Entity),
        4 => (any::<u8>(), proptest::option::of(any::<u8>())).prop_map(|(a, b)| Op::Link(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Recolor(a, b)),
        1 => any::<u8>().prop_map(Op::DeleteLabel),
        1 => any::<u8>().prop_map(Op::AddLabel),
        2 => (any::<u8>(), 1u8..12, any::<u8>()).prop_map(|(a, b, c)| Op::AddMany(a, b, c)),
        1 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(a, b, c)| Op::EditEntity(a, b, c)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Split(a, b)),
        1 => any::<u8>().prop_map(Op::DeleteEntity),
        1 => any::<u8>().prop_map(Op::Gazetteer),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::Accept(a, b)),
        1 => any::<u8>().prop_map(Op::Reject),
        1 => any::<u8>().prop_map(Op::ImportSuggestions),
        2 => any::<u8>().prop_map(Op::Actor),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, b)| Op::AcceptAgreeing(a, b)),
        2 => any::<u8>().prop_map(Op::Agree),
        1 => any::<u8>().prop_map(Op::AcceptIntoCurated),
    ]
}

const TEXTS: [&str; 2] = [
    "قالت منظمة العفو الدولية إن أحمد زيدان اعتقل في سجن صيدنايا عام 2017",
    "ICRC: the detainees in Sednaya prison number more than 200 ألف",
];
const WORDS: [&str; 4] = ["", "ملاحظة", "check source", "تحقق من التاريخ 2020"];
const RELATIONS: [&str; 5] = [
    "attributed_to",
    "held_in",
    "member_of",
    "denies",
    "nonexistent",
];
const ATTRS: [(&str, &[&str]); 3] = [
    (
        "kind",
        &["allegation", "denial", "statistic", "testimony", "other"],
    ),
    ("certainty", &["confirmed", "reported", "disputed"]),
    (
        "role",
        &["detainee", "official", "witness", "activist", "other"],
    ),
];

fn pick<T: Clone>(items: &[T], k: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[k as usize % items.len()].clone())
}

/// Turns a random op into an action against the project's current rows (ids that exist).
fn resolve(p: &Project, docs: &[i64], op: &Op) -> Option<Action> {
    let labels = p.labels().ok()?;
    let anns: Vec<_> = docs
        .iter()
        .flat_map(|d| p.annotations(*d).unwrap_or_default())
        .collect();
    let rels: Vec<_> = docs
        .iter()
        .flat_map(|d| p.relations(*d).unwrap_or_default())
        .collect();
    let ents = p.entities().ok()?;
    Some(match op.clone() {
        Op::Add(d, s, len, l) => {
            let doc = pick(docs, d)?;
            let n = TEXTS[docs.iter().position(|x| *x == doc)?].chars().count();
            let start = s as usize % (n - 1);
            Action::AddAnnotation {
                id: None,
                document_id: doc,
                start,
                end: (start + len as usize).min(n),
                label: pick(&labels, l)?.name,
            }
        }
        Op::AddMany(s, len, l) => Action::AddAnnotations {
            spans: docs
                .iter()
                .zip(TEXTS)
                .flat_map(|(&doc, text)| {
                    let n = text.chars().count();
                    let start = s as usize % (n - 1);
                    let end = (start + len as usize).min(n);
                    // Two spans per document: this one and one further on, when it fits.
                    let later =
                        (end + 1 < n).then(|| (doc, end + 1, (end + 1 + len as usize).min(n)));
                    std::iter::once((doc, start, end)).chain(later)
                })
                .collect(),
            label: pick(&labels, l)?.name,
        },
        Op::Delete(a) => Action::DeleteAnnotation {
            id: pick(&anns, a)?.id,
        },
        Op::Relabel(a, l) => Action::RelabelAnnotation {
            id: pick(&anns, a)?.id,
            label: pick(&labels, l)?.name,
        },
        Op::Resize(a, s, len) => {
            let ann = pick(&anns, a)?;
            Action::ResizeAnnotation {
                id: ann.id,
                start: s as usize % 40,
                end: s as usize % 40 + len as usize,
            }
        }
        Op::Relate(a, b, r) => Action::AddRelation {
            id: None,
            head: pick(&anns, a)?.id,
            child: pick(&anns, b)?.id,
            relation: pick(&RELATIONS, r)?.into(),
            created_at: None,
        },
        Op::Unrelate(r) => Action::DeleteRelation {
            id: pick(&rels, r)?.id,
        },
        Op::Attribute(a, k, v) => {
            let (name, values) = pick(&ATTRS, k)?;
            Action::SetAttribute {
                annotation_id: pick(&anns, a)?.id,
                name: name.into(),
                value: v.map(|v| values[v as usize % values.len()].to_owned()),
                restore: false,
            }
        }
        Op::Note(a, w) => Action::SetAnnotationNote {
            annotation_id: pick(&anns, a)?.id,
            note: pick(&WORDS, w)?.into(),
        },
        Op::DocNote(d, w) => Action::SetDocumentNote {
            document_id: pick(docs, d)?,
            note: pick(&WORDS, w)?.into(),
        },
        Op::Status(d, s) => Action::SetStatus {
            document_id: pick(docs, d)?,
            status: pick(&DocumentStatus::ALL, s)?,
        },
        Op::Direction(d, s) => Action::SetDirection {
            document_id: pick(docs, d)?,
            direction: pick(
                &[
                    DirectionSetting::Auto,
                    DirectionSetting::Rtl,
                    DirectionSetting::Ltr,
                ],
                s,
            )?,
        },
        Op::Entity(w) => Action::CreateEntity {
            id: None,
            name: pick(&["أحمد زيدان", "Amnesty International", "سجن صيدنايا"], w)?.into(),
            kind: "PERSON".into(),
            aliases: vec!["AhmadZydan".into()],
            created_at: None,
        },
        Op::Link(a, e) => Action::LinkEntity {
            annotation_id: pick(&anns, a)?.id,
            entity_id: match e {
                Some(k) => Some(pick(&ents, k)?.id),
                None => None,
            },
        },
        Op::EditEntity(e, w, a) => {
            let ent = pick(&ents, e)?;
            let alias: String = pick(&["Ahmad Zaydan", "أبو أحمد", "AhmadZydan", ""], a)?.into();
            Action::EditEntity {
                id: ent.id,
                name: pick(&["أحمد زيدان", "Ahmad", "  ", "سجن صيدنايا"], w)?.into(),
                kind: ent.kind.clone(),
                aliases: if ent.aliases.contains(&alias) {
                    sanad::model::entity::without_alias(&ent.aliases, &alias)
                } else {
                    sanad::model::entity::with_alias(&ent.name, &ent.aliases, &alias)
                },
            }
        }
        Op::Merge(a, b) => Action::MergeEntities {
            survivor: pick(&ents, a)?.id,
            merged: pick(&ents, b)?.id,
        },
        Op::Split(a, w) => {
            // Mostly a linked mention; an unlinked one is refused (and changes nothing).
            let linked: Vec<_> = anns.iter().filter(|x| x.entity_id.is_some()).collect();
            let ann = pick(&linked, a).or_else(|| pick(&anns.iter().collect::<Vec<_>>(), a))?;
            Action::SplitEntity {
                annotation_id: ann.id,
                name: pick(&["زيدان", "Sednaya", ""], w)?.into(),
            }
        }
        Op::DeleteEntity(e) => Action::DeleteEntity {
            id: pick(&ents, e)?.id,
        },
        Op::Rename(l, w) => Action::RenameLabel {
            id: pick(&labels, l)?.id,
            name: pick(&["ACTOR", "FACILITY", "PERSON", "مكان"], w)?.into(),
        },
        Op::Recolor(l, c) => Action::RecolorLabel {
            id: pick(&labels, l)?.id,
            color: pick(&["#112233", "#abcdef", "red"], c)?.into(),
        },
        Op::DeleteLabel(l) => Action::DeleteLabel {
            id: pick(&labels, l)?.id,
        },
        Op::Gazetteer(g) => {
            let list = sanad::interop::gazetteer::parse(
                pick(&GAZETTEERS, g)?,
                sanad::interop::gazetteer::GazetteerFormat::Csv,
                std::path::Path::new("names.csv"),
            )
            .ok()?;
            let mut index = sanad::store::search::SearchIndex::new();
            let (batch, _) = sanad::store::gazetteer::plan(p, &mut index, &list).ok()?;
            Action::ApplyGazetteer(Box::new(batch))
        }
        Op::Accept(k, all) => {
            let pool = p.suggestions(&SuggestionFilter::All).ok()?;
            let one = pick(&pool, k)?;
            let ids = if all {
                pool.iter()
                    .filter(|s| s.document_id == one.document_id)
                    .map(|s| s.id)
                    .collect()
            } else {
                vec![one.id]
            };
            Action::AcceptSuggestions { ids }
        }
        Op::ImportSuggestions(k) => {
            use sanad::interop::{ParsedCorpus, ParsedDocument, ParsedFile, ParsedSpan};
            // أحمد زيدان is chars [28, 38) of TEXTS[0]; "Sednaya prison" [23, 37) of TEXTS[1].
            // `person` renames the project's PERSON while nothing is annotated yet.
            let (text, spans): (&str, &[(usize, usize, &str)]) = match k % 4 {
                0 => (TEXTS[0], &[(28, 38, "PERSON"), (0, 4, "CLAIM")]),
                1 => (TEXTS[1], &[(23, 37, "PRISON")]),
                2 => (TEXTS[0], &[(28, 38, "person")]),
                _ => ("نص جديد من نموذج", &[(0, 2, "PERSON"), (3, 7, "PRISON")]),
            };
            let mut doc = ParsedDocument::new("m.txt", "m.txt", text.to_owned());
            doc.spans = spans
                .iter()
                .map(|&(start, end, label)| ParsedSpan {
                    start,
                    end,
                    label: label.into(),
                    note: String::new(),
                    attributes: Vec::new(),
                    entity: None,
                    origin: "test".into(),
                    annotator: None,
                })
                .collect();
            let corpus = ParsedCorpus {
                format: sanad::interop::Format::Doccano,
                files: vec![ParsedFile {
                    path: "m.jsonl".into(),
                    documents: vec![doc],
                    ..Default::default()
                }],
                scheme: Default::default(),
                passed_over: Vec::new(),
            };
            let options = sanad::interop::PlanOptions {
                as_suggestions: (k % 8 < 4).then(|| "model".into()),
                ..Default::default()
            };
            let (batch, _) = sanad::interop::plan_import(p, &corpus, &options).ok()?;
            Action::Import(Box::new(batch))
        }
        Op::Actor(_) => return None,
        Op::Agree(a) => {
            let a = pick(&anns, a)?;
            Action::AddAnnotation {
                id: None,
                document_id: a.document_id,
                start: a.start,
                end: a.end,
                label: labels.iter().find(|l| l.id == a.label_id)?.name.clone(),
            }
        }
        Op::AcceptIntoCurated(a) => Action::AcceptIntoCurated {
            annotation_id: pick(&anns, a)?.id,
        },
        Op::AcceptAgreeing(d, all) => Action::AcceptAgreeing {
            document_id: if all { None } else { Some(pick(docs, d)?) },
        },
        Op::Reject(k) => Action::RejectSuggestions {
            ids: vec![pick(&p.suggestions(&SuggestionFilter::All).ok()?, k)?.id],
        },
        Op::AddLabel(w) => Action::AddLabel {
            id: None,
            name: pick(&["EVENT", "DATE", "PERSON"], w)?.into(),
            color: "#777777".into(),
            key: Some('5'),
            description: String::new(),
        },
    })
}

/// Audit rows accepting `ids` writes beside its own: per suggestion, an `add_annotation` row
/// unless its span already has its label, then a `link_entity` row when its entity exists.
fn accept_rows(p: &Project, ids: &[i64]) -> usize {
    let labels = p.labels().unwrap();
    let entities = p.entities().unwrap();
    let all = p.suggestions(&SuggestionFilter::All).unwrap();
    ids.iter()
        .map(|id| {
            let s = all.iter().find(|s| s.id == *id).unwrap();
            // Already labelled alike in the accepting annotator's own layer (duplicates are
            // checked per layer: another annotator's equal span does not count).
            let labelled = p
                .annotations_with_annotator(s.document_id)
                .unwrap()
                .iter()
                .any(|(a, who)| {
                    who == p.actor()
                        && (a.start, a.end) == (s.start, s.end)
                        && labels
                            .iter()
                            .any(|l| l.id == a.label_id && l.name == s.label)
                });
            let linked = s
                .entity_id
                .is_some_and(|e| entities.iter().any(|x| x.id == e));
            match (labelled, linked) {
                (true, _) => 0,
                (false, true) => 2,
                (false, false) => 1,
            }
        })
        .sum()
}

fn new_project() -> (Project, Vec<i64>) {
    let mut p = Project::in_memory().unwrap();
    p.set_actor("Layla (test)");
    let docs = p
        .add_documents(
            &TEXTS
                .iter()
                .enumerate()
                .map(|(i, t)| NewDocument {
                    name: format!("{i}.txt"),
                    rel_path: format!("{i}.txt"),
                    text: (*t).into(),
                    sha256: "0".into(),
                    encoding: "UTF-8".into(),
                    byte_len: t.len(),
                    bom: false,
                    encoding_guessed: false,
                })
                .collect::<Vec<_>>(),
        )
        .unwrap();
    (p, docs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn undo_all_restores_the_first_state_and_redo_all_the_last(ops in prop::collection::vec(op(), 1..40)) {
        let (mut p, docs) = new_project();
        let first = p.dump().unwrap();
        let audit_start = p.audit_len().unwrap();
        let mut history = History::default();
        let mut applied = 0;
        for op in &ops {
            if let Op::Actor(k) = op {
                p.set_actor(ACTORS[*k as usize % ACTORS.len()]);
                continue;
            }
            let Some(action) = resolve(&p, &docs, op) else { continue };
            let before = p.dump().unwrap();
            // Labelling many spans writes one row for the action, then one per span; entity
            // merges, splits and deletions one row for the action and one per part.
            let linked = |e: i64| p.mentions(e).unwrap().len();
            let rows = match &action {
                Action::AddAnnotations { spans, .. } => 1 + spans.len(),
                Action::MergeEntities { merged, .. } => 3 + linked(*merged),
                Action::SplitEntity { .. } => 3,
                Action::DeleteEntity { id } => 1 + linked(*id),
                Action::AcceptSuggestions { ids } => 1 + accept_rows(&p, ids),
                // An import: its summary row, one per annotation, one per label it renames.
                Action::Import(b) => 1 + b.annotations.len() + b.label_renames.len(),
                _ => 1,
            };
            match p.apply(&action) {
                Ok(a) => {
                    // Adjudication: its summary row and one per span it accepted.
                    let rows = match (&action, &a.inverse) {
                        (Action::AcceptAgreeing { .. }, Action::Batch(v)) => 1 + v.len(),
                        // Its summary row and the curator's add_annotation row.
                        (Action::AcceptIntoCurated { .. }, _) => 2,
                        _ => rows,
                    };
                    history.push(action, a.inverse);
                    applied += rows;
                }
                Err(_) => prop_assert_eq!(p.dump().unwrap(), before, "a refused action changes nothing"),
            }
        }
        prop_assert_eq!(p.audit_len().unwrap(), audit_start + applied, "one audit row per action (per span when labelling many)");
        let last = p.dump().unwrap();
        while let Some(inv) = history.peek_undo().cloned() {
            let a = p.apply(&inv).unwrap();
            history.undone(a.inverse);
        }
        prop_assert_eq!(p.dump().unwrap(), first);
        while let Some(redo) = history.peek_redo().cloned() {
            let a = p.apply(&redo).unwrap();
            history.redone(a.inverse);
        }
        prop_assert_eq!(p.dump().unwrap(), last);
    }
}

#[test]
fn audit_rows_name_the_annotator_and_keep_before_and_after() {
    let (mut p, docs) = new_project();
    let id = p
        .apply(&Action::AddAnnotation {
            id: None,
            document_id: docs[0],
            start: 28,
            end: 38,
            label: "PERSON".into(),
        })
        .unwrap()
        .created
        .unwrap();
    p.apply(&Action::SetAttribute {
        annotation_id: id,
        name: "role".into(),
        value: Some("detainee".into()),
        restore: false,
    })
    .unwrap();
    p.apply(&Action::RelabelAnnotation {
        id,
        label: "ORGANIZATION".into(),
    })
    .unwrap();
    let h = p.annotation_history(id).unwrap();
    assert_eq!(
        h.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        vec!["add_annotation", "set_attribute", "relabel_annotation"]
    );
    assert!(h.iter().all(|r| r.actor == "Layla (test)"));
    assert!(
        h.iter().all(|r| r.at.ends_with('Z') && r.at.contains('T')),
        "RFC 3339 UTC"
    );
    let relabel = &h[2];
    assert!(relabel.before.as_deref().unwrap().contains("\"PERSON\""));
    assert!(
        relabel
            .after
            .as_deref()
            .unwrap()
            .contains("\"ORGANIZATION\"")
    );
    assert!(relabel.after.as_deref().unwrap().contains("أحمد زيدان"));
}
