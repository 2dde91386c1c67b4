"""detect_language counts a language's function words only as far as its answer needs: it
answers as counting every word of both languages does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract.language import _EN, _ES, detect_language

WORDS = [w.strip() for w in _EN + _ES] + ["The", "EL", "x", "", ".", "\n", "the,"]
texts = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join) | st.text(max_size=80)


def every_word_counted(text: str) -> str:
    sample = " " + text[:1000].lower().replace("\n", " ") + " "
    english = sum(map(sample.count, _EN))
    spanish = sum(map(sample.count, _ES))
    return "es" if spanish > english else "en"


@settings(max_examples=500)
@given(texts)
def test_the_answer_of_every_word_counted(text):
    assert detect_language(text) == every_word_counted(text)


def test_a_tie_is_english():
    assert detect_language("the de") == "en"
    assert detect_language("the de la") == "es"
    assert detect_language("de the of") == "en"
