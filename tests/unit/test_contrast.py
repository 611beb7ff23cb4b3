"""WCAG 2.1 contrast: white text on the Commissioner's colour, and the setting that refuses it."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.config import settings as production
from oversight.display.contrast import (
    AA_TEXT,
    contrast_ratio,
    parse_hex,
    relative_luminance,
    text_contrast_problem,
)


def test_black_on_white_is_21_and_a_colour_on_itself_is_1():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000") == pytest.approx(21)
    assert contrast_ratio("#00594f", "#00594f") == pytest.approx(1)


def test_luminance_follows_the_wcag_formula():
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#000000") == 0
    # sRGB 0x80: (0.50196 + 0.055) / 1.055) ** 2.4 = 0.21586 on every channel.
    assert relative_luminance("#808080") == pytest.approx(0.21586, abs=1e-5)


def test_grey_767676_just_passes_and_777777_just_fails():
    # The well-known boundary: #767676 is the lightest grey with 4.5:1 on white.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert text_contrast_problem("#767676") == ""
    assert contrast_ratio("#777777", "#ffffff") < AA_TEXT
    assert "4.48:1" in text_contrast_problem("#777777")


def test_a_low_contrast_colour_is_rejected_with_its_ratio():
    problem = text_contrast_problem("#ffdd00")
    assert "1.35:1" in problem and "4.5:1" in problem and "WCAG 2.1 AA" in problem


@pytest.mark.parametrize("colour", ["blue", "#12345", "00594f", "#ggg000", ""])
def test_what_is_not_a_hex_colour_is_refused(colour):
    with pytest.raises(ValueError, match="#rrggbb"):
        parse_hex(colour)
    assert "#rrggbb" in text_contrast_problem(colour)


def test_short_hex_is_read_as_doubled_digits():
    assert parse_hex("#0af") == (0, 170, 255)


def test_settings_refuse_a_brand_colour_white_text_fails_on(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_BRAND_COLOUR", "#ffdd00")
    with pytest.raises(ImproperlyConfigured, match=r"OVERSIGHT_BRAND_COLOUR: .*1\.35:1"):
        production._brand_colour()
    monkeypatch.setenv("OVERSIGHT_BRAND_COLOUR", "navy")
    with pytest.raises(ImproperlyConfigured, match="#rrggbb"):
        production._brand_colour()


def test_settings_read_a_dark_brand_colour(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_BRAND_COLOUR", " #1D3557 ")
    assert production._brand_colour() == "#1d3557"
    monkeypatch.delenv("OVERSIGHT_BRAND_COLOUR")
    assert text_contrast_problem(production._brand_colour()) == ""


@pytest.mark.parametrize(
    "value",
    ["http://example.org/logo.svg", "/etc/logo.svg", "../logo.svg", "logo.gif", "https://x/"],
)
def test_settings_refuse_a_logo_that_is_not_a_static_image_or_https_url(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_COMMISSIONER_LOGO", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_COMMISSIONER_LOGO"):
        production._commissioner_logo()


@pytest.mark.parametrize("value", ["", "sitepages/logo.svg", "https://cdn.example.org/pcc.png"])
def test_settings_read_a_logo(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_COMMISSIONER_LOGO", value)
    assert production._commissioner_logo() == value


def test_settings_refuse_an_empty_commissioner_name(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_COMMISSIONER_NAME", "   ")
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_COMMISSIONER_NAME must be"):
        production._commissioner_name("OVERSIGHT_COMMISSIONER_NAME", "x")
