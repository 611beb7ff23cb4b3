"""The pure modules' words: English with no translator, the catalogue's Welsh with Django's."""

from django.utils import translation

from oversight.analysis import language


def test_without_a_translator_the_english_comes_back_unchanged(monkeypatch):
    monkeypatch.setattr(language, "_translator", None)
    assert language._("Month") == "Month"


def test_the_django_app_installs_the_catalogue():
    # Installed by oversight.core's AppConfig.ready when Django starts (as the tests do).
    with translation.override("cy"):
        assert language._("Month") == "Mis"
    with translation.override("en-gb"):
        assert language._("Month") == "Month"


def test_gettext_noop_marks_without_translating():
    with translation.override("cy"):
        assert language.gettext_noop("Month") == "Month"


def test_a_sentence_is_its_text_and_is_worded_again_in_another_language():
    with translation.override("en-gb"):
        sentence = language.Sentence(language.gettext_noop("no data for %(months)s"), months="x")
    assert sentence == "no data for x" and isinstance(sentence, str)
    with translation.override("cy"):
        assert language.say(sentence) == "dim data ar gyfer x"
    assert language.say("plain text") == "plain text"


def test_a_sentence_words_its_sentence_values_again():
    with translation.override("en-gb"):
        what = language.Sentence(language.gettext_noop("the rebase"))
        sentence = language.Sentence(
            language.gettext_noop("across %(what)s at %(period)s: not like for like"),
            what=what,
            period="2025-01",
        )
    assert sentence == "across the rebase at 2025-01: not like for like"
    with translation.override("cy"):
        assert language.say(sentence) == (
            "ar draws yr ailsylfaenu yn 2025-01: nid yw'n cymharu tebyg â thebyg"
        )
