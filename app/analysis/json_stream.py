"""`series --json` and `findings --json` written as they go: as_json.py's shapes, as text.

At a million figures the output is hundreds of MB, mostly figure ids and sources that many
findings repeat. Each point's ids and sources are made into JSON text once and reused by
every finding and series that names the point; each object is put together from its fields'
JSON text (the C encoder, no indent) and written at once, so no list of dicts is ever held.
tests/test_json_stream.py checks the result equals as_json.py's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TextIO

from app.analysis.analyse import Analysis
from app.analysis.as_json import band_as_json
from app.analysis.points import Point
from app.analysis.render import label

_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _object(fields: Iterable[tuple[str, str]]) -> str:
    """A JSON object from (key, the value's JSON text) pairs, in their order."""
    return "{" + ",".join(f'"{key}":{text}' for key, text in fields) + "}"


class _PointText:
    """Each point's ids and sources, as lists and as JSON text, made once per point.

    The same as Point.figures and Point.sources, with the work per id done in C (map), as a
    million ids pass through here."""

    def __init__(self) -> None:
        self._made: dict[int, tuple] = {}

    def _of(self, point: Point) -> tuple:
        made = self._made.get(id(point))
        if made is None:
            figures = sorted(map(int, point.figure_ids.split(","))) if point.figure_ids else []
            documents = (
                set(map(int, point.document_ids.split(","))) if point.document_ids else set()
            )
            sources = []
            if point.source_of is not None:
                found = map(point.source_of.get, sorted(documents))
                sources = [source for source in found if source is not None]
            figures_text = "[" + ",".join(map(str, figures)) + "]"
            made = (figures, sources, figures_text, _dump(sources), documents)
            self._made[id(point)] = made
        return made

    def figures(self, point: Point) -> list[int]:
        return self._of(point)[0]

    def sources(self, point: Point) -> list[str]:
        return self._of(point)[1]

    def texts(self, point: Point) -> tuple[str, str]:
        """(figures, sources) as JSON arrays."""
        return self._of(point)[2:4]

    def documents(self, point: Point) -> set[int]:
        return self._of(point)[4]


def _ids(text: str) -> map:
    return map(int, text.split(",") if text else ())


def series_json(analysis: Analysis, metric: str | None = None) -> Iterator[str]:
    """Each entry of series_as_json, as JSON text."""
    texts = _PointText()
    for one in analysis.series:
        if metric is not None and one.metric != metric:
            continue
        points = ",".join(_point(point, analysis, texts) for point in one.points)
        fields = [
            ("metric", _dump(one.metric)),
            ("place", _dump(one.place)),
            ("period_start", _dump(one.period_start)),
            ("points", f"[{points}]"),
        ]
        if one.metric == "held":
            bands = [band_as_json(band) for band in analysis.bands.get(one.key, [])]
            fields.append(("band", _dump(bands)))
        yield _object(fields)


def _point(point: Point, analysis: Analysis, texts: _PointText) -> str:
    figures, sources = texts.texts(point)
    return _object(
        [
            ("value", _dump(point.value)),
            ("qualifier", _dump(point.qualifier)),
            ("label", _dump(label(point))),
            ("low", _dump(point.lo)),
            ("high", _dump(point.hi)),
            ("as_of", _dump(point.as_of)),
            ("figures", figures),
            ("claimants", _dump([point.claimant])),
            ("sources", sources),
            ("stale", _dump(point.stale)),
            ("doubtful", _dump(analysis.is_doubtful(point))),
            ("baseline_inferred", _dump(point.baseline_inferred)),
        ]
    )


def findings_json(analysis: Analysis) -> Iterator[str]:
    """Each entry of findings_as_json, as JSON text."""
    texts = _PointText()
    briefs: dict[int, str] = {}
    for finding in analysis.findings:
        distinct = list({id(point): point for point in finding.points}.values())
        points = []
        for point in finding.points:
            if id(point) not in briefs:
                briefs[id(point)] = _brief(point, texts)
            points.append(briefs[id(point)])
        yield _object(
            [
                ("key", _dump(finding.key)),
                ("kind", _dump(finding.kind)),
                ("figures", _figures(distinct, texts)),
                ("sources", _sources(distinct, texts)),
                ("message", _dump(finding.message)),
                ("as_of", _dump(finding.as_of)),
                ("points", "[" + ",".join(points) + "]"),
            ]
        )


def _figures(points: list[Point], texts: _PointText) -> str:
    """Finding.figures: the sorted union of its points' ids (each figure is in one point)."""
    if len(points) == 1:
        return texts.texts(points[0])[0]
    ids = sorted(chain.from_iterable(texts.figures(point) for point in points))
    return "[" + ",".join(map(str, ids)) + "]"


def _sources(points: list[Point], texts: _PointText) -> str:
    """Finding.sources: its points' sources, each once, in the order the points give them."""
    first, *others = points
    documents = set(texts.documents(first))
    if all(documents.isdisjoint(texts.documents(point)) for point in others):
        arrays = [texts.texts(point)[1][1:-1] for point in points]  # no source twice: join
        return "[" + ",".join(array for array in arrays if array) + "]"
    each = (texts.sources(point) for point in points)
    return _dump(list(dict.fromkeys(chain.from_iterable(each))))


def _brief(point: Point, texts: _PointText) -> str:
    return _object(
        [
            ("metric", _dump(point.metric)),
            ("place", _dump(point.place)),
            ("period_start", _dump(point.period_start)),
            ("label", _dump(label(point))),
            ("claimant", _dump(point.claimant)),
            ("as_of", _dump(point.as_of)),
            ("figures", texts.texts(point)[0]),
            ("sentence", _dump(point.sentence)),
        ]
    )


def write_array(out: TextIO, entries: Iterable[str]) -> None:
    """The entries as one JSON array, one a line, each written as soon as it is made."""
    separator = "[\n"
    for entry in entries:
        out.write(separator + entry)
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")
