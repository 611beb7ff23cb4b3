"""The import benchmark's data set: real street rows resampled, in the exact police.uk layout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import pytest

from oversight.data.commands_policeuk import import_police_uk
from oversight.data.policeuk import Kind, column_types
from oversight.data.policeuk_load import READ_OPTIONS

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data" / "police-uk"
# Dorset's LSOA names hold a comma ("Bournemouth, Christchurch and Poole 001A"), so its file
# quotes them; Gwent's file has no quotes and comes first, as files without quotes do in the
# whole shared set, so a reader that sniffs the first file would split Dorset's names.
SOURCES = [SHARED / "2024-01" / f"2024-01-{force}-street.csv.gz" for force in ("gwent", "dorset")]

pytestmark = [
    pytest.mark.shared_data,
    pytest.mark.skipif(
        not all(p.exists() for p in SOURCES),
        reason=f"the shared police.uk files are not beside the checkout ({SHARED})",
    ),
]


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "import_police_uk_benchmark", REPO / "benchmarks" / "import_police_uk.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _values(paths: list[str], column: str) -> set[str]:
    rows = (
        duckdb.connect()
        .execute(
            f'SELECT DISTINCT "{column}" FROM read_csv(?, columns = ?, {READ_OPTIONS})'  # noqa: S608
            f' WHERE "{column}" IS NOT NULL',
            [paths, column_types(Kind.STREET)],
        )
        .fetchall()
    )
    return {value for (value,) in rows}


def test_built_files_keep_every_value_of_the_real_rows_they_resample(tmp_path):
    root = _benchmark().build_dataset(
        3000, months=2, sources=[str(p) for p in SOURCES], root=tmp_path / "set"
    )
    built = sorted(str(p) for p in root.glob("*/*.csv"))
    real = [str(p) for p in SOURCES]

    assert [Path(p).name for p in built] == [
        "2024-01-dorset-street.csv",
        "2024-01-gwent-street.csv",
        "2024-02-dorset-street.csv",
        "2024-02-gwent-street.csv",
    ]
    for column in ("LSOA name", "Crime type", "Last outcome category", "Location"):
        assert _values(built, column) <= _values(real, column), column
    assert any(", " in name for name in _values(built, "LSOA name"))

    report = import_police_uk([root], warehouse_path=tmp_path / "w.duckdb", quiet=True)
    assert report.rejected == []
    counted = duckdb.connect().execute("SELECT count(*) FROM read_csv(?, header = true)", [built])
    assert report.rows_loaded == counted.fetchone()[0]
