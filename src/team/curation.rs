//! The curation view's model: one document's annotations split into annotators' lanes, each
//! span marked agreed or disputed, and the curated layer beside them. No drawing here (see
//! `crate::ui::curation`).
//!
//! **Agreement rule** (the same as [`crate::model::Action::AcceptAgreeing`] applies, see
//! `crate::store::team::accept_agreeing`): a span (start, end, label) is *agreed* when the
//! document has at least two layers besides the curator's and every one of them holds that
//! exact span with that label; any other span of an annotator's layer is *disputed*.

use crate::model::{Annotation, AnnotationId, LabelId};
use crate::store::team::CURATOR;
use std::collections::{BTreeMap, BTreeSet};

/// One annotator's span in its lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneSpan {
    /// The annotation (offsets in chars, end-exclusive).
    pub annotation: Annotation,
    /// Its lane: the index of its annotator in [`Lanes::annotators`].
    pub lane: usize,
    /// Does every annotator's layer hold the same span with the same label?
    pub agreed: bool,
    /// The curated annotation with the same span and label, once accepted.
    pub curated: Option<AnnotationId>,
}

/// One document's layers, for adjudication.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lanes {
    /// The annotators, by name (`""` = unknown), without the curator: lane order.
    pub annotators: Vec<String>,
    /// Every span of their layers, by start, end, lane, id.
    pub spans: Vec<LaneSpan>,
    /// The curated layer.
    pub curated: Vec<Annotation>,
}

impl Lanes {
    /// Splits a document's annotations with their annotator (as
    /// `Project::annotations_with_annotator` gives them) into lanes.
    pub fn new(rows: Vec<(Annotation, String)>) -> Self {
        type Key = (usize, usize, LabelId);
        let key = |a: &Annotation| (a.start, a.end, a.label_id);
        let mut layers: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        let mut curated_keys: BTreeMap<Key, AnnotationId> = BTreeMap::new();
        let mut curated = Vec::new();
        let mut others = Vec::new();
        for (a, who) in rows {
            if who == CURATOR {
                curated_keys.entry(key(&a)).or_insert(a.id);
                curated.push(a);
            } else {
                layers.entry(who.clone()).or_default().insert(key(&a));
                others.push((a, who));
            }
        }
        let annotators: Vec<String> = layers.keys().cloned().collect();
        let two = layers.len() >= 2;
        let mut spans: Vec<LaneSpan> = others
            .into_iter()
            .map(|(a, who)| {
                let k = key(&a);
                LaneSpan {
                    lane: annotators.iter().position(|n| *n == who).unwrap_or(0),
                    agreed: two && layers.values().all(|s| s.contains(&k)),
                    curated: curated_keys.get(&k).copied(),
                    annotation: a,
                }
            })
            .collect();
        spans.sort_by_key(|s| {
            (
                s.annotation.start,
                s.annotation.end,
                s.lane,
                s.annotation.id,
            )
        });
        Self {
            annotators,
            spans,
            curated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: i64, start: usize, end: usize, label_id: i64) -> Annotation {
        Annotation {
            id,
            document_id: 1,
            start,
            end,
            label_id,
            note: String::new(),
            entity_id: None,
        }
    }

    #[test]
    fn spans_every_annotator_holds_alike_are_agreed_the_rest_disputed() {
        let lanes = Lanes::new(vec![
            (a(1, 0, 11, 1), "alice".into()),
            (a(2, 0, 11, 1), "bob".into()),
            (a(3, 19, 23, 2), "alice".into()),
            (a(4, 19, 23, 3), "bob".into()), // label differs
            (a(5, 12, 14, 3), "bob".into()), // bob only
            (a(6, 0, 11, 1), CURATOR.into()),
        ]);
        assert_eq!(lanes.annotators, ["alice", "bob"]);
        assert_eq!(lanes.curated.len(), 1);
        let got: Vec<(i64, usize, bool, Option<i64>)> = lanes
            .spans
            .iter()
            .map(|s| (s.annotation.id, s.lane, s.agreed, s.curated))
            .collect();
        assert_eq!(
            got,
            [
                (1, 0, true, Some(6)),
                (2, 1, true, Some(6)),
                (5, 1, false, None),
                (3, 0, false, None),
                (4, 1, false, None),
            ]
        );
    }

    #[test]
    fn one_layer_alone_agrees_with_nobody() {
        let lanes = Lanes::new(vec![(a(1, 0, 3, 1), "alice".into())]);
        assert!(!lanes.spans[0].agreed);
    }
}
