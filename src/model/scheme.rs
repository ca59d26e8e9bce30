//! The label scheme: labels with a colour, a shortcut key and a description, read from RON.

use serde::{Deserialize, Serialize};

/// The scheme every new project starts with (`assets/schemes/default.ron`).
pub const DEFAULT_SCHEME_RON: &str = include_str!("../../assets/schemes/default.ron");

/// A label scheme as written in RON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelScheme {
    /// Human-readable name of the scheme.
    pub name: String,
    /// Labels in palette order.
    pub labels: Vec<LabelDef>,
    /// Relation types with the labels their arguments may have.
    #[serde(default)]
    pub relations: Vec<RelationDef>,
}

/// An attribute a label's annotations may carry, with its allowed values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeDef {
    /// Attribute name, e.g. `kind`.
    pub name: String,
    /// Allowed values, in menu order.
    pub values: Vec<String>,
}

/// A typed, directed relation between two annotations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationDef {
    /// Relation name, e.g. `attributed_to`.
    pub name: String,
    /// Labels the head (source) may have.
    pub head: Vec<String>,
    /// Labels the child (target) may have.
    pub child: Vec<String>,
    /// What it means.
    #[serde(default)]
    pub description: String,
}

/// One label of a scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelDef {
    /// Label name, e.g. `PERSON`; unique within a scheme.
    pub name: String,
    /// sRGB colour as `#rrggbb`.
    pub color: String,
    /// Shortcut key (a digit or letter), if any.
    #[serde(default)]
    pub key: Option<char>,
    /// What the label is for.
    #[serde(default)]
    pub description: String,
    /// Attributes its annotations may carry.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

/// A scheme that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemeError {
    /// The RON text does not parse as a scheme.
    #[error("the label scheme is not valid RON: {0}")]
    Parse(#[from] ron::error::SpannedError),
    /// A colour is not `#rrggbb`.
    #[error("label {label}: colour {color:?} is not #rrggbb")]
    Color {
        /// The label.
        label: String,
        /// The bad colour text.
        color: String,
    },
    /// Two labels share a name.
    #[error("label {0} appears twice in the scheme")]
    Duplicate(String),
    /// A relation type names a label the scheme does not have.
    #[error("relation {relation} names label {label}, which the scheme does not define")]
    UnknownLabel {
        /// The relation type.
        relation: String,
        /// The missing label.
        label: String,
    },
}

impl LabelScheme {
    /// Parses and checks a scheme from RON text.
    ///
    /// # Errors
    /// [`SchemeError`] when the RON is malformed, a colour is not `#rrggbb`, or a name repeats.
    pub fn from_ron(text: &str) -> Result<Self, SchemeError> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let scheme: LabelScheme = options.from_str(text)?;
        let mut seen = std::collections::HashSet::new();
        for l in &scheme.labels {
            if parse_hex_color(&l.color).is_none() {
                return Err(SchemeError::Color {
                    label: l.name.clone(),
                    color: l.color.clone(),
                });
            }
            if !seen.insert(l.name.as_str()) {
                return Err(SchemeError::Duplicate(l.name.clone()));
            }
        }
        for r in &scheme.relations {
            for label in r.head.iter().chain(&r.child) {
                if !seen.contains(label.as_str()) {
                    return Err(SchemeError::UnknownLabel {
                        relation: r.name.clone(),
                        label: label.clone(),
                    });
                }
            }
        }
        Ok(scheme)
    }

    /// The scheme as RON text (what [`Self::from_ron`] reads).
    ///
    /// # Errors
    /// Only if serialisation fails, which it does not for these types.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
        ron::ser::to_string_pretty(self, config)
    }

    /// The bundled default scheme.
    ///
    /// # Errors
    /// Only if the bundled file is broken, which a unit test rules out.
    pub fn default_scheme() -> Result<Self, SchemeError> {
        Self::from_ron(DEFAULT_SCHEME_RON)
    }
}

/// Parses `#rrggbb` into RGB bytes.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([b(0)?, b(2)?, b(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scheme_has_the_four_labels_with_keys() {
        let s = LabelScheme::default_scheme().unwrap();
        let names: Vec<_> = s.labels.iter().map(|l| (l.name.as_str(), l.key)).collect();
        assert_eq!(
            names,
            vec![
                ("PERSON", Some('1')),
                ("ORGANIZATION", Some('2')),
                ("PRISON", Some('3')),
                ("CLAIM", Some('4'))
            ]
        );
    }

    #[test]
    fn default_scheme_declares_relations_and_attributes() {
        let s = LabelScheme::default_scheme().unwrap();
        let names: Vec<_> = s.relations.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["attributed_to", "held_in", "member_of", "denies"]
        );
        let claim = s.labels.iter().find(|l| l.name == "CLAIM").unwrap();
        assert_eq!(
            claim.attributes[0].values,
            vec!["allegation", "denial", "statistic", "testimony", "other"]
        );
        assert_eq!(
            claim.attributes[1].values,
            vec!["confirmed", "reported", "disputed"]
        );
        let round = LabelScheme::from_ron(&s.to_ron().unwrap()).unwrap();
        assert_eq!(round, s);
    }

    #[test]
    fn bad_colour_and_duplicates_are_refused() {
        let bad = r##"(name: "x", labels: [(name: "A", color: "red")])"##;
        assert!(matches!(
            LabelScheme::from_ron(bad),
            Err(SchemeError::Color { .. })
        ));
        let dup = r##"(name: "x", labels: [(name: "A", color: "#000000"), (name: "A", color: "#ffffff")])"##;
        assert!(matches!(
            LabelScheme::from_ron(dup),
            Err(SchemeError::Duplicate(_))
        ));
    }
}
