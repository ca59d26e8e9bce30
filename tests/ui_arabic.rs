//! The interface in Arabic (issue 13, acceptance 1): the main window is mirrored (document list
//! on the right of the document, inspector on its left), the menus read Arabic, and the main
//! job — select a span, label it, see it in the inspector, undo — works as it does in English.
//! The language switches in Settings without a restart and is kept in the settings file.

use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use sanad::ui::dialogs::ScriptedDialogs;
use sanad::ui::i18n::Lang;
use sanad::ui::{Command, SanadApp};

use crate::common;
use common::{bounds, drag};

/// The seed's first line: "الدفاع المدني السوري" is chars [6, 26).
const FIRST_LINE: &str = "أطلق “الدفاع المدني السوري” حملة تحت عنوان “ليسوا رهائن”، للمطالبة بالإفراج عن المعتقلين السوريين في سجون نظام الأسد.\n";

/// An app in Arabic on a project made from the seed's first line, with its settings in `dir`.
fn arabic_app() -> (tempfile::TempDir, Harness<'static, SanadApp>) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), FIRST_LINE).unwrap();
    let settings = dir.path().join("settings.ron");
    std::fs::write(&settings, "(annotator: Some(\"ليلى\"))").unwrap();
    let mut app = SanadApp::new(Box::new(ScriptedDialogs::default())).with_settings_file(settings);
    app.set_language(Lang::Ar);
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    assert!(app.current().is_some(), "{:?}", app.error());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    (dir, h)
}

/// Text as written, without the bidi isolates (U+2068 … U+2069) Fluent puts around arguments.
fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// A node whose label, without isolates, is `text`.
fn labelled(text: &str) -> By<'_> {
    By::new().predicate(move |n| n.label().is_some_and(|l| plain(&l) == text))
}

/// A node whose label or value (a static label's text), without isolates, is `text`.
fn shown(text: &str) -> By<'_> {
    By::new().predicate(move |n| {
        n.label()
            .or_else(|| n.value())
            .is_some_and(|l| plain(&l) == text)
    })
}

fn stored(h: &Harness<'_, SanadApp>) -> Vec<(usize, usize, String)> {
    let app = h.state();
    let p = app.project().unwrap();
    let labels = p.labels().unwrap();
    let doc = app.current().unwrap().document.id;
    p.annotations(doc)
        .unwrap()
        .into_iter()
        .map(|a| {
            let name = labels.iter().find(|l| l.id == a.label_id).unwrap();
            (a.start, a.end, name.name.clone())
        })
        .collect()
}

#[test]
fn arabic_main_window_is_mirrored_and_its_menus_read_arabic() {
    let (_dir, mut h) = arabic_app();
    let document = h
        .get(By::new().role(egui::accesskit::Role::Document))
        .rect();
    // Panel headings: "Documents" (document list) and "Labels" (inspector).
    let list = h.get_by_label("المستندات").rect();
    let inspector = h.get_by_label("الوسوم").rect();
    assert!(
        list.min.x >= document.max.x,
        "document list right of the document: {list:?} vs {document:?}"
    );
    assert!(
        inspector.max.x <= document.min.x,
        "inspector left of the document: {inspector:?} vs {document:?}"
    );
    // Headings stand at their panels' right edges (the reading start).
    assert!(list.max.x > document.max.x + 150.0, "{list:?}");

    // The menu bar reads right to left: File (ملف) rightmost, then Edit, Search, Help.
    let xs: Vec<f32> = ["ملف", "تحرير", "بحث", "مساعدة"]
        .iter()
        .map(|t| h.get_by_label(t).rect().center().x)
        .collect();
    assert!(
        xs.windows(2).all(|w| w[0] > w[1]),
        "menus right to left: {xs:?}"
    );
    assert!(h.query_by_label("File").is_none(), "no English menu left");

    // The File menu opens with Arabic items, right-aligned.
    h.get_by_label("ملف").click();
    h.run();
    let open_folder = h.get_by_label("فتح مجلد… Ctrl+O").rect();
    let quit = h.get_by_label("خروج Ctrl+Q").rect();
    assert!(
        (open_folder.max.x - quit.max.x).abs() < 1.0,
        "one right edge"
    );
    h.get_by_label("استيراد التوسيمات… Ctrl+I");
    h.get_by_label("تضمين سجل التعديلات في التصدير");
}

#[test]
fn arabic_labelling_flow_select_label_inspect_undo() {
    let (_dir, mut h) = arabic_app();
    let r = bounds(&h, 6..26);
    let y = r.center().y;
    drag(
        &mut h,
        Pos2::new(r.max.x - 1.0, y),
        Pos2::new(r.min.x + 1.0, y),
    );
    assert_eq!(h.state().view.selection, Some(6..26));
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(stored(&h), vec![(6, 26, "ORGANIZATION".to_owned())]);
    // The inspector lists it, in Arabic, by its text.
    h.get(labelled("توسيم ORGANIZATION الدفاع المدني السوري"));
    // The status bar says what was done, in Arabic.
    assert!(
        plain(h.state().status()).starts_with("وُسم [6، 26) بـORGANIZATION"),
        "{}",
        h.state().status()
    );
    // Undo from the Arabic Edit menu (تحرير → تراجع).
    h.get_by_label("تحرير").click();
    h.run();
    h.get_by_label("تراجع Ctrl+Z").click();
    h.run();
    assert!(stored(&h).is_empty());
    assert!(
        plain(h.state().status()).starts_with("تراجع عن: وُسم"),
        "{}",
        h.state().status()
    );
}

#[test]
fn language_switches_in_settings_without_restart_and_is_kept() {
    let (dir, mut h) = arabic_app();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("English").click();
    h.run();
    h.get_by_label("File");
    h.get_by_label("Documents");
    assert!(h.query_by_label("ملف").is_none());
    let list = h.get_by_label("Documents").rect();
    let document = h
        .get(By::new().role(egui::accesskit::Role::Document))
        .rect();
    assert!(
        list.max.x <= document.min.x,
        "English: the list is on the left"
    );
    let kept = std::fs::read_to_string(dir.path().join("settings.ron")).unwrap();
    assert!(kept.contains("language: Some(En)"), "{kept}");
    // And back, with Arabic-Indic digits.
    h.get_by_label("العربية").click();
    h.run();
    h.get_by_label("هندية عربية (٠١٢٣)").click();
    h.run();
    h.get_by_label("ملف");
    // The document list's count of annotations, in Arabic-Indic digits (the name keeps its own).
    h.get_by_label("[ ] seed.txt  (٠)");
    let kept = std::fs::read_to_string(dir.path().join("settings.ron")).unwrap();
    assert!(
        kept.contains("language: Some(Ar)") && kept.contains("digits: ArabicIndic"),
        "{kept}"
    );
}

/// File → Export… in Arabic: the window, its formats and its choice of documents read Arabic,
/// the choices run right to left, and an export started from it still writes the file and
/// summarises it in Arabic.
#[test]
fn the_export_window_reads_arabic_and_still_exports() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("seed.txt"), FIRST_LINE).unwrap();
    let target = dir.path().join("out.csv");
    let dialogs = ScriptedDialogs {
        export: Some(target.clone()),
        ..ScriptedDialogs::default()
    };
    let settings = dir.path().join("settings.ron");
    std::fs::write(&settings, "(annotator: Some(\"ليلى\"))").unwrap();
    let mut app = SanadApp::new(Box::new(dialogs)).with_settings_file(settings);
    app.set_language(Lang::Ar);
    app.run_command(Command::OpenFolder {
        folder,
        project: Some(dir.path().join("p.sanad")),
    });
    app.wait_for_import();
    let doc = app.current().unwrap().document.id;
    // "الدفاع المدني السوري" is chars [6, 26) of the seed's first line.
    app.run_command(Command::Apply(sanad::model::Action::AddAnnotation {
        id: None,
        document_id: doc,
        start: 6,
        end: 26,
        label: "ORGANIZATION".into(),
    }));
    app.run_command(Command::ChooseExport);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut SanadApp| app.show(ui), app);
    h.run();
    // The format list, in Arabic: CSV is "CSV (جدول بيانات)".
    h.get_by_label("الصيغة").click();
    h.run();
    h.get_by_label("مجموعات بيانات Hugging Face (مجلد)");
    h.get_by_label("CSV (جدول بيانات)").click();
    h.run();
    h.get(shown("المواضع: نقاط ترميز"));
    h.get_by_label("البدء بعلامة ترتيب البايتات UTF-8 (يحتاجها Excel لقراءة العربية)");
    // The scope choices read right to left: "the whole project" first, at the right.
    let whole = h.get_by_label("المشروع كله").rect();
    let ticked = h.get_by_label("المحدَّدة أدناه").rect();
    assert!(whole.min.x > ticked.max.x, "{whole:?} right of {ticked:?}");
    assert!(
        h.query_by_label("the whole project").is_none(),
        "no English left"
    );
    h.get_by_label("تصدير…").click();
    h.run_steps(3);
    h.state_mut().wait_for_export();
    h.run();
    let summary = h.state().export_outcome().cloned().unwrap().unwrap();
    assert_eq!((summary.documents, summary.spans), (1, 1));
    // The file and its manifest beside it (issue 14: every export writes one).
    let manifest = target.with_file_name("out.csv.manifest.json");
    assert_eq!(summary.written, vec![target.clone(), manifest]);
    let csv = std::fs::read_to_string(&target).unwrap();
    assert!(
        csv.contains("seed.txt,ORGANIZATION,الدفاع المدني السوري,"),
        "{csv}"
    );
    // The summary in Arabic: "exported as CSV (code points): one document, and one span".
    h.get(shown(
        "صُدِّر بصيغة CSV (جدول بيانات) (نقاط ترميز): مستند واحد، ومقطع واحد.",
    ));
    h.get(shown("لا تحذيرات."));
}

/// F1 in Arabic: the list's groups, gestures and descriptions read Arabic, each row's keys at
/// its right (the reading start), the description to their left.
#[test]
fn f1_lists_the_shortcuts_in_arabic_keys_first_at_the_right() {
    let (_dir, mut h) = arabic_app();
    h.key_press(Key::F1);
    h.run();
    let window = h.get_by_role_and_label(egui::accesskit::Role::Window, "اختصارات لوحة المفاتيح");
    window.get_by_label("التحديد والتوسيم");
    window.get_by_label("سحب");
    window.get_by_label("نقر مزدوج");
    let keys = window.get_by_label("F1").rect();
    let what = window.get_by_label("قائمة الاختصارات هذه").rect();
    assert!(keys.min.x > what.max.x, "keys {keys:?} right of {what:?}");
    assert!(window.query_by_label("This list of shortcuts").is_none());
}
