//! Applying a gazetteer of 1,000 names with 3 aliases each to a project of 10,000 documents
//! (about 50 MB of Arabic text made from varied sentences, tests/corpus). Issue 10's target:
//! suggesting over the whole project in under 10 s.
//!
//! Two measures: planning alone (folding is done: a warm index; every name looked for in every
//! document, the word and proclitic checks, overlaps with what is there), and the whole of it on a
//! fresh project (folding every text, planning, then storing the entities and suggestions in one
//! transaction; making the project is not timed).
//!
//! `SANAD_BENCH_DOCUMENTS=N` uses N documents instead of 10,000 (for a quick run on a small
//! machine).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sanad::interop::gazetteer::{GazetteerFormat, parse};
use sanad::store::search::SearchIndex;
use sanad::store::{NewDocument, Project};

#[path = "../tests/corpus/mod.rs"]
mod corpus;

const SENTENCES: usize = 40;

/// Names the corpus holds, with aliases that occur too: these give the suggestions.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "الدفاع المدني السوري",
        "ORGANIZATION",
        "الدفاع المدني|الخوذ البيضاء|White Helmets",
    ),
    (
        "منظمة العفو الدولية",
        "ORGANIZATION",
        "Amnesty International|العفو الدولية|أمنستي",
    ),
    (
        "سجن صيدنايا",
        "PRISON",
        "صيدنايا|Saydnaya|سجن صيدنايا العسكري",
    ),
    (
        "فرع فلسطين",
        "PRISON",
        "الفرع 235|Palestine Branch|فرع المنطقة",
    ),
    (
        "وزارة الداخلية",
        "ORGANIZATION",
        "الداخلية|Ministry of Interior|وزارة داخلية",
    ),
    (
        "المحكمة الميدانية",
        "ORGANIZATION",
        "محكمة الميدان|Field Court|المحاكم الميدانية",
    ),
    (
        "الشبكة السورية لحقوق الإنسان",
        "ORGANIZATION",
        "The Syrian Network for Human Rights|SNHR|الشبكة",
    ),
    ("BBC Arabic", "ORGANIZATION", "بي بي سي|BBC|بي بي سي عربي"),
    ("ريف دمشق", "ORGANIZATION", "دمشق|Damascus|الشام"),
    (
        "مركز توثيق الانتهاكات",
        "ORGANIZATION",
        "VDC|مركز التوثيق|توثيق الانتهاكات",
    ),
];

const FIRST: &[&str] = &[
    "أحمد",
    "محمد",
    "علي",
    "عمر",
    "خالد",
    "يوسف",
    "إبراهيم",
    "حسن",
    "حسين",
    "مصطفى",
    "سامر",
    "رامي",
    "مازن",
    "فادي",
    "نبيل",
    "وليد",
    "طارق",
    "زياد",
    "هاني",
    "باسل",
    "ليلى",
    "مريم",
    "فاطمة",
    "رزان",
    "هبة",
    "نور",
    "سلمى",
    "رنا",
    "دعاء",
    "آمنة",
    "جميلة",
    "خديجة",
    "زينب",
    "سعاد",
    "عائشة",
    "لمى",
    "ديما",
    "سارة",
    "هند",
    "ريم",
];

const FAMILY: &[&str] = &[
    "زيدان",
    "الحلبي",
    "الشامي",
    "العلي",
    "الخطيب",
    "النجار",
    "الحداد",
    "المصري",
    "السوري",
    "الحمصي",
    "الإدلبي",
    "الحوراني",
    "الديري",
    "الرقاوي",
    "القاسم",
    "العمر",
    "الأحمد",
    "الحسن",
    "الصالح",
    "اليوسف",
    "البكري",
    "الجاسم",
    "الدرويش",
    "الزعبي",
    "المحمد",
];

const LATIN_FIRST: &[&str] = &[
    "Ahmad", "Mohammad", "Ali", "Omar", "Khaled", "Youssef", "Ibrahim", "Hasan", "Hussein",
    "Mustafa", "Samer", "Rami", "Mazen", "Fadi", "Nabil", "Walid", "Tarek", "Ziad", "Hani",
    "Basel", "Layla", "Maryam", "Fatima", "Razan", "Hiba", "Nour", "Salma", "Rana", "Duaa",
    "Amina", "Jamila", "Khadija", "Zainab", "Suad", "Aisha", "Lama", "Dima", "Sara", "Hind",
    "Reem",
];

const LATIN_FAMILY: &[&str] = &[
    "Zaidan",
    "al-Halabi",
    "al-Shami",
    "al-Ali",
    "al-Khatib",
    "al-Najjar",
    "al-Haddad",
    "al-Masri",
    "al-Souri",
    "al-Homsi",
    "al-Idlibi",
    "al-Hourani",
    "al-Deiri",
    "al-Raqqawi",
    "al-Qasim",
    "al-Omar",
    "al-Ahmad",
    "al-Hasan",
    "al-Saleh",
    "al-Youssef",
    "al-Bakri",
    "al-Jasim",
    "al-Darwish",
    "al-Zoubi",
    "al-Mohammad",
];

/// The gazetteer: the known names, then people made of first and family names, each with
/// three aliases (family first, a Latin spelling, first name with "أبو"), 1,000 rows in all.
fn gazetteer_csv() -> String {
    let mut out = String::from("name,label,entity,aliases\n");
    for (name, label, aliases) in KNOWN {
        out.push_str(&format!("{name},{label},,{aliases}\n"));
    }
    let mut rows = KNOWN.len();
    'people: for (f, first) in FIRST.iter().enumerate() {
        for (k, family) in FAMILY.iter().enumerate() {
            if rows == 1_000 {
                break 'people;
            }
            out.push_str(&format!(
                "{first} {family},PERSON,,{family} {first}|{} {}|أبو {first} {family}\n",
                LATIN_FIRST[f], LATIN_FAMILY[k]
            ));
            rows += 1;
        }
    }
    out
}

fn documents(n: usize) -> Vec<NewDocument> {
    (0..n)
        .map(|i| {
            NewDocument::from_text(
                &format!("doc-{i:05}.txt"),
                &corpus::document(i as u64 + 1, SENTENCES),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("SANAD_BENCH_DOCUMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let docs = documents(n);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let list = parse(
        &gazetteer_csv(),
        GazetteerFormat::Csv,
        std::path::Path::new("names.csv"),
    )
    .expect("the gazetteer parses");
    let forms: usize = list.entries.iter().map(|e| e.forms().count()).sum();
    eprintln!(
        "corpus: {n} documents, {:.1} MB of text; gazetteer: {} names, {forms} forms",
        bytes as f64 / 1e6,
        list.entries.len()
    );
    let fresh = || {
        let mut p = Project::in_memory().expect("in-memory project");
        p.add_documents(&docs).expect("import");
        p
    };
    let project = fresh();
    let mut index = SearchIndex::new();
    let (batch, report) = sanad::store::gazetteer::plan(&project, &mut index, &list).expect("plan");
    eprintln!(
        "{} suggestions in {} documents ({:?})",
        batch.suggestions.len(),
        report.documents,
        report.by_label
    );

    let mut group = c.benchmark_group(format!("gazetteer, {n} documents"));
    group.sample_size(10);
    group.bench_function("plan: 1,000 names x 3 aliases, warm index", |b| {
        b.iter(|| sanad::store::gazetteer::plan(&project, &mut index, &list).expect("plan"))
    });
    group.bench_function(
        "apply: fold, plan and store on a fresh project (making it not timed)",
        |b| {
            b.iter_batched(
                || (fresh(), SearchIndex::new()),
                |(mut p, mut idx)| {
                    p.apply_gazetteer(&mut idx, &list).expect("apply");
                    p
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
