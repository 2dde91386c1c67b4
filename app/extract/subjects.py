"""What a number counts: the noun phrase after it ('644 political prisoners'), or the one a
'number of ... stands at N' construction names before it.

Each counted noun has a class that the metric rules read:
- prisoners: people held by definition ('political prisoners', 'detainees', 'presos')
- people: people of any kind, counted only when the clause says what happened to them
- released / amnestied / arrested / cases: events or records counted directly

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text
(patterns.lowered), which keeps the offsets and matches three times faster.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .patterns import word_trie

_NOUNS = {
    "prisoners": (
        "political prisoners|political detainees|prisoners of conscience|political prisoner"
        "|prisoners|prisoner|detainees|captives|hostages|presos politicos|presas politicas"
        "|presos de conciencia|presos|presas|detenidos|detenidas|prisioneros|prisioneras"
        "|privados de libertad|privadas de libertad"
    ),
    "people": (
        "people|persons|individuals|supporters|simpatizantes|seguidores|inmates|reclusos|reos"
        "|others|opponents|opposition members|opposition figures"
        "|activists|dissidents|protesters|protestors|demonstrators|journalists|politicians"
        "|members|soldiers|officers|military officers|servicemen|civilians|students|minors"
        "|children|teenagers|adolescents|women|men|citizens|leaders|lawyers|trade unionists"
        "|unionists|human rights defenders|defenders|priests|clergy|foreigners|nationals"
        "|venezuelans|nicaraguans|cubans|belarusians|belarussians|iranians|russians|burmese"
        "|personas|otros|otras|opositores|opositoras|activistas|disidentes|manifestantes"
        "|periodistas|politicos|militares|civiles|estudiantes|menores|adolescentes|ninos|mujeres"
        "|hombres|ciudadanos|ciudadanas|dirigentes|lideres|abogados|sindicalistas|defensores"
        "|sacerdotes|extranjeros|venezolanos|venezolanas|nicaraguenses|cubanos|cubanas"
        "|bielorrusos|funcionarios|uniformados|jovenes|adults|adultos|varones|military personnel"
        "|personnel|convicts|condenados|americans|estadounidenses|us citizens|execs|executives"
        "|person|persona|citizen|ciudadano|ciudadana|member|miembro|man|woman|hombre|mujer"
        "|adolescent|adolescente|journalist|periodista|activist|activista|convict|condenado"
        "|nationals|executives|workers|trabajadores|indigenas|mayores|lawmakers"
        "|diputados|ninas|ninos|adultos mayores|personas adultas mayores|opposition politicians"
        "|mercenarios|mercenaries|terroristas|terrorists"  # as officials call those they hold
    ),
    "released": (
        "releases|release|precautionary measures|excarcelaciones|excarcelacion|liberaciones"
        "|medidas cautelares|medidas sustitutivas|excarcelados|excarceladas|liberados|liberadas"
        "|freed|released|medidas de libertad"
    ),
    "amnestied": "pardons|amnesties|amnestied|pardoned|indultos|amnistias|amnistiados|indultados",
    "arrested": (
        "arrests|detentions|detenciones|arrestos|capturas|arrestados|arrestadas|arrested|capturados"
        "|arrestees"
    ),
    "cases": "cases|casos",
    "other": (
        "forced disappearances|enforced disappearances|disappearances|desapariciones forzosas"
        "|desapariciones forzadas|desapariciones|deaths in custody|muertes bajo custodia"
        "|applications|requests|solicitudes|peticiones|torture cases"
    ),
}
_NOUN_CLASS = {noun: cls for cls, nouns in _NOUNS.items() for noun in nouns.split("|")}
_NOUN_ALT = word_trie(_NOUN_CLASS)  # prefix-factored: the longest noun is tried first

# Words that may sit between a number and its noun ('644 political prisoners', '300 more
# detainees', '2,000 Venezuelan people'); anything else ends the search.
_MODIFIER = (
    r"(?:other|more|new|further|additional|known|political|civilian|military|female|male"
    r"|young|former|venezuelan|nicaraguan|cuban|belarusian|burmese|opposition|detained"
    r"|imprisoned|jailed|unjustly|arbitrarily|politically|motivated|arbitrary|unlawful|wrongful"
    r"|currently|still|documented|registered|recorded"
    r"|confirmed|verified|total|nuevos|nuevas|mas|otros|otras|[a-z]+-[a-z]+)"
)
# One word of any kind may stand before the noun ('five oil executives'), but not a verb or a
# preposition: '1,676 are men' is a breakdown (context.py), not '1,676 men'.
_FREE_WORD = (
    r"(?!(?:are|were|is|was|be|son|eran|es|fueron|have|has|had|han|de|of|in|en|to|a|from"
    r"|with|con|y|and|that|que)\b)[a-z]+"
)
_AFTER_RE = re.compile(
    r"(?:\s+or more|\s+o mas)?(?:\s+(?:los|las)(?:\s+llamad[oa]s)?)?"
    r"(?:\s+(?:the (?:total )?number of|the total of|la cifra de|el numero de|la cantidad de))?"
    rf"\s*[\"']?(?:{_MODIFIER}\s+){{0,3}}(?:{_FREE_WORD}\s+)??[\"']?(?P<noun>{_NOUN_ALT})\b",
)
# 'the number of political prisoners stands at', 'la cifra de presos politicos asciende a'.
_TOTAL_RE = re.compile(
    r"\b(?:number|figure|count|total|tally|toll|cifra|numero|cantidad|conteo|balance)"
    rf"\s+(?:of|de)\s+(?:the\s+|los\s+|las\s+)?(?P<noun>(?:{_MODIFIER}\s+)?(?:{_NOUN_ALT}))\b"
    # 'the number of people released: more than 14,000', or a verb: 'stands at'
    r"(?:[^.;:]{0,60}?:\s*(?:(?:more than|mas de|over|at least|al menos|about|around|some|nearly"
    r"|casi|unos|unas|cerca de)\s+)?$|"
    r"[^.;:]{0,80}?\b(?:is|was|stands at|stood at|rose to|has risen to|had risen to|reached"
    r"|has reached|climbed to|fell to|dropped to|totals|totalled|totaled|at|es de|era de"
    r"|asciende a|ascendia a|ascendio a|llega a|llego a|alcanza|alcanzo|se ubica en|se situa en"
    r"|suma|sumaba|bajo a|subio a|aumento a|ha aumentado a|se elevo a|se eleva a|se elevaron a"
    r"|elevo a|ascendia|llegaba a|rondaba|quedo en|se mantiene en|era|fue de|en)"
    r"(?:\s+(?:more than|over|at least|about|around|some|nearly|almost|mas de|al menos|casi"
    r"|unos|unas|cerca de))?\s*$)",
)
_OR_MORE_RE = re.compile(r"\s+(?:or more|o mas)\b")


class Subject(NamedTuple):  # a tuple: made for most numbers read
    text: str  # the counted people in the text's words
    noun_class: str  # one of the keys of _NOUNS
    start: int  # where the noun phrase starts and ends in the text
    end: int
    or_more: bool = False  # '600 or more people'
    group: str | None = None  # a breakdown's group ('women'), in the text's words
    part: bool = False  # the number breaks down a total named before it


def subject_after(folded: str, original: str, end: int) -> Subject | None:
    """The counted noun phrase right after a number ending at `end`, if any."""
    match = _AFTER_RE.match(folded, end)
    if not match:
        return None
    or_more = bool(_OR_MORE_RE.match(folded, end))
    phrase_start = _OR_MORE_RE.match(folded, end).end() if or_more else end
    text = original[phrase_start : match.end()].strip()
    noun = match["noun"].lower()
    return Subject(text, _NOUN_CLASS[noun], phrase_start, match.end(), or_more)


def subject_before(folded: str, original: str, clause_start: int, start: int) -> Subject | None:
    """'the number of political prisoners stands at N': the noun phrase named before N."""
    match = _TOTAL_RE.search(folded, clause_start, start)
    if not match:
        return None
    noun_start, noun_end = match.span("noun")
    last_word = folded[noun_start:noun_end].split()[-1].lower()
    noun_class = _NOUN_CLASS.get(last_word) or _NOUN_CLASS.get(
        folded[noun_start:noun_end].lower(), "people"
    )
    return Subject(original[noun_start:noun_end], noun_class, noun_start, noun_end)
