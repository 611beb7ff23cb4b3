"""Convention: every oversight verb is documented, and docs/cli.md matches its --help."""

from oversight.core.clidocs import DOC, oversight_verbs, render


def test_every_verb_has_help_text():
    from django.core.management import load_command_class

    missing = [
        verb
        for verb, app in oversight_verbs()
        if not load_command_class(f"oversight.{app}", verb).help.strip()
    ]
    assert missing == []


def test_cli_reference_is_up_to_date():
    assert DOC.read_text() == render(), (
        "docs/cli.md is out of date: run `python -m oversight.core.clidocs`"
    )
