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
