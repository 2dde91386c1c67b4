"""The built-in claimant alias table: how sources are named in the news -> one canonical name.

Canonical names of official sources are bodies and roles ('government', 'authorities',
'interior minister'); the figure's place says whose. feeds.yaml `aliases` extends this table.
Aliases in capitals of five letters or fewer ('UN', 'HRW') match case-sensitively;
`alias_patterns` compiles the table (with feeds.yaml's) into the patterns that find them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.text_folding import fold

from .patterns import ascii_twin, word_trie

# canonical name -> aliases (matched on accent-folded text, any case)
CANONICAL = {
    "Foro Penal": "Foro Penal|Foro Penal Venezolano|Penal Forum|Alfredo Romero|Gonzalo Himiob",
    "interior minister": (
        "interior minister|minister of the interior|minister of interior|interior ministry"
        "|ministry of the interior|ministry of interior|ministro de interior|ministro del interior"
        "|ministro de relaciones interiores|ministerio de interior|ministerio del interior"
        "|Diosdado Cabello"
    ),
    "attorney general": (
        "attorney general|attorney-general|prosecutor general|public prosecutor's office"
        "|public prosecutor|prosecutor's office|prosecutors|fiscal general|fiscalia"
        "|ministerio publico|Tarek William Saab|Tarek William"
    ),
    "UN": (
        "United Nations|UN|U.N.|ONU|Naciones Unidas|OHCHR|UN human rights office"
        "|UN High Commissioner for Human Rights|Volker Turk|fact-finding mission"
        "|UN Working Group on Arbitrary Detention|UN experts|UN expert"
    ),
    "government": (
        "the government|government|the regime|el gobierno|gobierno|el regimen|el ejecutivo"
        "|the kremlin|interim government"
    ),
    "authorities": (
        "authorities|officials|official figures|official data|autoridades|cifras oficiales"
        "|datos oficiales|funcionarios|state media|press service|presidential press service"
        "|medios estatales|police|la policia|policia"
    ),
    "National Assembly": "national assembly|asamblea nacional",
    "junta": "the junta|junta|military junta",
    "Amnesty International": "Amnesty International|Amnistia Internacional",
    "Human Rights Watch": "Human Rights Watch|HRW",
    "IACHR": (
        "IACHR|Inter-American Commission on Human Rights|CIDH"
        "|Comision Interamericana de Derechos Humanos"
    ),
    "Justicia, Encuentro y Perdón": "Justicia, Encuentro y Perdon|JEP|Martha Tineo",
    "Provea": "Provea",
    "Clippve": (
        "Clippve|Comite por la Libertad de los Presos Politicos"
        "|Comite por la Libertad de Presos Politicos"
    ),
    "Viasna": "Viasna|Vyasna|Viasna Human Rights Centre|Spring96",
    "AAPP": "Assistance Association for Political Prisoners|AAPP",
    "Prisoners Defenders": "Prisoners Defenders|Cuban Prisoners Defenders",
    "Justicia 11J": "Justicia 11J",
    "Cubalex": "Cubalex",
    "Mecanismo para el Reconocimiento de Personas Presas Políticas": (
        "Mecanismo para el Reconocimiento de Personas Presas Politicas"
        "|Mechanism for the Recognition of Political Prisoners"
    ),
    "Colectivo Nicaragua Nunca Más": "Colectivo Nicaragua Nunca Mas|Nicaragua Nunca Mas",
    "Memorial": "Memorial",
    "OVD-Info": "OVD-Info",
}

# Official sources: they make a figure theirs also by acting ('authorities granted amnesty to').
OFFICIAL = frozenset(
    {
        "interior minister",
        "attorney general",
        "government",
        "authorities",
        "National Assembly",
        "junta",
    }
)


def builtin_aliases() -> dict[str, str]:
    """alias -> canonical name, from CANONICAL."""
    return {
        alias: name for name, aliases in CANONICAL.items() for alias in aliases.split("|") if alias
    }


@lru_cache(maxsize=16)
def alias_patterns(alias_key: tuple) -> tuple[re.Pattern, re.Pattern, dict]:
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


@lru_cache(maxsize=16)
def canonical_names(alias_key: tuple) -> frozenset[str]:
    """The canonical names of the alias table (feeds.yaml's included), as the table writes them."""
    return frozenset(alias_patterns(alias_key)[2].values())


@lru_cache(maxsize=16)
def ascii_alias_patterns(alias_key: tuple) -> tuple[re.Pattern, re.Pattern]:
    """alias_patterns' two patterns for plain ASCII text (patterns.is_plain_ascii)."""
    loose, exact, _ = alias_patterns(alias_key)
    return ascii_twin(loose), ascii_twin(exact)


def _compile(aliases: list[str]) -> re.Pattern:
    # '\b' before a word character means what '(?<![\w])' does, and the regex engine tests
    # it faster; an alias that starts otherwise (feeds.yaml may add one) needs the lookbehind.
    start = r"\b" if all(re.match(r"\w", alias) for alias in aliases) else r"(?<![\w])"
    return re.compile(rf"{start}{word_trie(aliases) or '(?!)'}(?![\w])")


def longest_first(names: list) -> list:
    """Of overlapping names found in a text (claimants.Entity: a start and an end) keep the
    longest ('UN' inside 'UN experts'), in order."""
    if len(names) < 2:
        return list(names)  # most clauses name one source or none: nothing can overlap
    kept: list = []
    for name in sorted(names, key=lambda e: (e.start, e.start - e.end)):
        if kept and name.start < kept[-1].end:
            continue
        kept.append(name)
    return kept
