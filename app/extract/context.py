"""Numbers with no counted noun of their own, read from the sentence around them.

Real articles break a total down ('1,658 are men and 245 are women', '287 de los encarcelados
son hombres', 'Aragua con 107', 'civiles (638)', 'six of them') and carry a count on from
the sentence before ('entre esas 700 personas, 47 son estudiantes'). Such a number is a figure
when the text ties it to people; what it counts comes from the total it breaks down, else from
the nearest word of detention, release or amnesty in its sentence (metric_cues.py).

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text.
"""

from __future__ import annotations

import re

from .subjects import _NOUN_ALT, _NOUN_CLASS, Subject

# 'N are women', 'N son estudiantes', 'N were reported to be men', 'N de ellos son mujeres'.
_ARE_GROUP_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:of them|of whom|de ellos|de ellas|de los cuales|de las cuales)\s*,?\s*)?"
    r"(?:are|were|was|is|son|eran|es|fueron|remain)\s+"
    r"(?:(?:reported to be|said to be|considered|also|now|currently|mostly|en su mayoria"
    r"|de nacionalidad|de|from|citizens of)\s+)?"
    rf"(?P<group>{_NOUN_ALT}|[a-z]+)\b"
)
# 'N de los encarcelados', 'N of the detainees', 'N of them', 'N de ellas'.
_OF_THE_RE = re.compile(
    r"\s+(?:(?:of|de|among)\s+(?:the|los|las|esos|esas|estos|estas|those|these|them|whom|ellos"
    r"|ellas)\b)(?:\s+(?:\w+\s+){0,2}?(?P<noun>" + _NOUN_ALT + r"))?"
)
# 'Aragua con 107', 'la del Distrito Capital ..., con 241'.
_WITH_BEFORE_RE = re.compile(r"(?P<group>[A-Z]\w+(?: [A-Z]\w+)*)[^.;A-Z]{0,30}?\bcon\s+$")
# 'civiles (638)'
_PAREN_BEFORE_RE = re.compile(
    r"(?:\b(?:y|e|and|or|o)\s+)?(?P<group>\b(?!(?:y|e|and|or|o)\b)[a-z]+(?: [a-z]+)?)\s*\(\s*$"
)
# 'una disminución de 86', 'a drop of 15', 'se redujo en 11', 'one fewer than': the change
# between two reports, a related count of its own.
CHANGE_BEFORE_RE = re.compile(  # (searched in the text just before the number)
    r"\b(?:drop|fall|decrease|decline|reduction|increase|rise|jump|disminucion|reduccion"
    r"|caida|aumento|incremento|descenso|alza|baja) (?:of|de)\s*$"
    r"|\b(?:se redujo|se redujeron|bajo|bajaron|subio|subieron|aumento|disminuyo|se incremento"
    r"|fell|rose|dropped|decreased|increased) (?:en|by)\s*$"
)
# 'bringing the total since January 8 to 431', 'elevando a 431 el total': a running total.
_RUNNING_TOTAL = (
    r"\b(?:bringing|brings|bring|raising|raises|taking|takes|elevando|eleva|lo que eleva|sumando)"
    r" (?:the|el|la|its|su) (?P<noun>total|tally|count|number|cifra|suma|conteo|balance)"
    r"(?: (?:to date|so far|hasta ahora))?(?: (?:since|desde) [^.;]{1,40}?)? (?:to|a|en)\b"
)
RUNNING_TOTAL_RE = re.compile(_RUNNING_TOTAL)  # searched for after an increment
_RUNNING_TOTAL_BEFORE_RE = re.compile(_RUNNING_TOTAL + r"\s*$")  # right before the total
CHANGE_ENDS = (" of", " de", " en", " by")  # the last words of CHANGE_BEFORE_RE (a cheap test)
_TOTAL_ENDS = (" to", " a", " en")  # ... and of _RUNNING_TOTAL_BEFORE_RE
_CHANGE_AFTER_RE = re.compile(r"\s+(?:fewer|more|less|menos|mas) (?:than|que)\b")
# A word right after the number: '16 women', '13 in Tocorón' (kept for lists only).
_NEXT_WORD_RE = re.compile(r"\s+(?:(?:more|other|otros|otras|mas)\s+)?(?P<word>[a-z]+)")
# Between two numbers of one list: commas, 'and', 'y', a few words.
# Between two numbers of one list: no end of sentence, no other count (a year may stand).
_LIST_GAP_RE = re.compile(r"[^.!?]{0,150}")
_COMPARED_RE = re.compile(r"\b(?:respecto a|respecto de|frente a|compared (?:to|with)|than)\b")
_NUMBER_ITEM_RE = re.compile(r"\d[\d,.]*\s*(?:,|and|y)\s*$")
_LIST_JOIN_RE = re.compile(r",|\band\b|\by\b|\be\b|;|:")
_LINKING_VERBS = frozenset(
    [
        "are",
        "were",
        "is",
        "was",
        "remain",
        "have",
        "has",
        "son",
        "eran",
        "es",
        "fueron",
        "estan",
        "tienen",
        "superan",
        "tenian",
        "permanecen",
        "se",
    ]
)
# '13 in Tocorón', '9 de ellos', 'cuatro por el intento de magnicidio'
_LIST_WORDS = frozenset(
    ["in", "en", "at", "from", "de", "of", "por", "for", "by", "with", "con", "del", "al", "a"]
)
# Nouns of groups that are never a breakdown of people counted here.
_NOT_GROUP = frozenset(
    [
        "years",
        "ano",
        "anos",
        "months",
        "meses",
        "days",
        "dias",
        "times",
        "veces",
        "percent",
        "countries",
        "paises",
        "states",
        "estados",
        "protests",
        "protestas",
        "deaths",
        "muertes",
        "muertos",
        "killed",
        "wounded",
        "heridos",
        "injured",
    ]
)


def bare_subject(lower: str, text: str, start: int, end: int, sentence, previous) -> Subject | None:
    """The counted people of a number at lower[start:end] that has no noun of its own.

    `previous` is the figure just before it in the document (or None); `sentence` its span.
    """
    before = lower[max(sentence[0], start - 90) : start]
    # the patterns searched for before the number end in '\s*$': each needs its last word
    # right there (a test at C speed, instead of a search from every place of `before`)
    tail = before.rstrip()
    changed = tail.endswith(CHANGE_ENDS) and CHANGE_BEFORE_RE.search(before)
    if changed or _CHANGE_AFTER_RE.match(lower, end):
        return Subject("", "other", end, end)  # a change between reports
    total = tail.endswith(_TOTAL_ENDS) and _RUNNING_TOTAL_BEFORE_RE.search(before)
    if total:  # 'bringing the total since January 8 to 431': the running total
        return Subject(total["noun"], "people", end, end)
    group = _ARE_GROUP_RE.match(lower, end, sentence[1])
    if group and _is_group(group["group"]):
        cls = _NOUN_CLASS.get(group["group"], "people")
        return _part(text, group.span("group"), cls)
    of_the = _OF_THE_RE.match(lower, end, sentence[1])
    if of_the:
        span = of_the.span("noun") if of_the["noun"] else of_the.span()
        cls = _NOUN_CLASS.get(of_the["noun"] or "", "people")
        return Subject(text[span[0] : span[1]].strip(), cls, end, of_the.end(), part=True)
    paren = tail.endswith("(") and _PAREN_BEFORE_RE.search(before)
    if paren and lower.startswith(")", _skip_spaces(lower, end)):
        word = paren["group"].split()[-1]
        if word in _NOUN_CLASS:
            at = start - len(before) + paren.start("group")
            return _part(text, (at, at + len(paren["group"])), _NOUN_CLASS[word])
    counted = tail.endswith(_COUNT_ENDS) and _COUNT_VERB_BEFORE_RE.search(before)
    if (
        counted
        or _SINCE_AFTER_RE.match(lower, end)
        or _EVENT_VERB_RE.match(lower, end, sentence[1])
    ):
        # '266 desde el 8 de enero', '27 permanecen detenidos', '1,644 are still awaiting'
        return Subject("", "people", end, end)
    if previous is None or previous.end < sentence[0] - _NEAR:
        return None
    if previous.end > sentence[0]:
        member = _list_member(lower, text, start, end, sentence, previous)
        if member or not (tail.endswith(_ARTICLES) and _ARTICLE_BEFORE_RE.search(before)):
            return member
        # 'superior a los 228 señalados por Ortega': the same count, compared
        return Subject(previous.subject, "people", end, end)
    return _item_after(lower, text, start, end, sentence, previous)


def _item_after(lower, text, start, end, sentence, previous) -> Subject | None:
    """A breakdown that goes on in a sentence of its own: '383 están entre los 22 y 45 años'
    (a bullet after the total), 'De los 95, 93 fueron en el 2020', 'Por regiones, ... con 241'."""
    opens = _skip_bullet(lower, sentence[0]) == start or _PART_OPENING_RE.match(lower, sentence[0])
    word = _NEXT_WORD_RE.match(lower, end, sentence[1])
    if opens and word and word["word"] in _LINKING_VERBS:
        return Subject(previous.subject, "people", start, end, part=True)
    with_before = _with_before(text, max(sentence[0], start - 60), start)
    if with_before:  # 'Por detrás se sitúan Aragua con 107': a place and its count
        at = with_before.start("group")
        return _part(text, (at, at + len(with_before["group"])), "people")
    return None


def _with_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """_WITH_BEFORE_RE in text[start:end], searched only if 'con' ends it (as it must)."""
    if not text[start:end].rstrip().endswith("con"):
        return None
    return _WITH_BEFORE_RE.search(text, start, end)


def _skip_bullet(lower: str, at: int) -> int:
    bullet = _BULLET_RE.match(lower, at)
    return bullet.end() if bullet else at


_NEAR = 600  # how far before a sentence the total of its breakdown may stand
_BULLET_RE = re.compile(r"[\s\-•*·]*")
_ARTICLES = ("los", "las", "the", "those", "esos", "esas")
_ARTICLE_BEFORE_RE = re.compile(rf"\b(?:{'|'.join(_ARTICLES)})\s+$")
# Openings of a sentence that breaks down a count given before it.
_PART_OPENING_RE = re.compile(
    r"[\s\-•*·]*(?:of (?:them|those|these|the|whom)|among (?:them|those|these|the)"
    r"|de (?:ellos|ellas|esos|esas|estos|estas|ese|esa|los|las)|entre (?:ellos|ellas|los|las"
    r"|esos|esas)|del total|por regiones|por estados|por region|by region|by state|in addition"
    r"|ademas|asimismo)\b"
)
# 'Foro Penal counts just over 300', 'cifró en 850': a count verb governs the bare number.
_COUNT_VERB_BEFORE_RE = re.compile(
    r"\b(?:counts|counted|tallies|tallied|puts the (?:number|figure|total) at|put the (?:number"
    r"|figure|total) at|cifra en|cifro en|cifraba en|contabiliza|contabilizo|registra|registro)"
    r"(?:\s+(?:just|some|about|around|over|more than|at least|nearly|almost|unos|unas|mas de"
    r"|al menos|casi|cerca de|poco mas de))*\s*$"
)
_COUNT_ENDS = (  # how a match of _COUNT_VERB_BEFORE_RE ends: a verb, or a word of its amount
    "counts", "counted", "tallies", "tallied", "at", "en", "contabiliza", "contabilizo",
    "registra", "registro", "just", "some", "about", "around", "over", "than", "least",
    "nearly", "almost", "unos", "unas", "de", "menos", "casi",
)  # fmt: skip
_SINCE_AFTER_RE = re.compile(r"\s+(?:desde|since)\b")
# A verb of detention, release or amnesty right after a bare number ('27 permanecen detenidos').
_EVENT_VERB_RE = re.compile(
    r"\s*(?:,[^,.;]{1,60},\s*)?"  # 'otras 179, que estaban en prisión, también han sido'
    r"(?:(?:have|has|had|are|were|was|han|fueron|habian|been|sido|also|already|tambien|ya|todos"
    r"|todas|confirmed|reportedly|verified)\s+){0,3}(?:permanecen|siguen|remain\w*"
    r"|still|(?:still )?(?:in custody|behind bars)|held|detained|jailed|imprisoned|released"
    r"|freed|pardoned|amnestied|arrested"
    r"|excarcelad\w+|liberad\w+|indultad\w+|amnistiad\w+|detenid\w+|arrestad\w+|capturad\w+"
    r"|(?:estan|estaban|quedaron) en libertad|on parole)\b"
)


def _is_group(word: str) -> bool:
    """A noun naming people ('women', 'civiles'), not a verb ('arrested') nor a unit."""
    if word in _NOUN_CLASS or f"{word}s" in _NOUN_CLASS:  # 'one adolescent'
        return True
    return word.endswith("s") and not _PARTICIPLE_RE.search(word) and word not in _NOT_GROUP


_PARTICIPLE_RE = re.compile(r"(?:ed|ados|adas|idos|idas|ing|ly)$|^(?:still|also|now|all|not)$")


def listed_after(lower: str, previous_end: int, start: int) -> bool:
    """The number at `start` continues a list after a number ending at `previous_end`."""
    gap = lower[previous_end:start]
    if _NUMBER_ITEM_RE.search(gap):
        return False  # 'aged 36, 43': the item before is a number that is no count
    if _COMPARED_RE.search(gap):
        return False  # 'se redujo en 11, respecto a los 320': an earlier count compared
    return bool(_LIST_GAP_RE.fullmatch(gap) and _LIST_JOIN_RE.search(gap + " "))


def _list_member(lower, text, start, end, sentence, previous) -> Subject | None:
    """'1,636 are civilians and 157 are military', 'Aragua con 107, Miranda con 88',
    '260 were men, 16 women, and one adolescent': a number listed after a figure."""
    if not listed_after(lower, previous.end, start):
        return None
    with_before = _with_before(text, max(sentence[0], start - 60), start)
    if with_before and with_before["group"]:
        at = with_before.start("group")
        return _part(text, (at, at + len(with_before["group"])), "people")
    word = _NEXT_WORD_RE.match(lower, end, sentence[1])
    if word and word["word"] in _LINKING_VERBS:  # 'six are from Georgia', 'nine were older'
        return Subject(previous.subject, "people", start, end, part=True)
    if word and _is_group(word["word"]):
        return _part(text, word.span("word"), _NOUN_CLASS.get(word["word"], "people"))
    if word and word["word"] in _LIST_WORDS or lower.startswith(")", _skip_spaces(lower, end)):
        return Subject(previous.subject, "people", start, end, part=True)
    if word and previous.part_of_start is not None and ";" in lower[previous.end : start]:
        # items of a list that ';' divides: 'cuatro por el caso X; una que sirvió en Y'
        return Subject(previous.subject, "people", start, end, part=True)
    return None


def _part(text: str, span: tuple[int, int], noun_class: str) -> Subject:
    group = text[span[0] : span[1]]
    return Subject(group, noun_class, span[0], span[1], group=group, part=True)


def _skip_spaces(lower: str, at: int) -> int:
    while at < len(lower) and lower[at] == " ":
        at += 1
    return at
