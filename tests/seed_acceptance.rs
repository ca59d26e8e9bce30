//! The annotation model on the real seed document: a CLAIM with kind statistic, three mentions of
//! one person linked to one entity, a PRISON nested in a CLAIM, and that CLAIM attributed to
//! "منظمة العفو الدولية"; the JSONL export carries all of it. Set SANAD_ACCEPTANCE_PROJECT to a
//! path to keep the project (for a screenshot).

use sanad::corpus::import_folder;
use sanad::export::{ExportOptions, jsonl};
use sanad::model::Action;
use sanad::store::Project;

fn add(p: &mut Project, doc: i64, start: usize, len: usize, label: &str) -> i64 {
    p.apply(&Action::AddAnnotation {
        id: None,
        document_id: doc,
        start,
        end: start + len,
        label: label.into(),
    })
    .unwrap()
    .created
    .unwrap()
}

#[test]
fn seed_claims_entities_nesting_and_relations_export() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.txt"),
        folder.join("seed.txt"),
    )
    .unwrap();
    let path = std::env::var("SANAD_ACCEPTANCE_PROJECT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("p.sanad"));
    let _ = std::fs::remove_file(&path);
    let mut p = Project::open_or_create(&path).unwrap();
    p.set_actor("Layla");
    import_folder(&mut p, &folder, &mut |_, _| {}).unwrap();
    let doc = p.document_summaries().unwrap()[0].id;

    let stat = add(&mut p, doc, 1545, 55, "CLAIM");
    p.apply(&Action::SetAttribute {
        annotation_id: stat,
        name: "kind".into(),
        value: Some("statistic".into()),
        restore: false,
    })
    .unwrap();

    let m1 = add(&mut p, doc, 518, 10, "PERSON");
    let m2 = add(&mut p, doc, 937, 10, "PERSON");
    let m3 = add(&mut p, doc, 654, 5, "PERSON");
    let entity = p
        .apply(&Action::CreateEntity {
            id: None,
            name: "أحمد زيدان".into(),
            kind: "PERSON".into(),
            aliases: vec!["AhmadZydan2011".into()],
            created_at: None,
        })
        .unwrap()
        .created
        .unwrap();
    for m in [m1, m2, m3] {
        p.apply(&Action::LinkEntity {
            annotation_id: m,
            entity_id: Some(entity),
        })
        .unwrap();
    }

    let claim = add(&mut p, doc, 2534, 60, "CLAIM");
    let prison = add(&mut p, doc, 2534, 11, "PRISON");
    let amnesty = add(&mut p, doc, 2557, 19, "ORGANIZATION");
    p.apply(&Action::SetAttribute {
        annotation_id: claim,
        name: "kind".into(),
        value: Some("allegation".into()),
        restore: false,
    })
    .unwrap();
    p.apply(&Action::AddRelation {
        id: None,
        head: claim,
        child: amnesty,
        relation: "attributed_to".into(),
        created_at: None,
    })
    .unwrap();
    let _ = prison;

    let docs = jsonl::documents(
        &p,
        ExportOptions {
            history: true,
            ..Default::default()
        },
    )
    .unwrap();
    let d = serde_json::to_value(&docs[0]).unwrap();
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    let spans = d["spans"].as_array().unwrap();
    assert_eq!(spans.len(), 7);
    for s in spans {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[a..b].iter().collect::<String>(),
            s["text"].as_str().unwrap()
        );
        assert!(!s["history"].as_array().unwrap().is_empty());
        assert!(s["history"][0]["annotator"] == "Layla");
    }
    let find = |t: &str, label: &str| {
        spans
            .iter()
            .position(|s| s["text"] == t && s["label"] == label)
            .unwrap()
    };
    let stat_i = find(
        "البالغ عددهم أكثر من 200 ألف بحسب تقديرات منظمات حقوقية",
        "CLAIM",
    );
    assert_eq!(spans[stat_i]["attributes"]["kind"], "statistic");
    let people: Vec<&serde_json::Value> = spans.iter().filter(|s| s["label"] == "PERSON").collect();
    assert_eq!(people.len(), 3);
    assert!(
        people
            .iter()
            .all(|s| s["entity"]["id"] == entity && s["entity"]["name"] == "أحمد زيدان")
    );
    assert_eq!(people.iter().filter(|s| s["text"] == "زيدان").count(), 1);
    let claim_i = find(
        "سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري”",
        "CLAIM",
    );
    let prison_i = find("سجن صيدنايا", "PRISON");
    let amnesty_i = find("منظمة العفو الدولية", "ORGANIZATION");
    assert!(
        spans[prison_i]["start"] == spans[claim_i]["start"],
        "the PRISON is nested in the CLAIM"
    );
    assert_eq!(
        d["relations"],
        serde_json::json!([{"head_span": claim_i, "child_span": amnesty_i, "label": "attributed_to"}])
    );
}
