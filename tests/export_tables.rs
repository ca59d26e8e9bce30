//! The CSV, XLSX, Hugging Face, W3C and REFI-QDA exports on the seed document with spans whose
//! offsets and texts are known by hand (the seed's first line is "أطلق “الدفاع المدني السوري”
//! حملة …": ORGANIZATION [6, 26)), plus a second document with emoji before its spans, where a
//! UTF-16 count would be off by two per emoji. The Python checks in tests/clients/ read the same
//! formats with spaCy, datasets and openpyxl.

use sanad::corpus::import_folder;
use sanad::export::{csv, hf, refi_qda, rows, w3c, xlsx};
use sanad::model::Action;
use sanad::store::Project;

const EMOJI: &str = "😀😀 قال أحمد زيدان إنه احتُجز في سجن صيدنايا 🎉 عام 2013.\n";

fn project() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"),
        folder.join("seed.txt"),
    )
    .unwrap();
    std::fs::write(folder.join("emoji.txt"), EMOJI).unwrap();
    let mut p = Project::open_or_create(&dir.path().join("p.sanad")).unwrap();
    p.set_actor("Layla");
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let docs = p.document_summaries().unwrap();
    let id = |name: &str| docs.iter().find(|d| d.rel_path == name).unwrap().id;
    let add = |p: &mut Project, doc: i64, start: usize, end: usize, label: &str| {
        p.apply(&Action::AddAnnotation {
            id: None,
            document_id: doc,
            start,
            end,
            label: label.into(),
        })
        .unwrap()
        .created
        .unwrap()
    };
    let (seed, emoji) = (id("seed.txt"), id("emoji.txt"));
    add(&mut p, seed, 6, 26, "ORGANIZATION");
    let claim = add(&mut p, seed, 2534, 2594, "CLAIM");
    add(&mut p, seed, 2534, 2545, "PRISON");
    p.apply(&Action::SetAttribute {
        annotation_id: claim,
        name: "kind".into(),
        value: Some("allegation".into()),
        restore: false,
    })
    .unwrap();
    // "أحمد زيدان" and "سجن صيدنايا" in EMOJI: code points 7..17 and 32..43 (str.find in Python).
    add(&mut p, emoji, 7, 17, "PERSON");
    add(&mut p, emoji, 32, 43, "PRISON");
    (dir, p)
}

#[test]
fn csv_rows_carry_text_context_offsets_and_attributes() {
    let (_dir, p) = project();
    let mut out = Vec::new();
    csv::write_csv(
        &p,
        csv::CsvOptions {
            bom: true,
            skip_invalid: false,
        },
        &mut out,
    )
    .unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = ::csv::Reader::from_reader(&out[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5);
    // Documents by path: emoji.txt first.
    let person = &records[0];
    assert_eq!(&person[col("document")], "emoji.txt");
    assert_eq!(&person[col("text")], "أحمد زيدان");
    assert_eq!(&person[col("context_before")], "😀😀 قال ");
    assert_eq!(&person[col("start")], "7");
    let org = &records[2];
    assert_eq!(&org[col("label")], "ORGANIZATION");
    assert_eq!(&org[col("text")], "الدفاع المدني السوري");
    assert_eq!(&org[col("context_before")], "أطلق “");
    assert_eq!((&org[col("start")], &org[col("end")]), ("6", "26"));
    assert_eq!(&org[col("annotator")], "Layla");
    let claim = records
        .iter()
        .find(|r| &r[col("label")] == "CLAIM")
        .unwrap();
    assert_eq!(&claim[col("attribute:kind")], "allegation");
    assert_eq!(
        &claim[col("text")],
        "سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري”"
    );
}

#[test]
fn hf_folder_has_tokens_tags_and_a_card_declaring_them() {
    let (dir, p) = project();
    let out = dir.path().join("hf");
    let summary = hf::write_hf_folder(&p, false, &out).unwrap();
    assert_eq!(summary.documents, 2);
    // The PRISON nested in the CLAIM cannot be in IOB2 tags.
    assert_eq!(summary.warnings.len(), 1, "{:?}", summary.warnings);
    assert!(summary.warnings[0].contains("IOB2 cannot nest"));
    let card = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(card.contains("'1': \"B-PERSON\""), "{card}");
    let tokens = std::fs::read_to_string(out.join("tokens/train.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(tokens.lines().next().unwrap()).unwrap();
    assert_eq!(first["document"], "emoji.txt");
    let words: Vec<&str> = first["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        words,
        [
            "😀",
            "😀",
            "قال",
            "أحمد",
            "زيدان",
            "إنه",
            "احتُجز",
            "في",
            "سجن",
            "صيدنايا",
            "🎉",
            "عام",
            "2013",
            "."
        ]
    );
    // PERSON is label 0 (B 1, I 2), PRISON label 2 (B 5, I 6) in the default scheme.
    assert_eq!(
        first["ner_tags"],
        serde_json::json!([0, 0, 0, 1, 2, 0, 0, 0, 5, 6, 0, 0, 0, 0])
    );
    let spans = std::fs::read_to_string(out.join("spans/train.jsonl")).unwrap();
    let spans: Vec<serde_json::Value> = spans
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(spans.len(), 5);
    for s in &spans {
        assert!(s["entity_id"].is_i64() && s["attributes"].is_string());
    }
    let nested = spans
        .iter()
        .find(|s| s["label"] == "PRISON" && s["document"] == "seed.txt");
    assert_eq!(nested.unwrap()["in_ner_tags"], false);
}

#[test]
fn w3c_selectors_give_code_points_and_the_quote() {
    let (_dir, p) = project();
    let corpus = rows::load(&p, false).unwrap();
    let c = w3c::collection(&corpus).unwrap();
    let items = c["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    let person = &items[0]["target"]["selector"];
    assert_eq!(person[0]["start"], 7);
    assert_eq!(person[0]["end"], 17);
    assert_eq!(person[1]["exact"], "أحمد زيدان");
    assert_eq!(person[1]["prefix"], "😀😀 قال ");
    assert_eq!(
        person[1]["suffix"],
        " إنه احتُجز في سجن صيدنايا 🎉 عام 2013.\n"
    );
}

#[test]
fn xlsx_is_a_zip_workbook_with_right_to_left_sheets() {
    let (_dir, p) = project();
    let corpus = rows::load(&p, false).unwrap();
    let mut warnings = Vec::new();
    let bytes = xlsx::workbook_bytes(&corpus, &mut warnings).unwrap();
    assert!(warnings.is_empty());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(sheet.contains("rightToLeft=\"1\""), "{sheet}");
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "{sheet}");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("الدفاع المدني السوري"));
}

#[test]
fn refi_qda_selections_are_code_points_into_the_source_text() {
    let (dir, p) = project();
    let out = dir.path().join("p.qdpx");
    refi_qda::write_qdpx_file(&p, false, &out).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut source, mut found) = (String::new(), Vec::new());
    let mut sources = std::collections::HashMap::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |k: &str| {
                    e.try_get_attribute(k)
                        .unwrap()
                        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                };
                match e.name().as_ref() {
                    b"TextSource" => {
                        source = attr("plainTextPath").unwrap();
                        sources.insert(source.clone(), attr("name").unwrap());
                    }
                    b"PlainTextSelection" => found.push((
                        source.clone(),
                        attr("startPosition").unwrap().parse::<usize>().unwrap(),
                        attr("endPosition").unwrap().parse::<usize>().unwrap(),
                    )),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(found.len(), 5);
    let mut texts = Vec::new();
    for (path, start, end) in found {
        let name = path.replace("internal://", "sources/");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut text).unwrap();
        let span: String = text.chars().skip(start).take(end - start).collect();
        texts.push((sources[&path].clone(), span));
    }
    assert!(texts.contains(&("emoji.txt".into(), "سجن صيدنايا".into())));
    assert!(texts.contains(&("seed.txt".into(), "الدفاع المدني السوري".into())));
}
