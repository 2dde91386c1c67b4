"""`series --json` and `findings --json` written as they go: as_json.py's shapes, as text.

At a million figures the output is hundreds of MB, mostly figure ids and sources that many
findings repeat. Each point's ids and sources are made into JSON text once and reused by
every finding and series that names the point; each object is put together from its fields'
JSON text (the C encoder, no indent) and written at once, so no list of dicts is ever held.
tests/test_json_stream.py checks the result equals as_json.py's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import itemgetter
from typing import TextIO

from app.analysis.analyse import Analysis
from app.analysis.as_json import band_as_json
from app.analysis.points import Point
from app.analysis.render import label

_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_quoted = json.encoder.encode_basestring  # as _dump quotes a str (ensure_ascii=False), in C


def _value(value: object) -> str:
    """_dump's text for a scalar, without its general path (which costs most per field)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is str:
        return _quoted(value)
    if type(value) is int:
        return int.__repr__(value)
    return _dump(value)


def _object(fields: Iterable[tuple[str, str]]) -> str:
    """A JSON object from (key, the value's JSON text) pairs, in their order."""
    return "{" + ",".join(f'"{key}":{text}' for key, text in fields) + "}"


class _PointText:
    """Each point's ids and sources, as lists and as JSON text.

    The same as Point.figures and Point.sources, with the work per id done in C, as a million
    ids pass through here. With `keep`, made once per point (findings name points again and
    again); without, made and dropped (a series names each point once: memory stays low).
    """

    def __init__(self, *, keep: bool) -> None:
        self._made: dict[int, tuple] | None = {} if keep else None
        self._source_of: dict | None = None  # the dict `_by_id` was made from
        self._by_id: list[str | None] = []

    def _sources_of(self, documents: list[int], source_of: dict[int, str]) -> list[str | None]:
        """source_of.get of each document: as a list indexed by id, once per dict, in C (a
        million lookups in a dict of scattered entries cost several times more)."""
        if source_of is not self._source_of:
            self._source_of, self._by_id = source_of, []
            if all(type(key) is int and 0 <= key < 4 * len(source_of) + 64 for key in source_of):
                self._by_id = [None] * (max(source_of, default=0) + 1)
                for key, source in source_of.items():
                    self._by_id[key] = source
        by_id = self._by_id
        if not documents or documents[0] < 0 or documents[-1] >= len(by_id):
            return list(map(source_of.get, documents))
        if len(documents) == 1:
            return [by_id[documents[0]]]
        return list(itemgetter(*documents)(by_id))

    def _of(self, point: Point) -> tuple:
        made = self._made.get(id(point)) if self._made is not None else None
        if made is None:
            stored = list(_ids(point.figure_ids))
            figures = sorted(stored)
            documents = sorted(set(_ids(point.document_ids)))
            sources = []
            if point.source_of is not None:
                sources = self._sources_of(documents, point.source_of)
                if None in sources:
                    sources = [source for source in sources if source is not None]
            if figures == stored and " " not in point.figure_ids:  # as SQLite wrote them
                figures_text = f"[{point.figure_ids}]"
            else:
                figures_text = "[" + ",".join(map(str, figures)) + "]"
            made = (figures, sources, figures_text, _strings(sources), documents)
            if self._made is not None:
                self._made[id(point)] = made
        return made

    def figures(self, point: Point) -> list[int]:
        return self._of(point)[0]

    def sources(self, point: Point) -> list[str]:
        return self._of(point)[1]

    def texts(self, point: Point) -> tuple[str, str]:
        """(figures, sources) as JSON arrays."""
        return self._of(point)[2:4]

    def documents(self, point: Point) -> list[int]:
        return self._of(point)[4]


def _ids(text: str) -> map:
    return map(int, text.split(",") if text else ())


_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f\u2028\u2029]')
_ASCII_ESCAPED = bytes([*range(0x20), ord('"'), ord("\\"), 0x7F])  # _ESCAPED's ASCII part


def _strings(strings: list[str]) -> str:
    """A JSON array of strings; URLs and paths rarely need escaping: then a join does it."""
    if _needs_escaping("".join(strings)):
        return _dump(strings)
    return '["' + '","'.join(strings) + '"]' if strings else "[]"


def _needs_escaping(text: str) -> bool:
    """Whether `text` holds a character of _ESCAPED; told in C for ASCII text."""
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw.translate(None, _ASCII_ESCAPED)) != len(raw)
    return _ESCAPED.search(text) is not None


def series_json(analysis: Analysis, metric: str | None = None) -> Iterator[str]:
    """Each entry of series_as_json, as JSON text."""
    texts = _PointText(keep=False)
    for one in analysis.series:
        if metric is not None and one.metric != metric:
            continue
        points = ",".join(_point(point, analysis, texts) for point in one.points)
        fields = [
            ("metric", _value(one.metric)),
            ("place", _value(one.place)),
            ("period_start", _value(one.period_start)),
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
            ("value", _value(point.value)),
            ("qualifier", _value(point.qualifier)),
            ("label", _value(label(point))),
            ("low", _value(point.lo)),
            ("high", _value(point.hi)),
            ("as_of", _value(point.as_of)),
            ("figures", figures),
            ("claimants", f"[{_value(point.claimant)}]"),
            ("sources", sources),
            ("stale", _value(point.stale)),
            ("doubtful", _value(analysis.is_doubtful(point))),
            ("baseline_inferred", _value(point.baseline_inferred)),
        ]
    )


def findings_json(analysis: Analysis) -> Iterator[str]:
    """Each entry of findings_as_json, as JSON text."""
    texts = _PointText(keep=True)
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
                ("key", _value(finding.key)),
                ("kind", _value(finding.kind)),
                ("figures", _figures(distinct, texts)),
                ("sources", _sources(distinct, texts)),
                ("message", _value(finding.message)),
                ("as_of", _value(finding.as_of)),
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
            ("metric", _value(point.metric)),
            ("place", _value(point.place)),
            ("period_start", _value(point.period_start)),
            ("label", _value(label(point))),
            ("claimant", _value(point.claimant)),
            ("as_of", _value(point.as_of)),
            ("figures", texts.texts(point)[0]),
            ("sentence", _value(point.sentence)),
        ]
    )


def write_array(out: TextIO, entries: Iterable[str]) -> None:
    """The entries as one JSON array, one a line, each written as soon as it is made."""
    separator = "[\n"
    for entry in entries:
        out.write(separator + entry)
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")
