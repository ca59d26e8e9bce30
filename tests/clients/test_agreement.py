"""`sanad agreement --json` checked against reference implementations on the very same token
labels (written by `--tokens-out`): `sklearn.metrics.cohen_kappa_score` for every pair and every
document, `krippendorff.alpha(level_of_measurement="nominal")` over all tokens and per document.

The team project is made with the CLI as a team would: import two texts, extract a share for
each of three annotators, bring each one's spans into their share (`sanad import` of a doccano
file, code points, run as that user), merge the shares. carol annotates only seed.txt, so she is
missing on emoji.txt's tokens (Krippendorff's alpha takes missing values; Cohen's kappa for her
pairs is over seed.txt only).
"""

import json
import math
import os
import shutil
import subprocess

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from test_clients import BIN, SEED

# (document, phrase, occurrence, label) per annotator; offsets found with str.find.
SPANS = {
    "alice": [
        ("seed.txt", "الدفاع المدني السوري", 0, "ORGANIZATION"),
        ("seed.txt", "أحمد زيدان", 0, "PERSON"),
        ("seed.txt", "سجن صيدنايا", 0, "PRISON"),
        ("seed.txt", "منظمة العفو الدولية", 0, "ORGANIZATION"),
        ("seed.txt", "سجن عدرا", 0, "PRISON"),
        ("seed.txt", "بشار الأسد", 0, "PERSON"),
        ("seed.txt", "البالغ عددهم أكثر من 200 ألف", 0, "CLAIM"),
        ("emoji.txt", "أحمد زيدان", 0, "PERSON"),
        ("emoji.txt", "سجن صيدنايا", 0, "PRISON"),
    ],
    "bob": [
        ("seed.txt", "الدفاع المدني السوري", 0, "ORGANIZATION"),
        ("seed.txt", "أحمد زيدان", 0, "PERSON"),
        ("seed.txt", "سجن صيدنايا التي وصفته", 0, "PRISON"),
        ("seed.txt", "منظمة العفو الدولية", 0, "PERSON"),
        ("seed.txt", "بشار الأسد", 0, "PERSON"),
        ("seed.txt", "الأمم المتحدة", 0, "ORGANIZATION"),
        ("emoji.txt", "أحمد زيدان", 0, "PERSON"),
    ],
    "carol": [
        ("seed.txt", "الدفاع المدني", 1, "ORGANIZATION"),
        ("seed.txt", "أحمد زيدان", 0, "PERSON"),
        ("seed.txt", "سجن صيدنايا", 0, "PRISON"),
        ("seed.txt", "سجن عدرا", 0, "PRISON"),
        ("seed.txt", "عدرا", 0, "ORGANIZATION"),
        ("seed.txt", "بشار الأسد", 0, "PERSON"),
    ],
}


def find(text, phrase, occurrence):
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(phrase, at + 1)
    return at, at + len(phrase)


def run(*args, user=None):
    env = dict(os.environ)
    if user:
        env["USER"] = user
        env.pop("USERNAME", None)
    result = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"sanad {args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    work = tmp_path_factory.mktemp("agreement")
    docs = work / "docs"
    docs.mkdir()
    for name in ("seed.txt", "emoji.txt"):
        shutil.copy(SEED / name, docs / name)
    texts = {n: (docs / n).read_text(encoding="utf-8") for n in ("seed.txt", "emoji.txt")}
    start = work / "start.sanad"
    run("import", docs, "--project", start)
    shares = []
    for who, spans in SPANS.items():
        share = work / f"{who}.sanad"
        run("extract", start, "--count", "2", "--for", who, "--output", share)
        lines = []
        for doc in ("seed.txt", "emoji.txt"):
            mine = [s for s in spans if s[0] == doc]
            if not mine:
                continue
            labels = [[*find(texts[doc], p, k), label] for (_, p, k, label) in mine]
            lines.append(json.dumps({"text": texts[doc], "label": labels}, ensure_ascii=False))
        ann = work / f"{who}.jsonl"
        ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run("import", ann, "--project", share, "--format", "doccano", "--offsets", "codepoint", user=who)
        shares.append(share)
    team = work / "team.sanad"
    run("merge", *shares, "--output", team)
    return work, team


def agreement(work, team, *extra):
    tokens = work / ("tokens" + "-".join(extra) + ".json")
    out = run("agreement", team, "--json", "--tokens-out", tokens, *extra)
    return json.loads(out.stdout), json.loads(tokens.read_text(encoding="utf-8"))


def close(ours, reference):
    if ours is None:
        assert math.isnan(reference), reference
    else:
        assert abs(ours - reference) <= 1e-9, (ours, reference)


def check(report, table):
    names = table["annotators"]
    assert names == report["annotators"] == ["alice", "bob", "carol"]
    units = table["units"]
    codes = {}
    for u in units:
        for label in u["labels"]:
            if label is not None:
                codes.setdefault(label, len(codes))

    def cohen(a, b, docs=None):
        i, j = names.index(a), names.index(b)
        pairs = [
            (u["labels"][i], u["labels"][j])
            for u in units
            if u["labels"][i] is not None
            and u["labels"][j] is not None
            and (docs is None or u["document_id"] in docs)
        ]
        return len(pairs), cohen_kappa_score([p[0] for p in pairs], [p[1] for p in pairs])

    def alpha(docs=None):
        chosen = [u for u in units if docs is None or u["document_id"] in docs]
        data = np.array(
            [
                [np.nan if u["labels"][k] is None else codes[u["labels"][k]] for u in chosen]
                for k in range(len(names))
            ],
            dtype=float,
        )
        return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")

    assert len(report["pairs"]) == 3
    for p in report["pairs"]:
        n, kappa = cohen(p["a"], p["b"])
        assert n == p["tokens"] > 0
        close(p["cohen_kappa"], kappa)
    close(report["krippendorff_alpha"], alpha())
    for d in report["documents"]:
        for p in d["pairs"]:
            n, kappa = cohen(p["a"], p["b"], {d["document_id"]})
            assert n == p["tokens"]
            close(p["cohen_kappa"], kappa)
        close(d["krippendorff_alpha"], alpha({d["document_id"]}))


def test_token_kappa_and_alpha_equal_sklearn_and_krippendorff(team):
    work, path = team
    report, table = agreement(work, path)
    # carol did not annotate emoji.txt: her pairs are over seed.txt's tokens only.
    by_pair = {(p["a"], p["b"]): p for p in report["pairs"]}
    assert by_pair[("alice", "bob")]["tokens"] > by_pair[("alice", "carol")]["tokens"]
    assert report["fleiss_kappa"] is not None
    check(report, table)


def test_with_a_label_filter_too(team):
    work, path = team
    report, table = agreement(work, path, "--label", "PERSON")
    assert {l for u in table["units"] for l in u["labels"] if l} <= {"PERSON", "O"}
    check(report, table)
