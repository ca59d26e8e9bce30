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
}
