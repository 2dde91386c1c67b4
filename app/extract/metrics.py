"""What a figure counts: held, released, arrested, amnestied, cases_total or other.

Event nouns decide alone ('448 releases', '110 pardons'; cases by what they are cases of and
whether a registry keeps them 'since 2014'). For people the verb
does: first the words just before the number ('the release of 200', 'excarcelaron a 300',
'amnesty to 379'), then the predicate right after the noun phrase ('remain in custody',
'were arrested', 'have walked free'). Prisoners with no such verb are held; other people with
no verb are no figure at all ('500 people marched').

The word patterns here have no IGNORECASE: callers pass the lower-cased folded text
(patterns.lowered), which keeps the offsets and matches three times faster.
"""

from __future__ import annotations

import re

from .clause_scans import SpanScans
from .patterns import Gated
from .subjects import Subject

_HELD = (
    r"(?:were |have been |has been |had been |are |was |fueron |han sido )?(?:sentenced|convicted"
    r"|condenad\w+|sentenciad\w+)|remain\w*|still|currently|continue to be held|are held"
    r"|are being held|being held"
    r"|(?:are|is|be) (?:\w+ )?(?:detained|imprisoned|jailed|incarcerated|held|locked up)"
    r"|(?:are|is|were|was|be|been) (?:\w+ )?(?:in custody|in jail|in prison|in detention|behind"
    r" bars)|in custody|in jail|in prison"
    r"|in detention|behind bars|held|locked up|languish\w*"
    r"|permanecen|permanece|permanecian|siguen|sigue|seguian|continuan|continua"
    r"|(?:estan|estaban|estaba|esta) (?:\w+ )?(?:presos|presas"
    r"|detenid\w+|encarcelad\w+|en prision|tras las rejas)|se encuentran|tras las rejas"
    r"|en prision|en la carcel|bajo custodia|privad\w+ de (?:su )?libertad|encarcelad\w+"
)
_RELEASED = (
    r"(?:were |have been |has been |had been |been |was |got |are )?(?:released|freed|set free"
    r"|let go|granted (?:conditional )?(?:release|freedom|precautionary measures|alternative"
    r" measures)|(?:received|got) precautionary measures|walked free|walk free|left prison"
    r"|regained (?:their )?freedom)|(?:fueron |han sido |habian sido )?(?:excarcelad\w+"
    r"|liberad\w+|puest\w+ en libertad|recuperaron (?:la|su) libertad"
    r"|(?:salieron|han salido|habian salido) de (?:la |las )?(?:prision|carcel|carceles))"
    r"|(?:recibieron|obtuvieron) (?:medidas|libertad)|(?:estan|quedaron) en libertad"
    r"|(?:are |were )?on (?:parole|conditional release)"
)
_AMNESTIED = (
    r"(?:were |have been |has been |had been |been |was )?(?:amnestied|pardoned"
    r"|granted (?:an? )?(?:amnesty|pardons?))|(?:fueron |han sido )?(?:amnistiad\w+|indultad\w+)"
    r"|(?:recibieron|se beneficiaron de)(?: la| el)? (?:amnistia|indulto)"
)
_ARRESTED = (
    r"(?:were |have been |has been |had been |been |was |are |got )?(?:arrested|detained"
    r"|rounded up|taken into custody|imprisoned|jailed|apprehended|captured|picked up)"
    r"|(?:fueron |han sido |habian sido |son )?(?:detenid\w+|arrestad\w+|capturad\w+"
    r"|aprehendid\w+|apresad\w+)|(?:fueron |han sido |habian sido )encarcelad\w+"
)
_OTHER = (
    # people under restrictive measures: a related count (not held, not released)
    r"(?:siguen |remain |are |still )?(?:sujet\w+|sometid\w+|subject(?:ed)?)(?:,? \w+,?)?"
    r" (?:a|to) (?:\w+ )?(?:medidas|measures)|(?:are |remain )?under restrictive measures|"
    r"(?:were |have been |has been |had been |are |was )?(?:transferred|moved to|tortured"
    r"|disappeared|died|killed|charged|tried|on hunger strike|began a hunger"
    r" strike|on trial)|(?:fueron |han sido )?(?:trasladad\w+|torturad\w+|desaparecid\w+"
    r"|murieron|fallecieron|fallecid\w+|imputad\w+|procesad\w+|en huelga de hambre)"
)
_AUX = (
    # a word after the noun before an auxiliary: 'cuatro ciudadanos españoles han sido'
    r"(?:[a-z]+\s+(?=(?:han|have|has|had|were|are|fueron|habian|son)\s))?"
    r"(?:(?:in|en) [a-z]+\s+)?(?:who |that |which |que |quienes |,[^,.;]{1,60}, |,\s*)?"
    r"(?:(?:are |were |is )?(?:set to be|to be|will be|would be|van a ser|seran) )?"
    r"(?:(?:have|has|had|are|is|were|was|be|been|sido|now|already|reportedly|also|all|so far|since"
    r"|then|han|habian|ya|todos|todas|aun|hasta ahora|for political reasons|por motivos"
    r" politicos|politically|confirmed|verified|officially)\s+){0,3}"
)
_POST_RE = re.compile(
    rf"\s*[\"']?\s*{_AUX}(?:(?P<other>{_OTHER})|(?P<held>{_HELD})|(?P<released>{_RELEASED})"
    rf"|(?P<amnestied>{_AMNESTIED})|(?P<arrested>{_ARRESTED}))\b",
)
# A verb or event noun right before the number (and its qualifier) that governs it.
_PRE_RE = re.compile(
    r"\b(?:(?P<released>releas\w*|freed|free|frees|set free|let go|excarcel\w+|liber\w+|puso en"
    r" libertad a|pusieron en libertad a|salida de|(?:salieron|salio|han salido) con medidas"
    r" (?:sustitutivas|cautelares)(?: de libertad)?)"
    r"|(?P<amnestied>amnest\w*|pardon\w*|amnist\w+|indult\w+|medidas? de gracia)"
    r"|(?P<arrested>arrest\w*|detained|detain|detention of|rounded up|jailed|imprisoned"
    r"|detuv\w+|detenci\w+ de|detenid\w+|arrest\w+|captur\w+|encarcel\w+ a)"
    r"|(?P<held>holds|is holding|are holding|there (?:are|were|remain)|hay|habia|mantiene"
    r"|quedan|quedaban|aun quedan|siguen siendo|remain"
    r"|permanecen|siguen|continuan|remain|siguen presos|siguen detenidos|permanecen detenidos))"
    r"(?:\s+(?:to|for|of|a|de|para|the|los|las|al|otros|otras|another|a further|some|unos"
    r"|unas|currently|still|now|aun|actualmente|todavia|presos|detenidos|encarcelados|batch"
    r"|group|grupo|lote|total))*[\s,]*$",  # 'hay, al menos, 309'
)
# 'The amnesty benefited 1,557 prisoners': the measure named earlier in the clause decides.
_BENEFIT_RE = re.compile(
    r"\b(?:benefit\w*|covered|applied to|beneficio a|beneficiaron a|beneficia a|alcanzo a)"
    r"(?:\s+(?:to|a|the|los|las|some|unos|unas))*\s*$",
)
_MEASURE_RE = re.compile(
    r"(?P<amnestied>amnest|amnist|pardon|indult)|(?P<released>releas|excarcel|liberac)",
)
_EVENT_CLASSES = {"released": "released", "amnestied": "amnestied", "arrested": "arrested"}
_GROUPS = ("other", "held", "released", "amnestied", "arrested")


# The main verb after a participle: 'people detained during the protests were released'.
_LATER_EVENT_RE = re.compile(
    r"\b(?:fueron|han sido|were|have been|has been|was|had been|would be|will be|seran)\s+"
    r"(?:\w+\s+)?(?:(?P<released>liberad\w+|excarcelad\w+|released|freed|set free"
    r"|puest\w+ en libertad)|(?P<amnestied>pardoned|amnestied|indultad\w+|amnistiad\w+"
    r"|granted (?:an )?amnesty|granted pardons?|amnistiad\w+))\b"
)


_JOINED_RE = re.compile(r"\b(?:y que|and that|y otr[oa]s|and another|and other)\b")


_EXISTENTIAL_RE = re.compile(r"(?:hay|habia|there are|there were)\b")


_PRE, _BENEFIT = Gated(_PRE_RE), Gated(_BENEFIT_RE)
_LATER_EVENT, _JOINED = Gated(_LATER_EVENT_RE), Gated(_JOINED_RE)


def verb_before(scans: SpanScans, clause: tuple[int, int], qualifier_start: int) -> str | None:
    """The metric of a verb that governs the number from before it ('released 12 of'), in the
    lower-cased folded text of `scans`."""
    pre = _PRE.search(scans, max(clause[0], qualifier_start - 60), qualifier_start)
    if pre is None or _EXISTENTIAL_RE.match(pre[0]):
        return None  # 'hay cuatro mujeres' among the released says nothing of what they count
    return _group(pre)


def metric_for(
    scans: SpanScans,
    subject: Subject,
    qualifier_start: int,
    post_start: int,
    clause: tuple[int, int],
    vague: bool,
) -> str | None:
    """The metric of a counted noun phrase in its clause (`scans`: the lower-cased folded
    text's), or None when it is no figure."""
    folded = scans.text
    if subject.noun_class == "cases":
        return _case_metric(folded, subject, clause)
    if subject.noun_class == "other":
        return "other"
    if subject.noun_class in _EVENT_CLASSES:
        return _EVENT_CLASSES[subject.noun_class]
    window_start = max(clause[0], qualifier_start - 60)
    pre = _PRE.search(scans, window_start, qualifier_start)
    if pre:
        return _group(pre)
    if _BENEFIT.search(scans, window_start, qualifier_start):
        measure = _MEASURE_RE.search(folded, clause[0], qualifier_start)
        if measure:
            return _group(measure)
    post = _POST_RE.match(folded, post_start, clause[1])
    if post:
        metric = _group(post)
        if metric in ("arrested", "held", "other"):
            # 'Unas 21 personas detenidas durante protestas ... fueron liberadas'
            later = _LATER_EVENT.search(scans, post.end(), clause[1])
            if later:
                return _group(later)
        return metric
    # '956 people of the more than 2,400 arrested ... have been released': the main verb
    later = None
    if not vague:
        # ... up to the next statement joined on ('y que otras 179 ... han sido excarceladas')
        joined = _JOINED.search(scans, subject.end, clause[1])
        later = _LATER_EVENT.search(scans, subject.end, joined.start() if joined else clause[1])
    if later:
        return _group(later)
    return "held" if subject.noun_class == "prisoners" and not vague else None


def _group(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return next(name for name in _GROUPS if groups.get(name))


# 'cases of torture' are related counts; 'cases of arbitrary detention' are arrests; a count
# a registry keeps over years ('since 2014') is cases_total; other cases are related counts.
_CASES_OF_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:of|de)\s+(?:\w+\s+)?(?:(?P<other>tortur\w*|desaparici\w+"
    r"|disappearance\w*|tratos?|malos tratos|ill-treatment)|(?P<arrested>detenci\w+|detention\w*"
    r"|arrest\w*|politically motivated arrests))"
)
_REGISTRY_RE = re.compile(r"\b(?:since|desde)\s+(?:(?:el|the)\s+)?(?:ano\s+)?(?:19|20)\d\d\b")


def _case_metric(folded: str, subject: Subject, clause: tuple[int, int]) -> str:
    kind = _CASES_OF_RE.match(folded, subject.end)
    if kind and kind["other"]:
        return "other"
    if _REGISTRY_RE.search(folded, clause[0], clause[1]):
        return "cases_total"
    return "arrested" if kind else "other"  # cases of no stated kind: a related count
