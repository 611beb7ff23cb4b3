"""The forces' names: the Welsh forces' names in Welsh."""

from oversight.analysis.forces import FORCES, force_name_cy


def test_the_welsh_forces_have_their_welsh_names_and_no_other_does():
    named = {f.slug for f in FORCES if force_name_cy(f.slug)}
    assert named == {f.slug for f in FORCES if f.nation == "Wales"}
    assert force_name_cy("south-wales") == "Heddlu De Cymru"
    assert force_name_cy("kent") == ""
