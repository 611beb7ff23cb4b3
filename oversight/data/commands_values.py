"""`oversight import values FILE` / `--template FILE` and `oversight import population FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from oversight.data.population import import_population
from oversight.data.values_import import catalogue_for, import_values
from oversight.data.values_rows import COLUMNS, template_csv, template_xlsx
from oversight.plans.models import Plan

VALUES_HELP = "force-supplied measure values (.csv or .xlsx), or write the template"
POPULATION_HELP = "resident population per area and year (.csv or .xlsx), for rates"


def add_values_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `oversight import values`."""
    parser.description = (
        "Import force-supplied values, one row per measure, month, area and breakdown. "
        "Columns: " + "; ".join(f"{name}: {help_}" for name, help_ in COLUMNS) + ". "
        "A file with any problem is rejected whole and every problem is listed with its row "
        "and column. Importing the same values again changes nothing; a later file for the "
        "same cells replaces their values."
    )
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help=".csv or .xlsx file")
    parser.add_argument(
        "--template",
        type=Path,
        metavar="FILE",
        help="write the empty template (.csv with # notes, or .xlsx with Notes and Measures "
        "sheets) to FILE instead of importing",
    )


def run_values(options: dict, *, warehouse_path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Run `oversight import values`; return the exit status."""
    plan = Plan.objects.first()
    template: Path | None = options.get("template")
    if template is not None:
        catalogue = catalogue_for(plan)
        if template.suffix.lower() == ".xlsx":
            template.write_bytes(template_xlsx(catalogue))
        elif template.suffix.lower() == ".csv":
            template.write_bytes(template_csv(catalogue))
        else:
            stderr.write(f"{template}: the template is written as .csv or .xlsx\n")
            return 2
        stdout.write(f"Wrote the values template to {template}\n")
        return 0
    file: Path | None = options.get("file")
    if file is None:
        stderr.write("Give a FILE to import, or --template FILE to write the template.\n")
        return 2
    if plan is None:
        stderr.write("No plan is loaded: run `oversight plan load FILE.toml` first.\n")
        return 1
    if not file.is_file():
        stderr.write(f"{file}: no such file\n")
        return 1
    result = import_values(data=file.read_bytes(), file_name=file.name, plan=plan, by=None)
    out = stderr if result.status == "rejected" else stdout
    for line in result.lines():
        out.write(line + "\n")
    return 1 if result.status == "rejected" else 0


def add_population_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of `oversight import population`."""
    parser.description = (
        "Import resident populations for rates per 1,000. Columns: area (force, a BCU code or "
        "a local authority of the plan, or any police force by its police.uk slug or name, "
        "e.g. south-wales or Avon & Somerset), year (calendar year), population (whole "
        "number), source (optional). Two published ONS layouts by police force area are read "
        "as they come: a census table (first column PFA16NM, the total in its 'All "
        "categories' column; the year from the file name, else 2011) and a wide table of "
        "mid-year estimates (first column year, one column per police force area). A file "
        "with any problem is rejected whole, every problem listed with its row and column; "
        "otherwise each area and year is added or updated, with its year and source."
    )
    parser.add_argument("file", type=Path, metavar="FILE", help=".csv or .xlsx file")


def run_population(options: dict, *, warehouse_path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Run `oversight import population`; return the exit status."""
    file: Path = options["file"]
    if not file.is_file():
        stderr.write(f"{file}: no such file\n")
        return 1
    result = import_population(
        data=file.read_bytes(), file_name=file.name, plan=Plan.objects.first(), by=None
    )
    out = stderr if result.errors else stdout
    for line in result.lines():
        out.write(line + "\n")
    return 1 if result.errors else 0
