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


def test_an_ordinal_is_written_in_the_active_language():
    from oversight.analysis.language import ordinal

    with translation.override("en-gb"):
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 43)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "43rd"
        ]  # fmt: skip
    # Welsh writes the last letters of the ordinal's last word: cyntaf, ail, trydydd, ...
    with translation.override("cy"):
        assert [ordinal(n) for n in (1, 2, 3, 4, 5, 7, 11, 12, 16, 18, 20, 21, 30, 40, 43)] == [
            "1af", "2il", "3ydd", "4ydd", "5ed", "7fed", "11eg", "12fed", "16eg", "18fed",
            "20fed", "21ain", "30ain", "40fed", "43ain",
        ]  # fmt: skip


def test_without_a_language_an_ordinal_is_english(monkeypatch):
    from oversight.analysis.language import ordinal

    monkeypatch.setattr(language, "_language", None)
    assert ordinal(3) == "3rd" and language.active() == "en"
