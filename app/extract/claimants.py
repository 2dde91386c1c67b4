"""Who states a figure: 'according to X', 'X says / estimates / has tallied', 'según X', an
official body that grants or frees, and back-references ('the organisation', 'la ONG') to the
organisation named before. Names are normalised through the alias table."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from app.text_folding import fold

from .claimant_names import OFFICIAL, builtin_aliases
from .patterns import word_trie
from .scanner import word_bytes

_BACKREF_RE = re.compile(
    r"\b(?:the|this|that) (?:(?:human )?rights )?(?:organi[sz]ation|group|ngo|watchdog"
    r"|monitor|platform|observatory)\b|\b(?:la|esta|dicha) (?:ong|organizacion|agrupacion"
    r"|plataforma)\b|\b(?:el|este|dicho) (?:grupo|colectivo|observatorio|organismo)\b"
)  # on lower-cased text
_REPORT = (
    r"says|said|say|estimates|estimated|estimate|reports|reported|report|has tallied|tallied"
    r"|tallies|recorded|records|documented|documents|speaks of|spoke of|mentions|mentioned"
    r"|counts|counted|count|lists|listed|registered|registers|puts|put|confirmed|confirms"
    r"|verified|verifies|announced|announces|stated|states|noted|notes|warned|warns"
    r"|calculates|calculated|tracks|tracked|identified|identifies|claims|claimed|told|tells"
    r"|added|adds|cited|cites|revealed|reveals|dice|dijo|dicen|afirma|afirmo|afirman|estima"
    r"|estimo|estiman|reporta|reporto|reportan|informa|informo|informan|contabiliza"
    r"|contabilizo|contabilizan|registra|registro|registran|documenta|documento|documentan"
    r"|cifra|cifro|cifran|senala|senalo|senalan|indica|indico|indican|denuncia|denuncio"
    r"|denuncian|confirmo|confirma|verifico|verifica|asegura|aseguro|habla de|hablo de"
    r"|menciona|menciono|cuenta|conto|contaba|sostiene|sostuvo|precisa|preciso|detalla|detallo"
    r"|reconoce|reconocio|anuncio|anuncia|declaro|revelo|revela|apunta|apunto|advierte"
    r"|advirtio|calcula|calculo|eleva|elevo|ubica|ubico|shows|show|showed|muestran|muestra"
    r"|registrado|contabilizado|documentado|estimado|reportado|informado|verificado|denunciado"
    r"|cifrado|dicho|afirmado|senalado|confirmado|calculado|publico|publicado"
    r"|denounced|denounces|specified|specifies|explained|explains|pointed out|points out"
    r"|indicated|indicates|detailed|details|informed|informs|highlighted|stressed|observed"
    r"|wrote|writes|tweeted|posted|published|publishes|put the number|puts the number"
    r"|explico|explica|puntualizo|puntualiza|agrego|agrega|anadio|anade|subrayo|subraya"
    r"|destaco|destaca|manifesto|manifiesta|expreso|expresa|comento|comenta|recordo|recuerda"
    r"|insistio|insiste|reseno|resena|alerto|alerta|reitero|reitera|acoto|ha registrado"
    r"|ha contabilizado|ha documentado|ha cifrado|ha denunciado|ha verificado|has recorded"
    r"|has documented|has counted|has registered|has verified|have recorded|have documented"
    r"|identificado|identifico|identifica|ha identificado|has identified|listed|enumero"
    r"|situa|situo|found|finds|shows|showed|lists|recoge|recogio|contabiliza|estimates|hablo"
)
_ACT = (
    r"granted|grants|grant|approved|approves|approve|released|releases|freed|frees|pardoned"
    r"|arrested|detained|excarcelo|excarcelaron|excarcela|libero|liberaron|otorgo|otorgaron"
    r"|otorga|concedio|concede|aprobo|aprueba|indulto|detuvo|detuvieron|arresto|ha excarcelado"
    r"|han excarcelado|has excarcelado"
)
_REPORT_RE = re.compile(rf"\b{word_trie(_REPORT.split('|'))}\b")  # on lower-cased text
_ACT_RE = re.compile(rf"\b{word_trie(_ACT.split('|'))}\b")
_GAP_BEFORE_VERB_RE = re.compile(  # an apposition may stand between: "X, the minister, said"
    r"(?: (?:human )?rights group| group| organi[sz]ation| ngo)?\)?(?:\s*\([^()]{1,40}\))?"
    r"(?:\s*,[^,.;]{1,80},|\s*,)?\s*(?:(?:in|of|de|en) [A-Z]\w+\s+)?"
    r"(?:(?:has|have|had|also|previously|now|already|recently|earlier|again"
    r"|ha|han|habia|habian|tambien|ya|hoy|ayer|had earlier"
    r"|on \w+day|this week|last week|este \w+|el \w+)\s+)*",
    re.IGNORECASE,
)
# A cheap test before looking for a report's author.
# On the word bytes of the text (scanner.word_bytes): ' s ' is the "'s" of "Memorial's list".
_REPORT_WORD_RE = re.compile(
    rb" (?:s|report|list|count|tally|data|figures|update|informe|lista|listado|balance|conteo"
    rb"|registro|reporte|cifras|datos) "
)
_OWNER_REACH = 60  # "Hong Kong Democracy Council's list": how far before 'list' a name starts
_DESCRIBED_HINTS = ("rights", "derechos humanos", "presidency", "presidential office",
                    "president's office")  # fmt: skip
_REPORT_NEAR_RE = re.compile(
    r"\b(?:said|says|say|reported|reports|according to|segun|told|estimates|estimated|dijo|dicen"
    r"|denuncian|denunciaron|estiman|afirman|aseguran|counted|documented|recorded)\b"
)
_NAME_REACH = 90  # the longest name looked for before a verb, in characters
_AUX_TAIL_RE = re.compile(
    r"(?:\s+(?:has|have|had|also|ha|han|habia|habian|tambien|ya|previously|earlier))+\s*$"
)
_ACCORDING_RE = re.compile(
    r"\b(?:according to|as reported by|citing|segun|de acuerdo con|de acuerdo a|conforme a"
    r"|data from|figures from|figures by|datos de|cifras de)\s+",
)
_NAME_RE = re.compile(
    r"(?:(?:the|el|la|los|las) )?"
    r"(?:[A-Z][\w'.-]*(?: (?:de|del|la|of|for|the|y|and|on))?\s+){0,5}[A-Z][\w'.-]*"
)
_NAME_BEFORE_RE = re.compile(
    r"(?<![\w])((?:[A-Z][\w'.-]*\s+(?:(?:de|del|la|of|for|the|y|and|on)\s+)?){0,5}[A-Z][\w'.-]*)"
    r"(?:\s*\([A-Z][A-Za-z]{1,8}\))?\s*$"
)
# 'a local rights group said', 'according to a prominent human rights group': a described source
_DESCRIBED_RE = re.compile(
    r"\b(?!(?:the|this|that|its|their)\s)(?:(?:a|an|two|several|other|many)\s+)?"
    r"(?:[a-z]+\s+){0,2}?(?:human )?rights (?:groups?|organi[sz]ations?|monitors?|activists"
    r"|defenders)\b|\b(?:organizaciones|ong|oeneges) (?:de|defensoras de) (?:los )?derechos"
    r" humanos\b|\b(?:the )?(?:presidency|presidential office|president's office)\b"
)  # on lower-cased text
# "Memorial's previous list", 'a report by Hong Kong Democracy Council', 'el informe de
# Prisoners Defenders': the source of a report or a list
_REPORT_OF_RE = re.compile(
    r"(?P<owner>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)'s\s+(?:\w+\s+)?(?:list|report|count|tally"
    r"|data|figures|records|database|update)\b"
    r"|\b(?:report|list|count|tally|data|figures|update|informe|lista|listado|balance|conteo"
    r"|registro|reporte|cifras|datos)\s+(?:\w+\s+){0,4}?(?:by|of|from|de|del)\s+"
    r"(?P<author>(?:(?:the|la|el) )?"
    r"(?:[A-Z][\w.-]*\s+(?:(?:de|del|la|of|for|the|y|and|on)\s+)?){0,5}[A-Z][\w.-]*)"
)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    name: str  # canonical
    backref: bool = False


class ClaimantIndex:
    """The named sources of one document, to attribute its figures. Names are looked for only
    in the clauses that hold figures; the whole text is read only to resolve a back-reference."""

    def __init__(self, folded: str, lower: str, alias_key: tuple) -> None:
        self.text, self.lower = folded, lower
        self.loose, self.exact, self.lookup = _alias_pattern(alias_key)
        self.surnames = _surnames(alias_key)
        self._org_index: tuple[list[int], list[str]] | None = None
        self._by_clause: dict[tuple[int, int], tuple[list, list]] = {}
        self._roles: dict[str, str | None] = {}  # folded surname -> the body they speak for

    def _named(self, start: int, end: int) -> list[Entity]:
        found = [
            Entity(m.start(), m.end(), self.lookup[m[0]])
            for m in self.loose.finditer(self.lower, start, end)
        ]
        found += [
            Entity(m.start(), m.end(), self.lookup[m[0].lower()])
            for m in self.exact.finditer(self.text, start, end)
        ]
        return _longest_first(found)

    def between(self, start: int, end: int) -> list[Entity]:
        """The sources named in text[start:end], back-references resolved, in order."""
        named = self._named(start, end)
        named_starts = {e.start for e in named}
        for match in _BACKREF_RE.finditer(self.lower, start, end):
            if match.end() + 1 in named_starts or match.end() in named_starts:
                continue  # 'the NGO Foro Penal': an apposition, not a back-reference
            name = self._organisation_before(match.start())
            if name:
                named.append(Entity(match.start(), match.end(), name, backref=True))
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
        stated, acting = self._by_clause[clause]
        candidates = stated or acting  # who says it outranks who did it
        if not candidates:
            return None
        return min(candidates, key=lambda c: abs(c[0] - offset))[1]

    def _candidates(self, clause: tuple[int, int]) -> tuple[list, list]:
        """(sources that state a figure, official bodies that act on it) in a clause."""
        start, end = clause
        lower = self.lower
        according = list(_ACCORDING_RE.finditer(lower, start, end))
        reporting = list(_REPORT_RE.finditer(lower, start, end))
        acts = list(_ACT_RE.finditer(lower, start, end))
        # the names are looked up only where a verb or an 'according to' can use them
        entities = self.between(start, end) if according or reporting or acts else []
        found, acting = [], []
        for match in according:
            name = self._named_at(entities, match.end(), end)
            if name:
                found.append((match.start(), name))
        for match in reporting:
            name = self._subject_of(entities, start, match) or self._inverted(entities, match, end)
            if name:
                found.append((match.start(), name))
        segment = self.lower[start:end]
        described = any(word in segment for word in _DESCRIBED_HINTS)
        for match in _DESCRIBED_RE.finditer(self.lower, start, end) if described else ():
            if _is_apposition_or_backref(self.text, match.start(), match.end()):
                continue
            near = (max(start, match.start() - 40), min(end, match.end() + 40))
            if _REPORT_RE.search(self.lower, *near) or _REPORT_NEAR_RE.search(self.lower, *near):
                found.append((match.start(), self.text[match.start() : match.end()]))
        for match in self._reports_of(start, end):
            name = (match["owner"] or match["author"]).strip()
            known = self.between(match.start(), match.end())
            found.append((match.start(), known[0].name if known else _plausible(name)))
        found = [(at, name) for at, name in found if name]
        for match in acts:
            name = self._subject_of(entities, start, match, fallback=False)
            if name in OFFICIAL:
                acting.append((match.start(), name))
        return found, acting

    def _reports_of(self, start: int, end: int):
        """'Memorial's previous list', 'a report by X': looked for only around the words
        report, list, informe... of the clause."""
        seen = -1
        for word in _REPORT_WORD_RE.finditer(self.word_bytes, start, end + 2):
            at = word.start()  # the word starts at `at` in the text (one byte more in front)
            window = (max(start, seen, at - _OWNER_REACH), min(end, word.end() + 80))
            for match in _REPORT_OF_RE.finditer(self.text, *window):
                seen = match.end()
                yield match

    def _named_at(self, entities: list[Entity], at: int, end: int) -> str | None:
        """The source named right after 'according to' (descriptors like 'the NGO' allowed)."""
        for entity in entities:
            if at <= entity.start <= at + 40 and _plain_words(self.text[at : entity.start]):
                return entity.name
        name = _NAME_RE.match(self.text, at, end)
        return _plausible(name[0].strip()) if name else None

    def _subject_of(self, entities, clause_start, verb, fallback=True) -> str | None:
        for entity in reversed(entities):
            if entity.end > verb.start():
                continue
            gap = _GAP_BEFORE_VERB_RE.fullmatch(self.text, entity.end, verb.start())
            return entity.name if gap else None
        if not fallback:
            return None
        # the name ends right before the verb (or its auxiliary: 'Maduro ha confirmado'); both
        # patterns end in '$', so only the text just before the verb is searched
        near = max(clause_start, verb.start() - _NAME_REACH)
        aux = _AUX_TAIL_RE.search(self.text, near, verb.start())
        end = aux.start() if aux else verb.start()
        name = _NAME_BEFORE_RE.search(self.text, max(clause_start, end - _NAME_REACH), end)
        if name is None:
            return None
        surname = fold(name[1].split()[-1]).lower()
        known = self.role(surname) or self.surnames.get(surname)
        if known or name.start() > clause_start + 1 or " " in name[1].strip():
            return known or _plausible(name[1].strip())  # 'Romero said': Foro Penal
        return None

    def _inverted(self, entities: list[Entity], verb: re.Match[str], end: int) -> str | None:
        """'..., said Foro Penal' / 'dijo la ONG' / '», detalló Himiob'."""
        for entity in entities:
            if verb.end() <= entity.start <= verb.end() + 30:
                if _plain_words(self.text[verb.end() : entity.start]):
                    return entity.name
                return None
        name = _NAME_AFTER_RE.match(self.text, verb.end(), end)
        if name and _QUOTE_BEFORE_RE.search(self.text, max(0, verb.start() - 4), verb.start()):
            return self.person(name[1])
        return None

    def person(self, name: str) -> str | None:
        """A person by name, as the body they speak for when the text ties them to one
        ('Pavel Sapelko of the Viasna rights group', 'Marta Valiñas, president of the Mission')
        or the alias table knows their surname ('Himiob' -> Foro Penal); else as named."""
        name = name.rstrip(".,;:")
        surname = fold(name.split()[-1]).lower()
        return self.role(surname) or self.surnames.get(surname) or _plausible(name)

    @cached_property
    def word_bytes(self) -> bytes:
        return word_bytes(self.lower)

    def role(self, surname: str) -> str | None:
        """The body the text says a person of this (folded) surname speaks for, looked up
        right after each place the surname stands."""
        if surname not in self._roles:
            self._roles[surname] = None
            at = self.lower.find(surname)
            while at != -1 and self._roles[surname] is None:
                end = at + len(surname)
                match = (
                    _ROLE_AFTER_RE.match(self.text, end)
                    if at == 0 or not self.lower[at - 1].isalnum()
                    else None
                )
                if match:
                    known = self._named(match.start("body"), match.end("body"))
                    self._roles[surname] = (
                        known[0].name if known else _plausible(match["body"].strip())
                    )
                at = self.lower.find(surname, end)
        return self._roles[surname]


def _is_apposition_or_backref(text: str, start: int, end: int) -> bool:
    """'the rights group Provea': a descriptor before a name, or after 'the' a back-reference."""
    before = text[max(0, start - 5) : start].lower()
    return before.endswith(("the ", "this ", "that ")) or bool(_CAPITAL_NEXT_RE.match(text, end))


_CAPITAL_NEXT_RE = re.compile(r",? [A-Z]")


def _longest_first(entities: list[Entity]) -> list[Entity]:
    """Of overlapping names ('UN' inside 'UN experts') keep the longest."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start, e.start - e.end)):
        if kept and entity.start < kept[-1].end:
            continue
        kept.append(entity)
    return kept


# Capitalised words that start sentences or name no one: never a claimant on their own.
_NOT_NAMES = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "they",
        "he",
        "she",
        "it",
        "we",
        "i",
        "a",
        "an",
        "in",
        "on",
        "at",
        "also",
        "but",
        "and",
        "however",
        "ademas",
        "tambien",
        "pero",
        "la",
        "el",
        "los",
        "las",
        "un",
        "una",
        "en",
        "este",
        "esta",
        "estos",
        "estas",
        "ese",
        "esa",
        "eso",
        "ello",
        "ellos",
        "ellas",
        "united",
        "new",
        "national",
        "venezuela",
        "venezuelan",
        "government",
    ]
)
_GENERIC_TAIL = frozenset(
    ["ong", "ngo", "group", "organization", "organisation", "organizacion", "report", "informe"]
)


def _plausible(name: str) -> str | None:
    """A name found only by its capitals, unless it is a sentence opener or a common noun
    ('Tambien', 'La ONG': a back-reference the text resolves elsewhere)."""
    words = [word.strip(".,;:") for word in name.lower().split()]
    if not words or all(w in _NOT_NAMES for w in words) or words[-1] in _GENERIC_TAIL:
        return None
    if words[0] in _NOT_NAMES and len(words) == 2 and words[1] in _NOT_NAMES:
        return None
    return name


# '«...», detalló Himiob': a capitalised name right after the reporting verb that ends a quote.
_NAME_AFTER_RE = re.compile(r"\s+((?:[A-Z][\w'.-]+\s+){0,2}[A-Z][\w'.-]+)")
_QUOTE_BEFORE_RE = re.compile(r"[\"'»”],?\s*$")


@lru_cache(maxsize=16)
def _surnames(alias_key: tuple) -> dict[str, str]:
    """Folded surname -> canonical body, for aliases that are a person's full name and whose
    surname no other alias shares."""
    table = builtin_aliases()
    table.update(dict(alias_key))
    found: dict[str, str | None] = {}
    for alias, name in table.items():
        words = alias.split()
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and alias != name:
            surname = fold(words[-1]).lower()
            found[surname] = name if found.get(surname, name) == name else None
    return {surname: name for surname, name in found.items() if name}


# 'Alfredo Romero, director of Foro Penal', 'Pavel Sapelko of the Viasna rights group',
# 'Gonzalo Himiob, coordinador del Foro Penal': a person and the body they speak for.
# ', director of Foro Penal', ' of the Viasna rights group', ', coordinador del Foro Penal':
# what follows a person's name when the text says which body they speak for.
_ROLE_AFTER_RE = re.compile(
    r",? (?:(?:the |la |el )?(?:\w+ ){0,2}?"
    r"(?:director|directora|president|presidente|presidenta|coordinator|coordinador|coordinadora"
    r"|head|chief|jefe|jefa|founder|fundador|fundadora|spokesman|spokeswoman|spokesperson|portavoz"
    r"|vocero|vocera|member|miembro|lawyer|abogado|abogada|researcher|investigador|investigadora"
    r"|chair|chairman|secretary|secretario|secretaria)\w* )?(?:of|de|del|at|from)"
    r" (?:the |la |el |los )?"
    r"(?P<body>[A-Z][\w'-]*(?: (?:(?:de|del|la|of|for|the|y|and|on) )?[A-Z][\w'-]*){0,5})"
)


_PLAIN_RE = re.compile(r"[\w' -]*")


def _plain_words(text: str) -> bool:
    return bool(_PLAIN_RE.fullmatch(text))


@lru_cache(maxsize=16)
def _alias_pattern(alias_key: tuple) -> tuple[re.Pattern, re.Pattern, dict]:
    """Patterns for aliases in any case (run on lower-cased text) and for acronyms (run on the
    folded text, case-sensitive), and folded lower-case alias -> canonical name."""
    table = builtin_aliases()
    table.update(dict(alias_key))
    lookup: dict[str, str] = {}
    loose, exact = [], []
    for alias, name in table.items():
        folded = fold(alias.strip())
        if not folded:
            continue
        lookup[folded.lower()] = name
        is_acronym = folded.replace(".", "").isupper() and len(folded) <= 5
        (exact if is_acronym else loose).append(folded if is_acronym else folded.lower())
    return _compile(loose), _compile(exact), lookup


def _compile(aliases: list[str]) -> re.Pattern:
    # '\b' before a word character means what '(?<![\w])' does, and the regex engine tests
    # it faster; an alias that starts otherwise (feeds.yaml may add one) needs the lookbehind.
    start = r"\b" if all(re.match(r"\w", alias) for alias in aliases) else r"(?<![\w])"
    return re.compile(rf"{start}{word_trie(aliases) or '(?!)'}(?![\w])")


_MONITOR_WORDS_RE = re.compile(
    r"\b(?:ngo|ong|group|groups|organi[sz]ation|organizacion|council|consejo|committee|comite"
    r"|observatory|observatorio|mecanismo|mechanism|network|red|association|asociacion|centre"
    r"|center|centro|forum|foro|defenders|monitor|platform|plataforma|coalition|coalicion"
    r"|justicia|memorial|viasna|aapp|provea|clippve|amnesty international|human rights watch)\b"
)


def is_monitor(name: str) -> bool:
    """A body that counts prisoners (an NGO, a monitor, a rights group), not an official nor a
    person: its report's figures stay its own through the sentences that follow."""
    return name not in OFFICIAL and bool(_MONITOR_WORDS_RE.search(fold(name).lower()))
