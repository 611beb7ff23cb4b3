"""The local authority named in an LSOA name."""

import pytest

from oversight.analysis.geography import local_authority_from_lsoa_name


@pytest.mark.parametrize(
    ("lsoa_name", "authority"),
    [
        ("Cardiff 032A", "Cardiff"),
        ("Blaenau Gwent 001A", "Blaenau Gwent"),
        ("Bournemouth, Christchurch and Poole 042D", "Bournemouth, Christchurch and Poole"),
        ("Ynys Môn 001A", "Ynys Môn"),
        ("Rhondda Cynon Taf 010E", "Rhondda Cynon Taf"),
        ("Bro Gŵyr 001A", "Bro Gŵyr"),
        ("Kingston upon Hull 001A", "Kingston upon Hull"),
        ("County Durham 001A", "County Durham"),
        ("  Newport 003F  ", "Newport"),
        ("Somerset West and Taunton 016B", "Somerset West and Taunton"),
    ],
)
def test_local_authority_from_lsoa_name_strips_the_code(lsoa_name, authority):
    assert local_authority_from_lsoa_name(lsoa_name) == authority


@pytest.mark.parametrize(
    "lsoa_name", [None, "", "   ", "Cardiff", "032A", "Cardiff 32A", "Cardiff 032"]
)
def test_local_authority_from_lsoa_name_is_none_without_a_code(lsoa_name):
    assert local_authority_from_lsoa_name(lsoa_name) is None


def test_local_authority_from_lsoa_name_keeps_welsh_characters():
    assert local_authority_from_lsoa_name("Sir Ddinbych ŵ ŷ â ô 004C") == "Sir Ddinbych ŵ ŷ â ô"
