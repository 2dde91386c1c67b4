"""The country a figure is about: named in its clause, else in its sentence, else the
document's most-mentioned country, else the configured default."""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from .patterns import word_trie

# country -> names and demonyms, matched on accent-folded text, any case
_COUNTRIES = {
    "Venezuela": "venezuela|venezuelan|venezuelans|venezolano|venezolana|venezolanos|venezolanas|caracas|maracaibo",
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
_COUNTRY_RE = re.compile(rf"\b{word_trie(_NAME_TO_COUNTRY)}\b")  # on lower-cased text
_US_RE = re.compile(r"(?<![\w.])(?:US|U\.S\.|USA|EE\.UU\.|EEUU)(?![\w])")


class PlaceIndex:
    """The countries one document names, in order, and its main country."""

    def __init__(self, folded: str, lower: str) -> None:
        self.folded, self.lower = folded, lower

    def _named(self, start: int, end: int) -> list[tuple[int, str]]:
        found = [
            (m.start(), _NAME_TO_COUNTRY[m[0]])
            for m in _COUNTRY_RE.finditer(self.lower, start, end)
        ]
        found += [(m.start(), "United States") for m in _US_RE.finditer(self.folded, start, end)]
        return sorted(found)

    @cached_property
    def main(self) -> str | None:
        """The most-named country (the United States only if no other); ties to the first."""
        countries = [country for _, country in self._named(0, len(self.lower))]
        counts = Counter(c for c in countries if c != "United States") or Counter(countries)
        return max(counts, key=lambda c: (counts[c], -countries.index(c)), default=None)

    def place(self, clause: tuple[int, int], sentence: tuple[int, int], offset: int) -> str | None:
        named = [
            item
            for item in self._named(*sentence)
            if item[1] != "United States" or self.main == "United States"
        ]  # a foreign power pressing a country is rarely the place of its prisoners
        for start, end in (clause, sentence):
            near = [item for item in named if start <= item[0] < end]
            if near:
                return min(near, key=lambda item: abs(item[0] - offset))[1]
        return self.main
