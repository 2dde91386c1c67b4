"""Who states a figure: 'according to X', 'X says / estimates / has tallied', 'según X', an
official body that grants or frees, and back-references ('the organisation', 'la ONG') to the
organisation named before. Names are normalised through the alias table."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .claimant_names import (
    OFFICIAL,
    alias_patterns,
    ascii_alias_patterns,
    canonical_names,
    longest_first,
)
from .claimant_patterns import (
    ACRONYM_SCAN,
    AGENT_REACH,
    ANY_TEXT_SCANS,
    BY_RE,
    DESCRIBED_RE,
    GRANT_WORDS,
    NAME_AFTER_RE,
    NAME_RE,
    ORG_NAME_RE,
    OWNER_REACH,
    QUOTE_BEFORE_RE,
    REPORT_NEAR_RE,
    REPORT_OF_RE,
    REPORT_WORD_RE,
    SAID_RE,
    SAYERS,
    TITLED_NAME_RE,
    ascii_scans,
    clause_heads,
    has_described_hint,
    is_apposition_or_backref,
    number_between,
    plain_words,
    text_words,
)
from .clause_scans import SpanScans
from .persons import Persons, alias_surnames, plausible


class Entity(NamedTuple):  # a tuple: made for every name found, several times a clause
    start: int
    end: int
    name: str  # canonical
    backref: bool = False


class ClaimantIndex(Persons):
    """The named sources of one document, to attribute its figures. Names are looked for only
    in the clauses that hold figures; the whole text is read only to resolve a back-reference."""

    def __init__(
        self, folded: str, lower: str, word_bytes: bytes, alias_key: tuple, plain: bool = False
    ) -> None:
        self.text, self.lower, self.word_bytes = folded, lower, word_bytes  # scanner.word_bytes
        self.loose, self.exact, self.lookup = alias_patterns(alias_key)
        self.scans = ANY_TEXT_SCANS
        if plain:  # plain ASCII (patterns.is_plain_ascii), as nearly all folded news is
            self.loose, self.exact = ascii_alias_patterns(alias_key)
            self.scans = ascii_scans()
        self._in_lower = SpanScans(lower, self.word_bytes)
        # a short text's heads of the clause scans and its words of text_words, found at once
        found = self._in_lower.find_heads(clause_heads(alias_key, plain))
        # the acronyms are looked for on the folded text (the same words, the same offsets:
        # the same heads), unless a short text holds none of their heads (most hold none)
        self._in_text = (
            SpanScans(folded, self.word_bytes, same_words=self._in_lower)
            if found is None or found[ACRONYM_SCAN]
            else None
        )
        self.surnames = alias_surnames(alias_key)
        self.canonical = canonical_names(alias_key)  # built once per alias table, not per text
        self._org_index: tuple[list[int], list[str]] | None = None
        self._by_clause: dict[tuple[int, int], tuple[list, list]] = {}
        self._roles: dict[str, str | None] = {}  # folded surname -> the body they speak for
        self.words = text_words(lower, found)  # what no clause needs looking for

    def is_canonical(self, name: str) -> bool:
        """Whether `name` is a name of the alias table (written as the table writes it)."""
        return name in self.canonical

    def _named(self, start: int, end: int) -> list[Entity]:
        found = [
            Entity(m.start(), m.end(), self.lookup[m[0]])
            for m in self._in_lower.find(self.loose, start, end)
        ]
        acronyms = self._in_text.find(self.exact, start, end) if self._in_text else None
        if not acronyms:  # (most texts): the matches of one scan are in order, none overlaps
            return found
        found += [Entity(m.start(), m.end(), self.lookup[m[0].lower()]) for m in acronyms]
        return longest_first(found)

    def between(self, start: int, end: int) -> list[Entity]:
        """The sources named in text[start:end], back-references resolved, in order."""
        named = self._named(start, end)
        backrefs = self._in_lower.find(self.scans.backref, start, end)
        if not backrefs:
            return named  # (_named's are in order already: most clauses have no backref)
        named_starts = {e.start for e in named}
        for match in backrefs:
            if match.end() + 1 in named_starts or match.end() in named_starts:
                continue  # 'the NGO Foro Penal': an apposition, not a back-reference
            apposed = ORG_NAME_RE.match(self.text, match.end() + 1, end)
            if apposed and self.text[match.end() : match.end() + 1] == " ":
                # 'la ONG Coalición por los Derechos Humanos' (unless a known name is there)
                known = any(e.start < apposed.end() and e.end > match.start() for e in named)
                name = None if known else plausible(apposed[0].rstrip(".,;:"))
                if known or name:
                    if name:
                        named.append(Entity(match.start(), apposed.end(), name))
                    continue
            name = self._organisation_before(match.start())
            if name:
                named.append(Entity(match.start(), match.end(), name, backref=True))
        if len(named) < 2:
            return named  # (one back-reference and no name: nothing to put in order)
        return sorted(named, key=lambda e: e.start)

    def _organisation_before(self, offset: int) -> str | None:
        if self._org_index is None:
            orgs = [e for e in self._named(0, len(self.text)) if e.name not in OFFICIAL]
            self._org_index = ([e.start for e in orgs], [e.name for e in orgs])
        starts, names = self._org_index
        earlier = bisect.bisect_left(starts, offset)
        if earlier:
            return names[earlier - 1]
        # 'La ONG documentó 95 casos' before the text names it: the first named after
        return names[0] if names else None

    def claimant(self, clause: tuple[int, int], offset: int) -> str | None:
        """The claimant stated in a clause for the figure at `offset`, or None."""
        if clause not in self._by_clause:
            self._by_clause[clause] = self._candidates(clause)
        agent = self._agent_near(clause, offset) if self.words.agent else None
        if agent:
            return agent
        stated, granting, _ = self._by_clause[clause]
        candidates = stated or granting  # who says it outranks who did it
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0][1]  # the nearest of one: no distances to compare
        return min(candidates, key=lambda c: abs(c[0] - offset))[1]

    def names_a_source(self, span: tuple[int, int]) -> bool:
        """Whether claimant(span, span[1]) names a source (is not None). A source that says
        ('according to X', 'X said') is the most common: one found makes the answer without
        all the looks of _candidates for the others."""
        if span not in self._by_clause:
            start, end = span
            according = self._in_lower.find(self.scans.according, start, end)
            reporting = self._in_lower.find(self.scans.report, start, end)
            entities = self.between(start, end) if according or reporting else []
            for match in according:
                if self._named_at(entities, match.end(), end):
                    return True
            for match in reporting:  # its subject ('X said') or the name after it ('said X')
                if self._subject_of(entities, start, match) or self._inverted(entities, match, end):
                    return True
        return self.claimant(span, span[1]) is not None

    def _agent_near(self, clause: tuple[int, int], offset: int) -> str | None:
        """The agent of the figure at `offset`: named just after it ('los 228 señalados por
        Ortega', no other number between) or just before it ('dado por Sosa –«121 ...»')."""
        start = max(clause[0], offset - AGENT_REACH // 2)
        end = min(clause[1], offset + AGENT_REACH + 40)
        window = self.lower[start:end]
        if " por " not in window and " by " not in window:  # a cheap test first
            return None
        for match in self.scans.agent.finditer(self.lower, start, end):
            at = match.start()
            after = 0 < at - offset < AGENT_REACH
            if (after and not number_between(self.lower, offset, at)) or (
                0 < offset - at < AGENT_REACH // 2
            ):
                entities = self.between(match.end(), min(clause[1], match.end() + 60))
                return self._named_at(entities, match.end(), clause[1], account=False)
        return None

    def official_acts(self, clause: tuple[int, int]) -> bool:
        """Whether an official body acts in the clause ('the government released 40'): the
        figure is then the outlet's account of the act, not the body's statement."""
        if clause not in self._by_clause:
            self._by_clause[clause] = self._candidates(clause)
        return bool(self._by_clause[clause][2])

    def _candidates(self, clause: tuple[int, int]) -> tuple[list, list, list]:
        """(sources that state a figure, official bodies that grant it, official bodies that
        free or arrest) in a clause."""
        start, end = clause
        lower = self.lower
        scans, find = self.scans, self._in_lower.find
        according = find(scans.according, start, end)
        reporting = find(scans.report, start, end)
        grants, acts = [], []
        for verb in find(scans.official_verb, start, end):
            (grants if verb[0] in GRANT_WORDS else acts).append(verb)
        # the names are looked up only where a verb or an 'according to' can use them
        looked_for = according or reporting or grants or acts
        entities = self.between(start, end) if looked_for else []
        found = []
        for match in according:
            name = self._named_at(entities, match.end(), end)
            if name:
                found.append((match.start(), name))
        for match in reporting:
            name = self._subject_of(entities, start, match) or self._inverted(entities, match, end)
            if name:
                found.append((match.start(), name))
        described = self.words.described and has_described_hint(lower[start:end])
        for match in DESCRIBED_RE.finditer(self.lower, start, end) if described else ():
            if is_apposition_or_backref(self.text, match.start(), match.end()):
                continue
            if match[0].endswith(SAYERS) and not self._says_a_count(match.end() + 1):
                continue  # 'the opposition denounced fraud' states no figure
            near = (max(start, match.start() - 40), min(end, match.end() + 40))
            if scans.report.search(self.lower, *near) or REPORT_NEAR_RE.search(self.lower, *near):
                found.append((match.start(), self.text[match.start() : match.end()]))
        for match in self._reports_of(start, end) if self.words.report else ():
            name = (match["owner"] or match["author"]).strip()
            known = self.between(match.start(), match.end())
            found.append((match.start(), known[0].name if known else plausible(name)))
        found = [(at, name) for at, name in found if name]
        return (
            found,
            self._officials(entities, start, grants) if grants else [],
            self._officials(entities, start, acts) if acts else [],
        )

    def _officials(self, entities, start: int, verbs) -> list:
        """The official bodies that are the subject of these verbs."""
        found = []
        for match in verbs:
            name = self._subject_of(entities, start, match, fallback=False)
            if name in OFFICIAL:
                found.append((match.start(), name))
        return found

    def _says_a_count(self, at: int) -> bool:
        """'... says about 300', 'dice que', 'warned that': a verb of saying and what is said."""
        verb = self.scans.report.match(self.lower, at)
        return bool(verb and SAID_RE.match(self.lower, verb.end()))

    def _reports_of(self, start: int, end: int):
        """'Memorial's previous list', 'a report by X': looked for only around the words
        report, list, informe... of the clause."""
        seen = -1
        for word in REPORT_WORD_RE.finditer(self.word_bytes, start, end + 2):
            at = word.start()  # the word starts at `at` in the text (one byte more in front)
            window = (max(start, seen, at - OWNER_REACH), min(end, word.end() + 80))
            for match in REPORT_OF_RE.finditer(self.text, *window):
                seen = match.end()
                yield match

    def _named_at(self, entities: list[Entity], at: int, end: int, account=True) -> str | None:
        """The source named right after 'according to' (descriptors like 'the NGO' allowed)."""
        for entity in entities:
            if at <= entity.start <= at + 40 and plain_words(self.text[at : entity.start]):
                return entity.name
        name = NAME_RE.match(self.text, at, end) or TITLED_NAME_RE.match(self.text, at, end)
        if name:
            return plausible(name[0].strip() if name.lastindex is None else name[1])
        # 'según un balance ofrecido este martes por Nicolás Maduro': the account's author
        by = BY_RE.match(self.lower, at, end) if account else None
        return self._named_at(entities, by.end(), end, account=False) if by else None

    def _subject_of(self, entities, clause_start, verb, fallback=True) -> str | None:
        for entity in reversed(entities):
            if entity.end > verb.start():
                continue
            # white space alone always fits (every part of the gap pattern may be left out)
            gap = self.text[entity.end : verb.start()]
            fits = not gap or gap.isspace()
            if not fits:
                fits = self.scans.gap_before_verb.fullmatch(self.text, entity.end, verb.start())
            return entity.name if fits else None
        if not fallback:
            return None
        return self.name_before(clause_start, verb.start())

    def _inverted(self, entities: list[Entity], verb: re.Match[str], end: int) -> str | None:
        """'..., said Foro Penal' / 'dijo la ONG' / '», detalló Himiob'."""
        for entity in entities:
            if verb.end() <= entity.start <= verb.end() + 30:
                if plain_words(self.text[verb.end() : entity.start]):
                    return entity.name
                return None
        name = NAME_AFTER_RE.match(self.text, verb.end(), end)
        if name and QUOTE_BEFORE_RE.search(self.text, max(0, verb.start() - 4), verb.start()):
            return self.person(name[1])
        return None
