//! Arabic-aware text search, without a display: folding with a map back to the original
//! ([`fold`]), word modes and regular expressions ([`matcher`]), and keyword-in-context snippets
//! ([`snippet`]). Every offset is a char index (Unicode scalar value) into the original text,
//! end-exclusive.

pub mod fold;
pub mod matcher;
pub mod names;
pub mod snippet;

pub use fold::{FoldMap, FoldOptions, Folded, fold_str, fold_with_map};
pub use matcher::{Matcher, Query, QueryError, WordMode, is_proclitic};
pub use names::{NameMatch, NameSet};
pub use snippet::Snippet;

/// Does `query` occur in any of `names` with the Arabic-aware folding (default rules,
/// substring)? For entity search: `محمد` finds the entity "مُحَمَّد", `ahmad` finds "Ahmad". An
/// empty query (after folding) matches nothing.
pub fn name_matches<'a>(query: &str, names: impl IntoIterator<Item = &'a str>) -> bool {
    let options = FoldOptions::default();
    let q = fold_str(query.trim(), &options);
    !q.is_empty()
        && names
            .into_iter()
            .any(|n| fold_str(n, &options).contains(&q))
}

/// An entity matched by [`find_entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityMatch {
    /// Index into the entities searched.
    pub entity: usize,
    /// Index into its aliases of the alias that matched, when the name did not match as well.
    pub alias: Option<usize>,
}

/// The entities whose name or an alias holds `query` with the Arabic-aware folding (default
/// [`FoldOptions`], substring): `محمد` finds "مُحَمَّد", `muhammad` finds the alias
/// "Muhammad". Best first: a name or alias equal to the query (after folding), then one that
/// starts with it, then one that holds it; on a tie a name before an alias, then by name. An
/// empty query (after folding) finds nothing.
pub fn find_entities(query: &str, entities: &[crate::model::Entity]) -> Vec<EntityMatch> {
    let options = FoldOptions::default();
    let q = fold_str(query.trim(), &options);
    if q.is_empty() {
        return Vec::new();
    }
    let rank = |name: &str| {
        let f = fold_str(name, &options);
        if f == q {
            Some(0)
        } else if f.starts_with(&q) {
            Some(1)
        } else if f.contains(&q) {
            Some(2)
        } else {
            None
        }
    };
    let mut hits: Vec<((u8, bool), EntityMatch)> = entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let by_name = rank(&e.name).map(|r| ((r, false), None));
            let by_alias = e
                .aliases
                .iter()
                .enumerate()
                .filter_map(|(k, a)| rank(a).map(|r| ((r, true), Some(k))))
                .min_by_key(|(r, _)| *r);
            let best = match (by_name, by_alias) {
                (Some(n), Some(a)) if a.0.0 < n.0.0 => a,
                (Some(n), _) => n,
                (None, a) => a?,
            };
            Some((
                best.0,
                EntityMatch {
                    entity: i,
                    alias: best.1,
                },
            ))
        })
        .collect();
    hits.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then_with(|| entities[a.entity].name.cmp(&entities[b.entity].name))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    hits.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn entity_names_match_folded() {
        assert!(super::name_matches("محمد", ["مُحَمَّد"]));
        assert!(super::name_matches("احمد", ["Ahmad", "أحمد زيدان"]));
        assert!(super::name_matches("AHMAD", ["Ahmad"]));
        assert!(!super::name_matches("محمود", ["مُحَمَّد"]));
        assert!(!super::name_matches("  ", ["مُحَمَّد"]));
    }

    fn entity(id: i64, name: &str, aliases: &[&str]) -> crate::model::Entity {
        crate::model::Entity {
            id,
            name: name.into(),
            kind: "PERSON".into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            mentions: 0,
        }
    }

    #[test]
    fn entities_are_found_by_folded_name_and_alias_best_first() {
        let list = [
            entity(1, "محمود", &[]),
            entity(2, "أبو مُحَمَّد الجولاني", &[]),
            entity(3, "مُحَمَّد", &["Muhammad"]),
            entity(4, "Amnesty", &["منظمة العفو الدولية"]),
        ];
        let found = |q: &str| -> Vec<(i64, Option<usize>)> {
            super::find_entities(q, &list)
                .into_iter()
                .map(|m| (list[m.entity].id, m.alias))
                .collect()
        };
        // Equal to the name (3) before holding it (2); محمود is another name.
        assert_eq!(found("محمد"), vec![(3, None), (2, None)]);
        // A Latin alias, any case; the alias is named.
        assert_eq!(found("muhammad"), vec![(3, Some(0))]);
        assert_eq!(found("العفو"), vec![(4, Some(0))]);
        assert_eq!(found(" "), vec![]);
    }
}
