"""Sanad's exports read by the real readers: spaCy, Hugging Face datasets, openpyxl, and the
W3C JSON-LD checked against the fixture text.

The project is built with the CLI (`sanad import` of the brat fixture in data/seed), so the
expected values below come from that fixture, written by hand against seed.txt and emoji.txt
(offsets found with Python's str.find, code points), never from Sanad's own output.

Run through tests/clients/run.sh (it makes the virtual environment and builds the binary).
"""

import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = os.environ.get("SANAD_BIN", str(ROOT / "target" / "debug" / "sanad"))
SEED = HERE / "data" / "seed"

# (document, label, start, end, text): the T lines of data/seed/*.ann. Code points.
EXPECTED = {
    ("emoji.txt", "PERSON", 7, 17, "أحمد زيدان"),
    ("emoji.txt", "PRISON", 32, 43, "سجن صيدنايا"),
    ("seed.txt", "ORGANIZATION", 6, 26, "الدفاع المدني السوري"),
    ("seed.txt", "PERSON", 518, 528, "أحمد زيدان"),
    ("seed.txt", "PERSON", 654, 659, "زيدان"),
    ("seed.txt", "PERSON", 950, 960, "AhamdZydan"),
    ("seed.txt", "PRISON", 2534, 2545, "سجن صيدنايا"),
    ("seed.txt", "ORGANIZATION", 2557, 2576, "منظمة العفو الدولية"),
    (
        "seed.txt",
        "CLAIM",
        2534,
        2594,
        "سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري”",
    ),
    (
        "seed.txt",
        "CLAIM",
        1545,
        1600,
        "البالغ عددهم أكثر من 200 ألف بحسب تقديرات منظمات حقوقية",
    ),
    ("seed.txt", "PRISON", 2454, 2462, "سجن عدرا"),
    ("seed.txt", "PERSON", 2189, 2199, "بشار الأسد"),
    ("seed.txt", "ORGANIZATION", 2074, 2087, "الأمم المتحدة"),
}
LABELS = ["PERSON", "ORGANIZATION", "PRISON", "CLAIM"]  # the default scheme's palette order


def sanad(*args):
    result = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True)
    assert result.returncode == 0, f"sanad {args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("clients")


@pytest.fixture(scope="session", autouse=True)
def hf_home(work):
    os.environ["HF_HOME"] = str(work / "hf-home")


@pytest.fixture(scope="session")
def seed_project(work):
    folder = work / "seed"
    shutil.copytree(SEED, folder)
    project = work / "seed.sanad"
    sanad("import", folder, "--project", project)
    return project


@pytest.fixture(scope="session")
def texts():
    return {
        name: (SEED / name).read_text(encoding="utf-8")
        for name in ("seed.txt", "emoji.txt")
    }


def test_spacy_char_span_strict_on_the_jsonl_export(seed_project, work):
    import spacy

    out = work / "seed.jsonl"
    sanad("export", seed_project, "--format", "jsonl", "--output", out)
    nlp = spacy.blank("ar")
    found = set()
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = nlp(record["text"])
        for s in record["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
            assert span is not None, (record["path"], s)
            assert span.text == s["text"]
            found.add((record["path"], span.label_, s["start"], s["end"], span.text))
    assert found == EXPECTED


def test_csv_with_bom_reads_back_with_its_context(seed_project, work, texts):
    out = work / "seed.csv"
    sanad("export", seed_project, "--format", "csv", "--bom", "--output", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(EXPECTED)
    got = {(r["document"], r["label"], int(r["start"]), int(r["end"]), r["text"]) for r in rows}
    assert got == EXPECTED
    org = next(r for r in rows if r["start"] == "6" and r["document"] == "seed.txt")
    assert org["context_before"] == "أطلق “"  # the text's first 6 chars
    assert org["context_after"] == texts["seed.txt"][26:66]
    kinds = {r["text"][:6]: r["attribute:kind"] for r in rows if r["label"] == "CLAIM"}
    assert kinds == {"سجن صي": "allegation", "البالغ": "statistic"}
    assert [r["note"] for r in rows if r["note"]] == ["secret prison"]
    assert all(r["annotator"] and r["time"].endswith("Z") for r in rows)


def test_openpyxl_reads_arabic_rtl_autofilter_and_counts(seed_project, work):
    import openpyxl

    out = work / "seed.xlsx"
    sanad("export", seed_project, "--format", "xlsx", "--output", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["annotations", "counts"]
    sheet = book["annotations"]
    assert sheet.sheet_view.rightToLeft is True
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["document", "label", "text", "context_before", "context_after", "start", "end"]
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(EXPECTED)
    got = {(r["document"], r["label"], r["start"], r["end"], r["text"]) for r in rows}
    assert got == EXPECTED
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{len(EXPECTED) + 1}"
    assert sheet["C2"].font.name == "Arial"
    counts = book["counts"]
    assert counts.sheet_view.rightToLeft is True
    table = {r[0].value: [c.value for c in r[1:]] for r in counts.iter_rows()}
    assert table["document"] == LABELS + ["total"]
    # PERSON, ORGANIZATION, PRISON, CLAIM, total: counted in data/seed/*.ann.
    assert table["seed.txt"] == [4, 3, 2, 2, 11]
    assert table["emoji.txt"] == [1, 0, 1, 0, 2]
    assert table["total"] == [5, 3, 3, 2, 13]


def test_hf_folder_loads_with_tags_and_spans(seed_project, work, texts):
    import datasets

    out = work / "seed-hf"
    sanad("export", seed_project, "--format", "hf", "--output", out)
    tokens = datasets.load_dataset(str(out), split="train")
    assert tokens.num_rows == 2
    names = tokens.features["ner_tags"].feature.names
    assert names[:5] == ["O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION"]
    emoji = next(r for r in tokens if r["document"] == "emoji.txt")
    # UAX #29 words of "😀😀 قال أحمد زيدان إنه احتُجز في سجن صيدنايا 🎉 عام 2013.", by hand.
    assert emoji["tokens"] == [
        "😀", "😀", "قال", "أحمد", "زيدان", "إنه", "احتُجز", "في", "سجن", "صيدنايا", "🎉", "عام", "2013", ".",
    ]
    tags = [names[t] for t in emoji["ner_tags"]]
    assert tags == ["O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PRISON", "I-PRISON", "O", "O", "O", "O"]
    spans = datasets.load_dataset(str(out), "spans", split="train")
    got = {(r["document"], r["label"], r["start"], r["end"], r["text"]) for r in spans}
    assert got == EXPECTED
    for r in spans:
        assert texts[r["document"]][r["start"]:r["end"]] == r["text"]
    relations = datasets.load_dataset(str(out), "relations", split="train")
    assert sorted(relations["label"]) == ["attributed_to", "held_in"]


def many_documents(work, name, spans_from):
    """2,200 documents; only those numbered `spans_from` and up carry a span (PERSON)."""
    folder = work / name
    folder.mkdir()
    for i in range(2200):
        text = f"تقرير رقم {i}: اعتقل أحمد زيدان في سجن صيدنايا.\n"
        (folder / f"doc{i:04}.txt").write_text(text, encoding="utf-8")
        ann = ""
        if i >= spans_from:
            start = text.find("أحمد زيدان")
            ann = f"T1\tPERSON {start} {start + 10}\tأحمد زيدان\n"
        (folder / f"doc{i:04}.ann").write_text(ann, encoding="utf-8")
    project = work / f"{name}.sanad"
    sanad("import", folder, "--project", project)
    out = work / f"{name}-hf"
    sanad("export", project, "--format", "hf", "--output", out)
    return out


@pytest.fixture(scope="session")
def no_spans_first(work):
    return many_documents(work, "many", 2000)


def test_hf_no_spans_in_the_first_2000_of_2200_documents(no_spans_first):
    import datasets

    tokens = datasets.load_dataset(str(no_spans_first), split="train")
    assert tokens.num_rows == 2200
    names = tokens.features["ner_tags"].feature.names
    row = next(r for r in tokens if r["document"] == "doc2150.txt")
    assert row["tokens"] == ["تقرير", "رقم", "2150", ":", "اعتقل", "أحمد", "زيدان", "في", "سجن", "صيدنايا", "."]
    assert [names[t] for t in row["ner_tags"]] == ["O"] * 5 + ["B-PERSON", "I-PERSON"] + ["O"] * 4
    first = next(r for r in tokens if r["document"] == "doc0000.txt")
    assert set(first["ner_tags"]) == {0}
    spans = datasets.load_dataset(str(no_spans_first), "spans", split="train")
    assert spans.num_rows == 200
    assert set(spans["text"]) == {"أحمد زيدان"}
    assert min(spans["document"]) == "doc2000.txt"


def test_hf_two_exports_load_together(no_spans_first, seed_project, work):
    import datasets

    seed_hf = work / "seed-hf-2"
    sanad("export", seed_project, "--format", "hf", "--output", seed_hf)
    # As plain JSON lines, with no features given: the types must agree on their own.
    for config, rows in [("tokens", 2200 + 2), ("spans", 200 + len(EXPECTED)), ("documents", 2200 + 2)]:
        files = [str(no_spans_first / config / "train.jsonl"), str(seed_hf / config / "train.jsonl")]
        both = datasets.load_dataset("json", data_files={"train": files}, split="train")
        assert both.num_rows == rows, config
    # And as the two dataset folders, with their features: one label list, so they concatenate.
    a = datasets.load_dataset(str(no_spans_first), split="train")
    b = datasets.load_dataset(str(seed_hf), split="train")
    joined = datasets.concatenate_datasets([a, b])
    assert joined.num_rows == 2202
    assert joined.features["ner_tags"].feature.names[1] == "B-PERSON"


def test_w3c_selectors_point_at_the_fixture_text(seed_project, work, texts):
    out = work / "seed.jsonld"
    sanad("export", seed_project, "--format", "w3c", "--output", out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    tagging = [a for a in items if a["motivation"] == "tagging"]
    linking = [a for a in items if a["motivation"] == "linking"]
    assert (len(tagging), len(linking)) == (len(EXPECTED), 2)
    got = set()
    for a in tagging:
        doc = a["target"]["source"]["title"]
        position = next(s for s in a["target"]["selector"] if s["type"] == "TextPositionSelector")
        quote = next(s for s in a["target"]["selector"] if s["type"] == "TextQuoteSelector")
        start, end = position["start"], position["end"]
        text = texts[doc]
        assert quote["exact"] == text[start:end]
        assert quote["prefix"] == text[max(0, start - 40):start]
        assert quote["suffix"] == text[end:end + 40]
        label = next(b["value"] for b in a["body"] if b["purpose"] == "tagging")
        got.add((doc, label, start, end, quote["exact"]))
    assert got == EXPECTED


def test_refi_qda_selections_read_with_a_plain_xml_reader(seed_project, work):
    import xml.etree.ElementTree as ET
    import zipfile

    out = work / "seed.qdpx"
    sanad("export", seed_project, "--format", "refi-qda", "--output", out)
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("project.qde"))
        codes = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", ns)}
        assert sorted(codes.values()) == sorted(LABELS)
        got = set()
        for source in root.iterfind(".//q:TextSource", ns):
            path = source.get("plainTextPath").replace("internal://", "sources/")
            text = z.read(path).decode("utf-8")
            for sel in source.iterfind("q:PlainTextSelection", ns):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                code = sel.find("q:Coding/q:CodeRef", ns).get("targetGUID")
                # Positions are code points: Python's str indices.
                got.add((source.get("name"), codes[code], start, end, text[start:end]))
    assert got == EXPECTED


def squeeze(text):
    """The text without white space: spaCy's CoNLL converter joins tokens with single spaces."""
    return "".join(text.split())


def test_spacy_convert_reads_the_conll_export(seed_project, work):
    """`spacy convert --converter ner` (spaCy's own CoNLL-2003 reader) on the IOB2 export.

    IOB2 cannot nest: the CLAIM [2534, 2594) holds the PRISON [2534, 2545) and the
    ORGANIZATION [2557, 2576), so the export keeps some of these three and prints the others as
    `misaligned:` lines. Every span is therefore either read back by spaCy (same label, same
    text) or reported, and the 10 spans that overlap nothing must all be read back.
    """
    from spacy.tokens import DocBin
    import spacy

    out = work / "seed.conll"
    result = sanad("export", seed_project, "--format", "conll", "--output", out)
    reported = [
        l for l in (result.stdout + result.stderr).splitlines() if l.startswith("misaligned:")
    ]
    converted = work / "conll-spacy"
    converted.mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "convert",
            str(out),
            str(converted),
            "--converter",
            "ner",
            "--lang",
            "ar",
        ],
        check=True,
        capture_output=True,
    )
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(converted / "seed.spacy").get_docs(nlp.vocab))
    read = [(e.label_, squeeze(e.text)) for d in docs for e in d.ents]
    expected = {(label, squeeze(text)) for (_, label, _, _, text) in EXPECTED}
    assert set(read) <= expected, set(read) - expected
    nested = {(2534, 2594), (2534, 2545), (2557, 2576)}
    must = {
        (label, squeeze(text))
        for (_, label, start, end, text) in EXPECTED
        if (start, end) not in nested
    }
    assert must <= set(read), must - set(read)
    # 13 spans in all: each one read back or reported (two texts repeat: أحمد زيدان, سجن صيدنايا).
    assert len(read) + len(reported) == len(EXPECTED), (read, reported)


def brat_peek_reader():
    """brat-peek's reader module, peek/ann_structure.py (standard library only).

    Its package __init__ also imports its statistics and plotting helpers, which need seaborn
    and matplotlib that the package does not declare; `find_spec` locates the package without
    running that __init__, and only the reader module is loaded.
    """
    import importlib.util

    package = importlib.util.find_spec("peek")
    path = pathlib.Path(package.submodule_search_locations[0]) / "ann_structure.py"
    spec = importlib.util.spec_from_file_location("peek_ann_structure", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The relations, attributes and note of data/seed/*.ann, spans named by (label, text).
CLAIM_PRISON = ("CLAIM", "سجن صيدنايا التي وصفته منظمة العفو الدولية بـ”المسلخ البشري”")
CLAIM_STAT = ("CLAIM", "البالغ عددهم أكثر من 200 ألف بحسب تقديرات منظمات حقوقية")
EXPECTED_RELATIONS = {
    ("emoji.txt", "held_in", ("PERSON", "أحمد زيدان"), ("PRISON", "سجن صيدنايا")),
    ("seed.txt", "attributed_to", CLAIM_PRISON, ("ORGANIZATION", "منظمة العفو الدولية")),
}
EXPECTED_ATTRIBUTES = {
    ("seed.txt", "kind", CLAIM_PRISON, ("allegation",)),
    ("seed.txt", "kind", CLAIM_STAT, ("statistic",)),
}
EXPECTED_NOTES = {("seed.txt", "AnnotatorNotes", ("PRISON", "سجن صيدنايا"), "secret prison")}


def test_brat_export_read_by_brat_peek(seed_project, work, texts):
    """brat-peek's AnnDocument on each exported .ann: spans at their code-point offsets into
    the .txt (the emoji document has two emoji before its first span), relations, attributes
    and the note, all as in data/seed."""
    reader = brat_peek_reader()
    out = work / "seed-brat"
    sanad("export", seed_project, "--format", "brat", "--output", out)
    spans, relations, attributes, notes = set(), set(), set(), set()
    for name in ("seed.txt", "emoji.txt"):
        assert (out / name).read_text(encoding="utf-8") == texts[name]
        doc = reader.AnnDocument(str(out / name.replace(".txt", ".ann")))
        by_id = {}
        for e in doc.anns["entities"]:
            assert len(e.span) == 1, e  # no discontinuous span in the fixture
            ((start, end),) = e.span
            assert texts[name][start:end] == e.text, e
            spans.add((name, e.tag, start, end, e.text))
            by_id[e.name] = (e.tag, e.text)
        for r in doc.anns["relations"]:
            head, child = (by_id[a.split(":")[1]] for a in (r.arg1, r.arg2))
            relations.add((name, r.tag, head, child))
        for a in doc.anns["attributes"]:
            attributes.add((name, a.tag, by_id[a.arguments[0]], tuple(a.arguments[1:])))
        for n in doc.anns["notes"]:
            notes.add((name, n.tag, by_id[n.ann_id], n.note))
    assert spans == EXPECTED
    assert relations == EXPECTED_RELATIONS
    assert attributes == EXPECTED_ATTRIBUTES
    assert notes == EXPECTED_NOTES


@pytest.fixture(scope="session")
def label_studio_export(seed_project, work):
    tasks = work / "seed-ls.json"
    sanad("export", seed_project, "--format", "label-studio", "--output", tasks)
    config = work / "seed-ls.label_config.xml"
    assert config.exists()
    return tasks, config


def label_studio_convert(label_studio_export, work, fmt):
    from label_studio_converter import Converter

    tasks, config = label_studio_export
    out = work / f"ls-{fmt}"
    Converter(config=str(config), project_dir=None).convert(str(tasks), str(out), fmt, is_dir=False)
    return out


def test_label_studio_converter_json_min(label_studio_export, work, texts):
    """Label Studio's converter (JSON_MIN) on the tasks and labelling config: one row per task
    with its text and one label entry per span whose `text` is the span's text."""
    out = label_studio_convert(label_studio_export, work, "JSON_MIN")
    rows = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in rows) == ["emoji.txt", "seed.txt"]
    got = set()
    for row in rows:
        text = row["text"]
        assert text == texts[row["path"]]
        for entry in row["label"]:
            # Sanad writes code points (its export says so), Python's own string indices.
            before = text[: entry["start"]]
            inside = text[entry["start"] : entry["end"]]
            assert inside == entry["text"], entry
            (label,) = entry["labels"]
            got.add((row["path"], label, len(before), len(before) + len(inside), inside))
    assert got == EXPECTED


# "😀😀 قال أحمد زيدان إنه احتُجز في سجن صيدنايا 🎉 عام 2013." by the converter's Treebank
# tokenizer, tagged by hand from data/seed/emoji.ann.
EMOJI_CONLL = [
    ("😀😀", "O"), ("قال", "O"), ("أحمد", "B-PERSON"), ("زيدان", "I-PERSON"), ("إنه", "O"),
    ("احتُجز", "O"), ("في", "O"), ("سجن", "B-PRISON"), ("صيدنايا", "I-PRISON"), ("🎉", "O"),
    ("عام", "O"), ("2013", "O"), (".", "O"),
]


def test_label_studio_converter_conll_tags_the_emoji_document(label_studio_export, work):
    out = label_studio_convert(label_studio_export, work, "CONLL2003")
    blocks = (out / "result.conll").read_text(encoding="utf-8").split("\n\n")
    rows = [l.split(" ") for l in blocks[0].splitlines() if not l.startswith("-DOCSTART-")]
    assert [(r[0], r[-1]) for r in rows] == EMOJI_CONLL
