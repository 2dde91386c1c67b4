"""People and names as sources: a person as the body they speak for, a name found only by its
capitals (unless it names no one), and which sources are monitors that count prisoners."""

from __future__ import annotations

import re
from functools import lru_cache

from app.text_folding import fold

from .claimant_names import OFFICIAL, builtin_aliases
from .claimant_patterns import NAME_REACH, apposition_tail, aux_tail, name_tail

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


def plausible(name: str) -> str | None:
    """A name found only by its capitals, unless it is a sentence opener or a common noun
    ('Tambien', 'La ONG': a back-reference the text resolves elsewhere)."""
    words = [word.strip(".,;:") for word in name.lower().split()]
    if not words or all(w in _NOT_NAMES for w in words) or words[-1] in _GENERIC_TAIL:
        return None
    if words[0] in _NOT_NAMES and len(words) == 2 and words[1] in _NOT_NAMES:
        return None
    return name


@lru_cache(maxsize=16)
def alias_surnames(alias_key: tuple) -> dict[str, str]:
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


class Persons:
    """ClaimantIndex's (claimants.py) look at people: who a person speaks for, a surname's full
    name, the name that ends before a reporting verb. Its role cache (`_roles`) and alias
    surnames (`surnames`) are the index's."""

    def person(self, name: str) -> str | None:
        """A person by name, as the body they speak for when the text ties them to one
        ('Pavel Sapelko of the Viasna rights group', 'Marta Valiñas, president of the Mission')
        or the alias table knows their surname ('Himiob' -> Foro Penal); else as named."""
        name = name.rstrip(".,;:")
        surname = fold(name.split()[-1]).lower()
        return self.role(surname) or self.surnames.get(surname) or plausible(name)

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
                        known[0].name if known else plausible(match["body"].strip())
                    )
                at = self.lower.find(surname, end)
        return self._roles[surname]

    def _full_name(self, surname: str, before: int) -> str | None:
        """The full name an earlier sentence gave this surname ('Delcy Rodríguez'), if any."""
        if len(surname) < 4 or not surname[0].isupper():
            return None
        pattern = re.compile(rf"\b[A-Z][\w'-]+ (?:[A-Z][\w'-]+ )?{re.escape(surname)}\b")
        found = pattern.search(self.text, 0, before)
        return found[0] if found else None

    def name_before(self, clause_start: int, verb_start: int) -> str | None:
        """The source named by the name that ends right before a reporting verb in its clause
        ('Foro Penal said', 'Romero said': the body he speaks for), if any."""
        # the name ends right before the verb (or its auxiliary: 'Maduro ha confirmado'); both
        # patterns end in '$', so only the text just before the verb is searched
        near = max(clause_start, verb_start - NAME_REACH)
        aux = aux_tail(self.text, near, verb_start)
        end = aux.start() if aux else verb_start
        # 'Jorge Arreaza, presidente de la comisión especial para ..., indicó': past a long
        # apposition between commas
        apposition = apposition_tail(self.text, max(clause_start, end - 240), end)
        if apposition:
            end = apposition.start()
        name = name_tail(self.text, max(clause_start, end - NAME_REACH), end)
        if name is None:
            return None
        surname = fold(name[1].split()[-1]).lower()
        known = self.role(surname) or self.surnames.get(surname)
        if known or name.start() > clause_start + 1 or " " in name[1].strip():
            return known or plausible(name[1].strip())  # 'Romero said': Foro Penal
        # 'Rodríguez habló el viernes de 626': a surname the text gave in full before
        return self._full_name(name[1].strip(), name.start())
