"""The patterns ClaimantIndex looks for sources with (reporting and official verbs, 'according
to', agents, report owners, names by their capitals, described sources) and small tests of the
text between a figure, a verb and a name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .claimant_names import alias_patterns, ascii_alias_patterns
from .clause_scans import HeadScan
from .patterns import ascii_twin, word_trie

BACKREF_RE = re.compile(
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
    r"|dijeron|senalaron|informaron|denunciaron|afirmaron|indicaron|aseguraron|reportaron"
    r"|registraron|contabilizaron|documentaron|estimaron|precisaron|detallaron|explicaron"
    r"|advirtieron|alertaron|confirmaron|anunciaron|revelaron|destacaron|agregaron|anadieron"
)
# An official body that grants an amnesty or a pardon states its count by the act itself
# ('authorities granted amnesty to 379'); one that frees or arrests people is the subject of
# the outlet's account, not its source ('the government has released another 40').
_GRANT = (
    r"granted|grants|grant|approved|approves|approve|pardoned|pardons|otorgo|otorgaron|otorga"
    r"|concedio|concede|aprobo|aprueba|indulto|indulta|amnistio"
)
_ACT = (
    r"released|releases|freed|frees|arrested|detained|excarcelo|excarcelaron|excarcela|libero"
    r"|liberaron|detuvo|detuvieron|arresto|ha excarcelado|han excarcelado|has excarcelado"
)
REPORT_RE = re.compile(rf"\b{word_trie(_REPORT.split('|'))}\b")  # on lower-cased text
GRANT_WORDS = frozenset(_GRANT.split("|"))
OFFICIAL_VERB_RE = re.compile(rf"\b{word_trie([*GRANT_WORDS, *_ACT.split('|')])}\b")
GAP_BEFORE_VERB_RE = re.compile(  # an apposition may stand between: "X, the minister, said"
    r"(?: (?:human )?rights group| group| organi[sz]ation| ngo)?\)?(?:\s*\([^()]{1,40}\))?"
    r"(?:\s*,[^,.;]{1,80},|\s*,)?\s*(?:(?:in|of|de|en) [A-Z]\w+\s+)?"
    r"(?:[a-z]+(?:anos?|anas?|enses?|inos?|inas?)\s+)?"  # 'el Gobierno cubano ha informado'
    r"(?:(?:has|have|had|also|previously|now|already|recently|earlier|again"
    r"|ha|han|habia|habian|tambien|ya|hoy|ayer|had earlier"
    r"|on \w+day|this week|last week|este \w+|el \w+)\s+)*",
    re.IGNORECASE,
)
# A cheap test before looking for a report's author.
# On the word bytes of the text (scanner.word_bytes): ' s ' is the "'s" of "Memorial's list".
_REPORT_WORDS = (
    "s|report|list|count|tally|data|figures|update|informe|lista|listado|balance|conteo"
    "|registro|reporte|cifras|datos"
)
REPORT_WORD_RE = re.compile(f" {word_trie(_REPORT_WORDS.split('|'))} ".encode("ascii"))
OWNER_REACH = 60  # "Hong Kong Democracy Council's list": how far before 'list' a name starts
DESCRIBED_HINTS = ("rights", "derechos humanos", "presidency", "presidential office",
                    "president's office", "opposition", "oposicion", "critics",
                    "criticos")  # fmt: skip


def has_described_hint(segment: str) -> bool:
    """Whether a word that a described source needs stands in the segment (a few substring
    tests in a loop cost half of one regex search for them all, or of any() over them)."""
    for hint in DESCRIBED_HINTS:  # noqa: SIM110 (any() and its generator cost twice as much)
        if hint in segment:
            return True
    return False


class TextWords(NamedTuple):
    """Whether the words some clause scans need stand anywhere in the text: a clause holds
    a report word ('list', 'informe'), a described source's word ('rights') or an agent's
    ' by ' / ' por ' only if its text does, and most short news items hold none."""

    report: bool
    described: bool
    agent: bool


_ALL_WORDS = TextWords(report=True, described=True, agent=True)


# The report words and the described sources' words as heads of a HeadScan (as they start
# words in word bytes): a described source's words start words (DESCRIBED_RE: after '\b' or
# white space), as does 'rights' in 'human rights'.
_REPORT_WORD_HEADS = frozenset(f"{word} " for word in _REPORT_WORDS.split("|"))
_DESCRIBED_HEADS = frozenset(re.sub(r"\W", " ", hint) for hint in DESCRIBED_HINTS)


def text_words(lower: str, found: list | None) -> TextWords:
    """The TextWords of a lower-cased text, from where the clause_heads' report and described
    words stand in it (None for a long text: it is not tested, all True: it holds most of
    the words, and its clause scans are cheaper than tests of all of it)."""
    if found is None:
        return _ALL_WORDS
    report, described = found[-2:]
    return TextWords(
        report=bool(report), described=bool(described), agent=" por " in lower or " by " in lower
    )


SAYERS = ("opposition", "oposicion", "critics", "criticos")  # sources only when they say
SAID_RE = re.compile(r"\s+(?:that|que|about|around|some|more|over|at least|unos|unas|mas|\d)")
REPORT_NEAR_RE = re.compile(
    r"\b(?:said|says|say|reported|reports|according to|segun|told|estimates|estimated|dijo|dicen"
    r"|denuncian|denunciaron|estiman|afirman|aseguran|counted|documented|recorded)\b"
)
NAME_REACH = 90  # the longest name looked for before a verb, in characters
_APPOSITION_TAIL_RE = re.compile(r",[^,.;\"()]{20,220},\s*$")
_AUX_WORDS = ("has", "have", "had", "also", "ha", "han", "habia", "habian", "tambien", "ya",
              "previously", "earlier")  # fmt: skip
_AUX_TAIL_RE = re.compile(rf"(?:\s+(?:{'|'.join(_AUX_WORDS)}))+\s*$")


# Both patterns end in '\s*$' after a known word or character: they are searched only if the
# text searched ends so (a test at C speed instead of a search from every place of it).
def aux_tail(text: str, start: int, end: int) -> re.Match[str] | None:
    """The auxiliaries that end text[start:end] ('ha', 'has also'), if any."""
    if not text[start:end].rstrip().endswith(_AUX_WORDS):
        return None
    return _AUX_TAIL_RE.search(text, start, end)


def apposition_tail(text: str, start: int, end: int) -> re.Match[str] | None:
    """The apposition between commas that ends text[start:end], if any."""
    if not text[start:end].rstrip().endswith(","):
        return None
    return _APPOSITION_TAIL_RE.search(text, start, end)


ACCORDING_RE = re.compile(
    r"\b(?:according to|as reported by|citing|segun|de acuerdo con|de acuerdo a|conforme a"
    r"|data from|figures from|figures by|datos de|cifras de)\s+",
)
# The agent of the figure just before: 'los 228 señalados por Ortega', '127 excarcelados dado
# por Sosa', 'los 50 nombres confirmados hasta el viernes por la organización X'
AGENT_RE = re.compile(
    r"\b(?:given by|dad[oa]s? por|senalad[oa]s? por|cited by|citad[oa]s? por|(?:confirmed"
    r"|verified|documented|recorded|registered|counted|confirmad[oa]s|verificad[oa]s"
    r"|documentad[oa]s|registrad[oa]s|contabilizad[oa]s)(?: [^,.;]{0,30}?)? (?:by|por))\s+"
)
AGENT_REACH = 60  # how far after a figure's start its agent may stand
_DIGIT_RE = re.compile(r"\d")
NAME_RE = re.compile(
    r"(?:(?:the|el|la|los|las) )?"
    r"(?:[A-Z][\w'.-]*(?: (?:de|del|la|of|for|the|y|and|on))?\s+){0,5}[A-Z][\w'.-]*"
)
ORG_NAME_RE = re.compile(  # 'Coalición por los Derechos Humanos y la Democracia'
    r"[A-Z][\w'.-]*(?:\s+(?:(?:de|del|la|las|los|por|para|of|for|the|y|and|on)\s+)*"
    r"[A-Z][\w'.-]*){0,6}"
)
_NAME_BEFORE_RE = re.compile(
    r"(?<![\w])((?:[A-Z][\w'.-]*\s+(?:(?:de|del|la|of|for|the|y|and|on)\s+)?){0,5}[A-Z][\w'.-]*)"
    r"(?:\s*\([A-Z][A-Za-z]{1,8}\))?\s*$"
)


def name_tail(text: str, start: int, end: int) -> re.Match[str] | None:
    """The name (group 1) that ends text[start:end], if any ('Alfredo Romero', 'Foro Penal
    (FP)'). Its last word starts with a capital, in the last word there (or a bracket ends
    it): a search from every place of the text before a verb only if that word has one."""
    tail = text[start:end].rstrip()
    if not tail.endswith(")") and tail[tail.rfind(" ") + 1 :].islower():
        return None  # (islower: no capital, and at least one letter)
    return _NAME_BEFORE_RE.search(text, start, end)


# 'a local rights group said', 'according to a prominent human rights group': a described source
DESCRIBED_RE = re.compile(
    r"\b(?!(?:the|this|that|its|their)\s)(?:(?:a|an|two|several|other|many)\s+)?"
    r"(?:[a-z]+\s+){0,2}?(?:human )?rights (?:groups?|organi[sz]ations?|monitors?|activists"
    r"|defenders)\b|\b(?:organizaciones|ong|oeneges) (?:de|defensoras de) (?:los )?derechos"
    r" humanos\b|\b(?:the )?(?:presidency|presidential office|president's office)\b"
    r"|\b(?:the opposition|la oposicion|critics|los criticos)\b"
)  # on lower-cased text
# "Memorial's previous list", 'a report by Hong Kong Democracy Council', 'el informe de
# Prisoners Defenders': the source of a report or a list
REPORT_OF_RE = re.compile(
    r"(?P<owner>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*|the junta|the government)['’]s\s+"
    r"(?:\w+\s+)?(?:list|report|count|tally|data|figures|records|database|update|pledge"
    r"|promise|announcement|plan|decree)\b"
    r"|\b(?:report|list|count|tally|data|figures|update|informe|lista|listado|balance|conteo"
    r"|registro|reporte|cifras|datos)\s+(?:\w+\s+){0,4}?(?:by|of|from|de|del)\s+"
    r"(?P<author>(?:(?:the|la|el) )?"
    r"(?:[A-Z][\w.-]*\s+(?:(?:de|del|la|of|for|the|y|and|on)\s+)?){0,5}[A-Z][\w.-]*)"
)

_CAPITAL_NEXT_RE = re.compile(r",? [A-Z]")
# '«...», detalló Himiob': a capitalised name right after the reporting verb that ends a quote.
# 'el dictador Daniel Ortega', 'the special envoy Richard Grenell': a title before a name
TITLED_NAME_RE = re.compile(  # a full name: two words in capitals or more
    r"(?:(?:the|el|la|los|las) )?(?:[a-z]+ ){1,3}((?:[A-Z][\w'.-]*\s+){1,3}[A-Z][\w'.-]*)"
)
BY_RE = re.compile(  # on lower-cased text: an account and its author
    r"(?:un|una|el|la|a|an|the)\s+(?:balance|informe|reporte|recuento|conteo|lista|listado"
    r"|comunicado|report|tally|count|list|update|statement)\b[^,.;()]{0,40}?\b(?:por|by|de|del"
    r"|from|of)\s+(?=[a-z]{0,3}\s?\S)"
)
NAME_AFTER_RE = re.compile(r"\s+((?:[A-Z][\w'.-]+\s+){0,2}[A-Z][\w'.-]+)")
QUOTE_BEFORE_RE = re.compile(r"[\"'»”],?\s*$")
_PLAIN_RE = re.compile(r"[\w' -]*")


def number_between(lower: str, offset: int, at: int) -> bool:
    """Whether another number stands after the one at `offset` and before `at` ('a 261, ...
    superior a los 228 señalados por Ortega': Ortega's is the 228)."""
    while offset < at and (lower[offset].isdigit() or lower[offset] in ".,"):
        offset += 1
    return _DIGIT_RE.search(lower, offset, at) is not None


def is_apposition_or_backref(text: str, start: int, end: int) -> bool:
    """'the rights group Provea': a descriptor before a name, or after 'the' a back-reference."""
    before = text[max(0, start - 5) : start].lower()
    return before.endswith(("the ", "this ", "that ")) or bool(_CAPITAL_NEXT_RE.match(text, end))


def plain_words(text: str) -> bool:
    return bool(_PLAIN_RE.fullmatch(text))


class Scans(NamedTuple):
    """The patterns ClaimantIndex scans clauses with, compiled for the text it reads."""

    according: re.Pattern[str]
    report: re.Pattern[str]
    official_verb: re.Pattern[str]
    backref: re.Pattern[str]
    agent: re.Pattern[str]
    gap_before_verb: re.Pattern[str]


ANY_TEXT_SCANS = Scans(
    ACCORDING_RE, REPORT_RE, OFFICIAL_VERB_RE, BACKREF_RE, AGENT_RE, GAP_BEFORE_VERB_RE
)


@lru_cache(maxsize=1)
def ascii_scans() -> Scans:
    """The same scans for plain ASCII text (patterns.is_plain_ascii): nearly all folded news."""
    return Scans(*(ascii_twin(pattern) for pattern in ANY_TEXT_SCANS))


ACRONYM_SCAN = 5  # where clause_heads lists the acronyms' pattern


@lru_cache(maxsize=16)
def clause_heads(alias_key: tuple, plain: bool) -> HeadScan:
    """The word scans of every clause (with the aliases of `alias_key`) and the words of
    text_words, whose heads a short text has found together."""
    scans = ascii_scans() if plain else ANY_TEXT_SCANS
    loose, exact = ascii_alias_patterns(alias_key) if plain else alias_patterns(alias_key)[:2]
    return HeadScan(
        (scans.according, scans.report, scans.official_verb, scans.backref, loose, exact),
        words=(_REPORT_WORD_HEADS, _DESCRIBED_HEADS),
    )
