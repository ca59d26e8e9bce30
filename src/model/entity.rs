//! Alias lists of project-wide entities: adding, removing and combining names, so the UI and
//! the store agree on what a rename, an alias edit or a merge stores.
//!
//! Aliases are compared after trimming white space at both ends, char for char (no folding:
//! `مُحَمَّد` and `محمد` are two spellings worth keeping; search folds them anyway).

/// `aliases` with `alias` (trimmed) added at the end, unless it is blank, equal to `name`, or
/// already in the list.
pub fn with_alias(name: &str, aliases: &[String], alias: &str) -> Vec<String> {
    let mut out = aliases.to_vec();
    let alias = alias.trim();
    if !alias.is_empty() && alias != name.trim() && !out.iter().any(|a| a.trim() == alias) {
        out.push(alias.to_owned());
    }
    out
}

/// `aliases` without `alias` (compared trimmed); the order of the rest is kept.
pub fn without_alias(aliases: &[String], alias: &str) -> Vec<String> {
    let alias = alias.trim();
    aliases
        .iter()
        .filter(|a| a.trim() != alias)
        .cloned()
        .collect()
}

/// The survivor's aliases after a merge: its own, then the merged entity's name, then the merged
/// entity's aliases, each once, none equal to the survivor's name, blanks dropped.
pub fn combined_aliases(
    survivor_name: &str,
    survivor_aliases: &[String],
    merged_name: &str,
    merged_aliases: &[String],
) -> Vec<String> {
    let mut out = survivor_aliases.to_vec();
    for a in std::iter::once(merged_name).chain(merged_aliases.iter().map(String::as_str)) {
        out = with_alias(survivor_name, &out, a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn aliases_are_added_once_and_removed() {
        let a = with_alias("محمد", &v(&["Muhammad"]), " مُحَمَّد ");
        assert_eq!(a, v(&["Muhammad", "مُحَمَّد"]));
        assert_eq!(with_alias("محمد", &a, "Muhammad"), a, "already there");
        assert_eq!(with_alias("محمد", &a, "محمد"), a, "the name itself");
        assert_eq!(with_alias("محمد", &a, "  "), a, "blank");
        assert_eq!(without_alias(&a, "Muhammad"), v(&["مُحَمَّد"]));
    }

    #[test]
    fn merging_keeps_the_merged_name_as_an_alias() {
        // Survivor "محمد" [Muhammad]; merged "مُحَمَّد" [Mohammed, Muhammad, محمد].
        let out = combined_aliases(
            "محمد",
            &v(&["Muhammad"]),
            "مُحَمَّد",
            &v(&["Mohammed", "Muhammad", "محمد"]),
        );
        assert_eq!(out, v(&["Muhammad", "مُحَمَّد", "Mohammed"]));
    }
}
