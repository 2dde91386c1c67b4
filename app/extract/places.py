"""The country a figure is about: named in its clause, else in its sentence, else the
document's most-mentioned country, else the configured default."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from .lazy import lazy

# country -> names and demonyms, matched on accent-folded text, any case
_COUNTRIES = {
    "Venezuela": (
        "venezuela|venezuelan|venezuelans|venezolano|venezolana|venezolanos|venezolanas"
        "|caracas|maracaibo"
    ),
    "Nicaragua": "nicaragua|nicaraguan|nicaraguans|nicaraguense|nicaraguenses|managua",
    "Cuba": "cuba|cuban|cubans|cubano|cubana|cubanos|cubanas|havana|la habana",
    "Belarus": (
        "belarus|belarusian|belarusians|belarussian|bielorrusia|bielorruso|bielorrusa"
        "|bielorrusos|minsk"
    ),
    "Myanmar": "myanmar|burma|burmese|birmania|birmano|birmanos|yangon|naypyidaw|rangoon",
    "Russia": "russia|russian|russians|rusia|ruso|rusos|moscow|moscu",
    "Iran": "iran|iranian|iranians|irani|iranies|tehran|teheran|evin",
    "China": "china|chinese|chino|chinos",
    "Egypt": "egypt|egyptian|egipto|egipcio",
    "Turkey": "turkey|turkish|turquia|turco",
    "Colombia": "colombia|colombian|colombiano|colombianos",
    "Argentina": "argentina|argentine|argentino",
    "Ecuador": "ecuador|ecuadorian|ecuatoriano",
    "Bolivia": "bolivia|bolivian|boliviano",
    "El Salvador": "el salvador|salvadoran|salvadoreno|salvadorenos",
    "Guatemala": "guatemala|guatemalan|guatemalteco",
    "Honduras": "honduras|honduran|hondureno",
    "Mexico": "mexico|mexican|mexicano|mexicanos",
    "Brazil": "brazil|brazilian|brasil|brasileno",
    "Peru": "peru|peruvian|peruano",
    "Chile": "chile|chilean|chileno",
    "Spain": "spain|spanish|espana|espanol",
    "Azerbaijan": "azerbaijan|azerbaijani",
    "Eritrea": "eritrea|eritrean",
    "Saudi Arabia": "saudi arabia|saudi|arabia saudita|saudi",
    "Bahrain": "bahrain|bahraini",
    "Vietnam": "vietnam|vietnamese",
    "Hong Kong": "hong kong",
    "Tunisia": "tunisia|tunisian|tunez",
    "Algeria": "algeria|algerian|argelia",
    "Ethiopia": "ethiopia|ethiopian|etiopia",
    "Syria": "syria|syrian|siria|sirio",
    "Israel": "israel|israeli",
    "Ukraine": "ukraine|ukrainian|ucrania|ucraniano",
    "Georgia": "georgia|georgian",
    "Tajikistan": "tajikistan|tajik",
    "Cambodia": "cambodia|cambodian|camboya",
    "Thailand": "thailand|thai|tailandia",
    "United States": "united states|estados unidos",
}
_NAME_TO_COUNTRY = {
    name: country for country, names in _COUNTRIES.items() for name in names.split("|")
}
COUNTRY_NAMES = _NAME_TO_COUNTRY  # lower-case name or demonym -> country, for the scanner
# Case matters ('US', not 'us'); the pattern starts with a literal so that the engine can skip
# fast, and a match glued to a preceding word ('BUS') is dropped by _us_at.
_US_RE = re.compile(r"(?:U(?:SA?|\.S\.)|EE(?:\.UU\.|UU))(?![\w])")


_US_STARTS = ("US", "U.S.", "EE.UU.", "EEUU")  # where a match of _US_RE can start


def _us_at(folded: str, start: int, end: int) -> list[int]:
    """What _US_RE.finditer finds in folded[start:end], not glued to a word before. Found with
    str.find (at C speed) and checked with the regex only where one of its prefixes is."""
    if "U" not in folded:
        return []  # (every prefix holds one: one search rules out four)
    candidates = set()
    for prefix in _US_STARTS:
        at = folded.find(prefix, start, end)
        while at != -1:
            candidates.add(at)
            at = folded.find(prefix, at + 1, end)
    found, covered = [], start
    for at in sorted(candidates):
        match = _US_RE.match(folded, at, end) if at >= covered else None
        if match:
            covered = match.end()
            if at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] == "."):
                found.append(at)
    return found


class PlaceIndex:
    """The countries one document names, in order, and its main country."""

    def __init__(self, folded: str, named: list[tuple[int, str]]) -> None:
        self.folded = folded
        self.named = named  # (offset, country) in order, from the scanner
        self.offsets = [offset for offset, _ in named]

    @lazy
    def _us(self) -> list[int]:
        """Where the document says 'US', 'U.S.', 'USA' or 'EE.UU.', found once for all."""
        return _us_at(self.folded, 0, len(self.folded))

    def _named(self, start: int, end: int) -> list[tuple[int, str]]:
        left, right = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        found = self.named[left:right]
        us = self._us
        if not us:  # (most texts): the scanner's names are in order already, none overlaps
            return found
        found += [(at, "United States") for at in us[bisect_left(us, start) : bisect_left(us, end)]]
        return sorted(found)

    @lazy
    def main(self) -> str | None:
        """The most-named country (the United States only if no other); ties to the first."""
        countries = [country for _, country in self.named]
        if self._us:
            countries.append("United States")
        if len(set(countries)) == 1:
            return countries[0]  # one country named (most texts): no counts to compare
        counts = Counter(c for c in countries if c != "United States") or Counter(countries)
        return max(counts, key=lambda c: (counts[c], -countries.index(c)), default=None)

    @lazy
    def _names_us(self) -> bool:
        """Whether the document names the United States at all (most do not)."""
        return bool(self._us) or any(country == "United States" for _, country in self.named)

    def place(self, clause: tuple[int, int], sentence: tuple[int, int], offset: int) -> str | None:
        named = self._named(*sentence)  # (all of them in the sentence)
        if self._names_us and self.main != "United States":
            # a foreign power pressing a country is rarely the place of its prisoners
            named = [item for item in named if item[1] != "United States"]
        if not named:
            return self.main
        if len(named) == 1:
            return named[0][1]  # (most sentences): the nearest, whether in the clause or not
        in_clause = [item for item in named if clause[0] <= item[0] < clause[1]]
        for near in (in_clause, named):
            if len(near) == 1:
                return near[0][1]  # the nearest of one: no distances to compare
            if near:
                return min(near, key=lambda item: abs(item[0] - offset))[1]
        return self.main
