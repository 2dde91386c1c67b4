"""Score the extractor against the labelled corpus (tests/corpus/): it must be 100 % right on
value, qualifier, metric and claimant, with no figure missing and none extra, and right on every
other field a label gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.extract import ExtractionSettings, extract_figures

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
CORE = ("value", "qualifier", "metric", "claimant")
OPTIONAL = ("low", "high", "place", "as_of", "period_start", "stale")
DEFAULT_DATE = "2026-02-20"


def load(name: str) -> list[dict]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


def sentence_cases() -> list[dict]:
    return load("sentences.yaml")


def seed_cases() -> list[dict]:
    cases = []
    for entry in load("seeds.yaml"):
        text = (ROOT / "seeds" / entry["file"]).read_text(encoding="utf-8")
        cases.append({"text": text, "date": entry["date"], "figures": entry["figures"]})
    return cases


def run(case: dict):
    settings = ExtractionSettings(default_place=case.get("default_place"))
    return extract_figures(case["text"], case.get("date", DEFAULT_DATE), settings)


def mismatches(case: dict) -> list[str]:
    """Every way the extractor's figures differ from the labels, as readable lines."""
    got = run(case)
    expected = case["figures"]
    problems = []
    if len(got) != len(expected):
        found = [(case["text"][f.start : f.end], f.metric) for f in got]
        problems.append(f"{len(got)} figures for {len(expected)} labels: {found}")
    for label, figure in zip(expected, got, strict=False):
        for field in CORE + OPTIONAL:
            if field in label and getattr(figure, field) != label[field]:
                problems.append(f"{field}: {getattr(figure, field)!r} != {label[field]!r}")
        if "written" in label and case["text"][figure.start : figure.end] != label["written"]:
            problems.append(f"written: {case['text'][figure.start : figure.end]!r}")
    return problems


def core_score(cases: list[dict]) -> tuple[int, int]:
    """(right, total) over labels and extracted figures on the four core fields."""
    right = total = 0
    for case in cases:
        got = [tuple(getattr(f, k) for k in CORE) for f in run(case)]
        expected = [tuple(label[k] for k in CORE) for label in case["figures"]]
        total += max(len(got), len(expected))
        right += sum(1 for g, e in zip(got, expected, strict=False) if g == e)
    return right, total


def test_corpus_is_big_enough():
    cases = sentence_cases()
    assert len(cases) >= 60
    assert sum(1 for c in cases if not c["figures"]) >= 10
    assert sum(len(c["figures"]) for c in seed_cases()) >= 13


def test_core_score_is_perfect():
    right, total = core_score(sentence_cases() + seed_cases())
    assert right == total, f"core score {right}/{total}"


@pytest.mark.parametrize("case", sentence_cases(), ids=lambda c: c["text"][:50])
def test_sentence(case):
    assert mismatches(case) == []


@pytest.mark.parametrize("case", seed_cases(), ids=lambda c: c["text"][:30])
def test_seed_fully_labelled(case):
    assert mismatches(case) == []
