//! Inter-annotator agreement between the layers of a team project (see [`crate::store::team`]).
//!
//! **Who and where.** The annotators of a document are the layers holding at least one of its
//! annotations, the curated layer ([`CURATOR`]) left out. A pair of annotators is compared on
//! the documents both annotated; the measures for more than two on the documents each one
//! annotated (Fleiss: all of them; Krippendorff: any two or more). With a label filter, spans of
//! other labels are left out (after the annotators of each document were found), so a token is
//! that label or `O`.
//!
//! **Span level** (one annotator `a` as reference, the other `b` as the response), per label
//! and over all labels:
//! - *exact*: a span matches when the other layer has one with the same start, end and label;
//!   precision = matched / |b|, recall = matched / |a|, F1 = 2·matched / (|a| + |b|);
//! - *overlap*: a span of `b` counts for precision when some span of `a` with the same label
//!   shares at least one char with it, a span of `a` counts for recall likewise; F1 = 2PR/(P+R).
//!   This is the "partial"/"lenient" match of NER evaluation (e.g. Segura-Bedmar et al., SemEval
//!   2013 Task 9; Chinchor & Sundheim, MUC-5 1993), each side counted separately.
//!
//! Swapping the pair swaps precision and recall; F1 stays. A ratio with a zero denominator is
//! `None` (`null` in JSON).
//!
//! **Token level.** Tokens are [`crate::export::tokens::tokens`] (UAX #29 words, white space left
//! out, proclitics not split), the same for every annotator. A token takes, per annotator, the
//! label of that annotator's span that shares at least one char with it; when several do
//! (nested or overlapping spans), the one that starts first, then the longest, then the label
//! name first in byte order; a token no span touches is `O`.
//! - Cohen's kappa for each pair (Cohen 1960, "A coefficient of agreement for nominal scales"):
//!   κ = (p_o − p_e) / (1 − p_e), p_o the share of tokens labelled alike, p_e = Σ_k p_a(k)·p_b(k)
//!   with p_x(k) the share of tokens `x` labelled k; as `sklearn.metrics.cohen_kappa_score`.
//! - Fleiss' kappa when there are more than two annotators (Fleiss 1971, "Measuring nominal
//!   scale agreement among many raters"), on the tokens of documents all of them annotated:
//!   n raters, N tokens, n_ik raters giving token i label k; P_i = (Σ_k n_ik² − n) / (n(n − 1)),
//!   P̄ = mean P_i, p_k = Σ_i n_ik / (N n), P̄_e = Σ_k p_k², κ = (P̄ − P̄_e) / (1 − P̄_e).
//! - Krippendorff's alpha, nominal, over tokens (Krippendorff 2011, "Computing Krippendorff's
//!   Alpha-Reliability", section C): units are tokens, an annotator who did not annotate the
//!   document is missing there; units with fewer than two values are not pairable and left out.
//!   Coincidences o_ck = Σ_u (number of ordered pairs (c, k) of values from different
//!   annotators in u) / (m_u − 1), n_c = Σ_k o_ck, n = Σ_c n_c;
//!   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k; as `krippendorff.alpha(...,
//!   level_of_measurement="nominal")`.
//!
//! A coefficient whose expected disagreement is zero (every token `O`, say) is `None`.
//! Unitizing alpha (Krippendorff's u-alpha over continua) is not computed.

use super::TeamError;
use crate::model::DocumentId;
use crate::store::Project;
use crate::store::team::CURATOR;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One document's layers, as the measures read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentLayers {
    /// The document.
    pub id: DocumentId,
    /// Its path, for reports.
    pub rel_path: String,
    /// Its text.
    pub text: String,
    /// Annotator → spans (start char, end char exclusive, label).
    pub layers: BTreeMap<String, Vec<(usize, usize, String)>>,
}

/// Precision, recall and F1 of one match rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Spans of the first annotator (the reference).
    pub reference: usize,
    /// Spans of the second (the response).
    pub response: usize,
    /// Reference spans matched (recall's numerator).
    pub reference_matched: usize,
    /// Response spans matched (precision's numerator).
    pub response_matched: usize,
    /// response_matched / response.
    pub precision: Option<f64>,
    /// reference_matched / reference.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

impl Prf {
    fn add(&mut self, other: &Prf) {
        self.reference += other.reference;
        self.response += other.response;
        self.reference_matched += other.reference_matched;
        self.response_matched += other.response_matched;
        self.finish();
    }

    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.precision = ratio(self.response_matched, self.response);
        self.recall = ratio(self.reference_matched, self.reference);
        self.f1 = match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
    }
}

/// Exact and overlap scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpanScores {
    /// Same start, end and label.
    pub exact: Prf,
    /// Same label, sharing at least one char.
    pub overlap: Prf,
}

impl SpanScores {
    fn add(&mut self, other: &SpanScores) {
        self.exact.add(&other.exact);
        self.overlap.add(&other.overlap);
    }
}

/// Two annotators compared.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PairAgreement {
    /// The reference annotator.
    pub a: String,
    /// The response annotator.
    pub b: String,
    /// Documents both annotated.
    pub documents: usize,
    /// Over all labels.
    pub overall: SpanScores,
    /// Per label (every label either used there).
    pub per_label: BTreeMap<String, SpanScores>,
    /// Tokens compared.
    pub tokens: usize,
    /// Tokens labelled alike.
    pub tokens_agreeing: usize,
    /// Cohen's kappa over those tokens.
    pub cohen_kappa: Option<f64>,
}

/// Agreement on one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocumentAgreement {
    /// The document.
    pub document_id: DocumentId,
    /// Its path.
    pub rel_path: String,
    /// Its annotators.
    pub annotators: Vec<String>,
    /// Each pair.
    pub pairs: Vec<PairAgreement>,
    /// Fleiss' kappa (more than two annotators).
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's alpha, nominal, over its tokens.
    pub krippendorff_alpha: Option<f64>,
}

/// One token with each annotator's label (`None`: the annotator did not annotate its
/// document), in the order of [`TokenTable::annotators`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TokenUnit {
    /// The document.
    pub document_id: DocumentId,
    /// Start, char offset.
    pub start: usize,
    /// End, char offset, exclusive.
    pub end: usize,
    /// Label per annotator.
    pub labels: Vec<Option<String>>,
}

/// The token labels the token-level measures were computed on (for checking them elsewhere).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TokenTable {
    /// The annotators, in column order.
    pub annotators: Vec<String>,
    /// Every token of every document with at least one annotator.
    pub units: Vec<TokenUnit>,
}

/// Agreement over a project.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agreement {
    /// The label filter, if any.
    pub label: Option<String>,
    /// Every annotator (the curator left out), by name.
    pub annotators: Vec<String>,
    /// Each pair, over the documents both annotated.
    pub pairs: Vec<PairAgreement>,
    /// Fleiss' kappa over the documents every annotator annotated (more than two annotators).
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's alpha, nominal, over every token.
    pub krippendorff_alpha: Option<f64>,
    /// Per document.
    pub documents: Vec<DocumentAgreement>,
    /// The token labels.
    #[serde(skip)]
    pub tokens: TokenTable,
}

/// A span: start char, end char (exclusive), label.
type Span = (usize, usize, String);

/// Span scores of `a` (reference) against `b` (response).
fn span_scores(a: &[Span], b: &[Span]) -> SpanScores {
    let exact_in = |x: &Span, ys: &[Span]| ys.contains(x);
    let overlap_in =
        |x: &Span, ys: &[Span]| ys.iter().any(|y| y.2 == x.2 && y.0 < x.1 && x.0 < y.1);
    let count = |xs: &[Span], ys: &[Span], f: &dyn Fn(&Span, &[Span]) -> bool| {
        xs.iter().filter(|x| f(x, ys)).count()
    };
    let mut exact = Prf {
        reference: a.len(),
        response: b.len(),
        reference_matched: count(a, b, &exact_in),
        response_matched: count(b, a, &exact_in),
        ..Prf::default()
    };
    exact.finish();
    let mut overlap = Prf {
        reference: a.len(),
        response: b.len(),
        reference_matched: count(a, b, &overlap_in),
        response_matched: count(b, a, &overlap_in),
        ..Prf::default()
    };
    overlap.finish();
    SpanScores { exact, overlap }
}

/// The label each token of `tokens` takes from `spans` (see the module docs); `"O"` for none.
pub fn token_labels(
    tokens: &[std::ops::Range<usize>],
    spans: &[(usize, usize, String)],
) -> Vec<String> {
    let mut sorted: Vec<&(usize, usize, String)> = spans.iter().collect();
    // Start first, then longest, then label name: the first touching span wins.
    sorted.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(y.1.cmp(&x.1))
            .then(x.2.as_bytes().cmp(y.2.as_bytes()))
    });
    tokens
        .iter()
        .map(|t| {
            sorted
                .iter()
                .find(|s| s.0 < t.end && t.start < s.1)
                .map_or_else(|| "O".to_owned(), |s| s.2.clone())
        })
        .collect()
}

/// Cohen's kappa of two equally long label sequences; `None` when empty or p_e = 1.
pub fn cohen_kappa(a: &[&str], b: &[&str]) -> Option<f64> {
    let n = a.len();
    if n == 0 || n != b.len() {
        return None;
    }
    let mut ca: HashMap<&str, usize> = HashMap::new();
    let mut cb: HashMap<&str, usize> = HashMap::new();
    let mut agree = 0usize;
    for (x, y) in a.iter().zip(b) {
        *ca.entry(x).or_default() += 1;
        *cb.entry(y).or_default() += 1;
        agree += usize::from(x == y);
    }
    let nf = n as f64;
    let po = agree as f64 / nf;
    let pe: f64 = ca
        .iter()
        .map(|(k, &na)| (na as f64 / nf) * (cb.get(k).copied().unwrap_or(0) as f64 / nf))
        .sum();
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

/// Fleiss' kappa of units each labelled by the same number (≥ 2) of raters; `None` when there
/// is no unit, raters differ in number, or P̄_e = 1.
pub fn fleiss_kappa(units: &[Vec<&str>]) -> Option<f64> {
    let n = units.first()?.len();
    if n < 2 || units.iter().any(|u| u.len() != n) {
        return None;
    }
    let big_n = units.len() as f64;
    let nf = n as f64;
    let mut totals: HashMap<&str, usize> = HashMap::new();
    let mut p_bar = 0.0;
    for u in units {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for l in u {
            *counts.entry(l).or_default() += 1;
            *totals.entry(l).or_default() += 1;
        }
        let sq: f64 = counts.values().map(|&c| (c * c) as f64).sum();
        p_bar += (sq - nf) / (nf * (nf - 1.0));
    }
    p_bar /= big_n;
    let pe: f64 = totals
        .values()
        .map(|&c| {
            let p = c as f64 / (big_n * nf);
            p * p
        })
        .sum();
    (pe < 1.0).then(|| (p_bar - pe) / (1.0 - pe))
}

/// Krippendorff's alpha, nominal, of units whose values may be missing (`None`); `None` when
/// no unit is pairable or the expected disagreement is zero.
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<&str>>]) -> Option<f64> {
    let mut o: HashMap<(&str, &str), f64> = HashMap::new();
    for u in units {
        let values: Vec<&str> = u.iter().flatten().copied().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        for (i, c) in values.iter().enumerate() {
            for (j, k) in values.iter().enumerate() {
                if i != j {
                    *o.entry((c, k)).or_default() += 1.0 / (m - 1) as f64;
                }
            }
        }
    }
    let mut n_c: BTreeMap<&str, f64> = BTreeMap::new();
    for (&(c, _), &v) in &o {
        *n_c.entry(c).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let total: f64 = n_c.values().sum::<f64>().powi(2) - n_c.values().map(|v| v * v).sum::<f64>();
    (total > 0.0).then(|| 1.0 - (n - 1.0) * observed / total)
}

/// Pair scores, kappa and token counts of `a` and `b` over `docs` (those both annotated).
fn pair(
    a: &str,
    b: &str,
    docs: &[&DocumentLayers],
    labels_of: &HashMap<(DocumentId, String), Vec<String>>,
) -> PairAgreement {
    let mut p = PairAgreement {
        a: a.to_owned(),
        b: b.to_owned(),
        ..PairAgreement::default()
    };
    p.overall = span_scores(&[], &[]);
    let (mut la, mut lb): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for d in docs {
        let (Some(sa), Some(sb)) = (d.layers.get(a), d.layers.get(b)) else {
            continue;
        };
        p.documents += 1;
        p.overall.add(&span_scores(sa, sb));
        let labels: BTreeSet<&String> = sa.iter().chain(sb).map(|s| &s.2).collect();
        for l in labels {
            let fa: Vec<_> = sa.iter().filter(|s| &s.2 == l).cloned().collect();
            let fb: Vec<_> = sb.iter().filter(|s| &s.2 == l).cloned().collect();
            p.per_label
                .entry(l.clone())
                .or_insert_with(|| span_scores(&[], &[]))
                .add(&span_scores(&fa, &fb));
        }
        if let (Some(ta), Some(tb)) = (
            labels_of.get(&(d.id, a.to_owned())),
            labels_of.get(&(d.id, b.to_owned())),
        ) {
            la.extend(ta.iter().map(String::as_str));
            lb.extend(tb.iter().map(String::as_str));
        }
    }
    p.tokens = la.len();
    p.tokens_agreeing = la.iter().zip(&lb).filter(|(x, y)| x == y).count();
    p.cohen_kappa = cohen_kappa(&la, &lb);
    p
}

/// Every measure of the module docs over `docs`, for spans of `label` only when given.
pub fn measure(docs: &[DocumentLayers], label: Option<&str>) -> Agreement {
    let docs: Vec<DocumentLayers> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.layers.remove(CURATOR);
            d.layers.retain(|_, spans| !spans.is_empty());
            if let Some(l) = label {
                for spans in d.layers.values_mut() {
                    spans.retain(|s| s.2 == l);
                }
            }
            d
        })
        .filter(|d| !d.layers.is_empty())
        .collect();
    let annotators: Vec<String> = docs
        .iter()
        .flat_map(|d| d.layers.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Token labels per (document, annotator), and the token table.
    let mut labels_of: HashMap<(DocumentId, String), Vec<String>> = HashMap::new();
    let mut table = TokenTable {
        annotators: annotators.clone(),
        units: Vec::new(),
    };
    let mut doc_units: Vec<Vec<Vec<Option<String>>>> = Vec::new();
    for d in &docs {
        let tokens = crate::export::tokens::tokens(&d.text, false, &[]);
        for (who, spans) in &d.layers {
            labels_of.insert((d.id, who.clone()), token_labels(&tokens, spans));
        }
        let mut units = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            let labels: Vec<Option<String>> = annotators
                .iter()
                .map(|who| labels_of.get(&(d.id, who.clone())).map(|l| l[i].clone()))
                .collect();
            table.units.push(TokenUnit {
                document_id: d.id,
                start: t.start,
                end: t.end,
                labels: labels.clone(),
            });
            units.push(labels);
        }
        doc_units.push(units);
    }
    let all: Vec<&DocumentLayers> = docs.iter().collect();
    let pairs_of = |names: &[String], docs: &[&DocumentLayers]| -> Vec<PairAgreement> {
        let mut out = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                out.push(pair(a, b, docs, &labels_of));
            }
        }
        out
    };
    fn as_str(u: &[Option<String>]) -> Vec<Option<&str>> {
        u.iter().map(|l| l.as_deref()).collect()
    }
    let fleiss_of = |units: &[&Vec<Option<String>>], raters: usize| -> Option<f64> {
        if raters <= 2 {
            return None;
        }
        let full: Vec<Vec<&str>> = units
            .iter()
            .filter(|u| u.iter().all(Option::is_some))
            .map(|u| u.iter().flatten().map(String::as_str).collect())
            .collect();
        fleiss_kappa(&full)
    };
    let mut documents = Vec::with_capacity(docs.len());
    for (d, units) in docs.iter().zip(&doc_units) {
        let names: Vec<String> = d.layers.keys().cloned().collect();
        let refs: Vec<&Vec<Option<String>>> = units.iter().collect();
        documents.push(DocumentAgreement {
            document_id: d.id,
            rel_path: d.rel_path.clone(),
            pairs: pairs_of(&names, &[d]),
            fleiss_kappa: fleiss_of(&refs, names.len()),
            krippendorff_alpha: krippendorff_alpha_nominal(
                &units.iter().map(|u| as_str(u)).collect::<Vec<_>>(),
            ),
            annotators: names,
        });
    }
    let every: Vec<&Vec<Option<String>>> = doc_units.iter().flatten().collect();
    Agreement {
        label: label.map(str::to_owned),
        pairs: pairs_of(&annotators, &all),
        fleiss_kappa: fleiss_of(&every, annotators.len()),
        krippendorff_alpha: krippendorff_alpha_nominal(
            &every.iter().map(|u| as_str(u)).collect::<Vec<_>>(),
        ),
        annotators,
        documents,
        tokens: table,
    }
}

/// The layers of every document of `project` (the curator's included; [`measure`] leaves it
/// out).
///
/// # Errors
/// Store errors.
pub fn project_layers(project: &Project) -> Result<Vec<DocumentLayers>, TeamError> {
    let labels: HashMap<i64, String> = project
        .labels()?
        .into_iter()
        .map(|l| (l.id, l.name))
        .collect();
    let mut out = Vec::new();
    for s in project.document_summaries()? {
        let doc = project.document(s.id)?;
        let mut layers: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
        for (a, who) in project.annotations_with_annotator(s.id)? {
            layers.entry(who).or_default().push((
                a.start,
                a.end,
                labels.get(&a.label_id).cloned().unwrap_or_default(),
            ));
        }
        out.push(DocumentLayers {
            id: s.id,
            rel_path: s.rel_path,
            text: doc.text,
            layers,
        });
    }
    Ok(out)
}

/// [`measure`] on a project.
///
/// # Errors
/// Store errors; [`TeamError::Refused`] for a label the scheme lacks.
pub fn project_agreement(project: &Project, label: Option<&str>) -> Result<Agreement, TeamError> {
    if let Some(l) = label
        && !project.labels()?.iter().any(|x| x.name == l)
    {
        return Err(TeamError::Refused(format!("the scheme has no label {l}")));
    }
    Ok(measure(&project_layers(project)?, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn cohen_fleiss_and_alpha_on_hand_counted_tokens() {
        // Ten tokens, two annotators.
        //   a: P P O O O O O O L L
        //   b: P O O O O O O O L P
        // Agreeing: tokens 1, 3-8, 9 = 8 of 10, p_o = 0.8.
        // a: P 2, O 6, L 2; b: P 2, O 7, L 1.
        // p_e = 0.2*0.2 + 0.6*0.7 + 0.2*0.1 = 0.04 + 0.42 + 0.02 = 0.48.
        // kappa = (0.8 - 0.48) / (1 - 0.48) = 0.32 / 0.52 = 0.615384615384...
        let a = ["P", "P", "O", "O", "O", "O", "O", "O", "L", "L"];
        let b = ["P", "O", "O", "O", "O", "O", "O", "O", "L", "P"];
        close(cohen_kappa(&a, &b), 0.32 / 0.52);
        // Krippendorff, two coders, no missing value: each unit adds one (c,k) and one (k,c).
        // o_PP = 2 (token 1 both ways), o_OO = 12, o_LL = 2, o_PO = o_OP = 1, o_LP = o_PL = 1.
        // n_P = 2 + 1 + 1 = 4, n_O = 12 + 1 = 13, n_L = 2 + 1 = 3, n = 20.
        // Σ_{c≠k} o = 4; Σ_{c≠k} n_c n_k = 20² − (16 + 169 + 9) = 400 − 194 = 206.
        // alpha = 1 − 19 · 4 / 206 = 1 − 76/206 = 130/206.
        let units: Vec<Vec<Option<&str>>> = a
            .iter()
            .zip(&b)
            .map(|(x, y)| vec![Some(*x), Some(*y)])
            .collect();
        close(krippendorff_alpha_nominal(&units), 130.0 / 206.0);
        // A third coder missing on the first unit changes nothing there (one value is not
        // pairable, but two are).
        // Fleiss, three raters on four units:
        //   (P,P,P) (P,P,O) (O,O,O) (O,O,O)
        // P_i: (9-3)/6 = 1, (4+1-3)/6 = 1/3, 1, 1 → P̄ = (3 + 1/3)/4 = 10/12 = 5/6.
        // p_P = 5/12, p_O = 7/12; P̄_e = 25/144 + 49/144 = 74/144.
        // kappa = (5/6 − 74/144) / (1 − 74/144) = (120/144 − 74/144) / (70/144) = 46/70.
        let f = vec![
            vec!["P", "P", "P"],
            vec!["P", "P", "O"],
            vec!["O", "O", "O"],
            vec!["O", "O", "O"],
        ];
        close(fleiss_kappa(&f), 46.0 / 70.0);
        // All O: undefined.
        assert_eq!(cohen_kappa(&["O", "O"], &["O", "O"]), None);
    }

    #[test]
    fn spans_tokens_and_the_overlap_rule() {
        // سجن(0..3) صيدنايا(4..11) في(12..14) ريف(15..18) دمشق(19..23)
        let text = "سجن صيدنايا في ريف دمشق";
        let s = |a: usize, b: usize, l: &str| (a, b, l.to_owned());
        let mut layers = BTreeMap::new();
        layers.insert(
            "alice".to_owned(),
            vec![s(0, 11, "PRISON"), s(15, 23, "ORG")],
        );
        layers.insert(
            "bob".to_owned(),
            vec![s(0, 11, "PRISON"), s(19, 23, "ORG"), s(12, 14, "PERSON")],
        );
        layers.insert(CURATOR.to_owned(), vec![s(0, 3, "X")]);
        let doc = DocumentLayers {
            id: 1,
            rel_path: "a.txt".into(),
            text: text.into(),
            layers,
        };
        let r = measure(&[doc], None);
        assert_eq!(r.annotators, ["alice", "bob"], "the curator is left out");
        let p = &r.pairs[0];
        // Exact: 1 shared span (PRISON); alice 2, bob 3. P = 1/3, R = 1/2, F1 = 2/5.
        assert_eq!(p.overall.exact.response_matched, 1);
        close(p.overall.exact.precision, 1.0 / 3.0);
        close(p.overall.exact.recall, 0.5);
        close(p.overall.exact.f1, 0.4);
        // Overlap: ORG 15..23 and 19..23 overlap too: P = 2/3, R = 2/2, F1 = 2·(2/3)/(5/3) = 0.8.
        close(p.overall.overlap.precision, 2.0 / 3.0);
        close(p.overall.overlap.recall, 1.0);
        close(p.overall.overlap.f1, 0.8);
        // Tokens: alice PRISON PRISON O ORG ORG; bob PRISON PRISON PERSON O ORG.
        assert_eq!(p.tokens, 5);
        assert_eq!(p.tokens_agreeing, 3);
        // p_o = 3/5; a: PRISON 2, O 1, ORG 2; b: PRISON 2, PERSON 1, O 1, ORG 1.
        // p_e = (2·2 + 1·1 + 2·1)/25 = 7/25; kappa = (15/25 − 7/25)/(18/25) = 8/18.
        close(p.cohen_kappa, 8.0 / 18.0);
        assert_eq!(
            token_labels(&[0..3, 4..11], &[s(0, 11, "CLAIM"), s(0, 3, "PERSON")]),
            ["CLAIM", "CLAIM"],
            "the span that starts first, then the longest"
        );
        assert_eq!(
            token_labels(
                std::slice::from_ref(&(0..3)),
                &[s(0, 3, "PRISON"), s(0, 3, "CLAIM")]
            ),
            ["CLAIM"],
            "then the label name"
        );
        let only = measure(&[r_doc()], Some("PRISON"));
        close(only.pairs[0].overall.exact.f1, 1.0);
    }

    fn r_doc() -> DocumentLayers {
        let mut layers = BTreeMap::new();
        layers.insert(
            "a".to_owned(),
            vec![(0, 3, "PRISON".to_owned()), (4, 11, "X".to_owned())],
        );
        layers.insert("b".to_owned(), vec![(0, 3, "PRISON".to_owned())]);
        DocumentLayers {
            id: 2,
            rel_path: "b.txt".into(),
            text: "سجن صيدنايا".into(),
            layers,
        }
    }
}
