"""`oversight import SOURCE ...`: bring outside data into Oversight, one subcommand per source."""

from __future__ import annotations

from oversight.data import commands_policeuk, commands_values
from oversight.data.sources import Source, SourcesCommand

# Register import sources here, one line each (e.g. "values", "population").
SOURCES: dict[str, Source] = {
    "police-uk": Source(
        help="data.police.uk street, outcomes and stop-and-search CSVs, folders or zips",
        add_arguments=commands_policeuk.add_arguments,
        run=commands_policeuk.run,
    ),
    "values": Source(
        help=commands_values.VALUES_HELP,
        add_arguments=commands_values.add_values_arguments,
        run=commands_values.run_values,
    ),
    "population": Source(
        help=commands_values.POPULATION_HELP,
        add_arguments=commands_values.add_population_arguments,
        run=commands_values.run_population,
    ),
}


class Command(SourcesCommand):
    help = "Import data: `oversight import police-uk PATH...`."
    sources = SOURCES
