"""Signals of the data app, for the apps above it that act on new figures."""

from django.dispatch import Signal

#: Sent by ``updates.import_and_refresh`` after a police.uk import has refreshed the plan's
#: measures and changed some of the force's figures, with ``plan``, ``by`` (the user, or None)
#: and ``changes`` (a list of ``updates.MeasureChange``). A receiver returns a list of lines
#: for the import's report: the performance app assesses a draft from the new figures.
police_figures_changed = Signal()

#: Sent by ``updates.import_and_refresh`` after a police.uk import loaded or replaced files, with
#: ``warehouse_path`` and ``forces`` (the forces whose files were written). A receiver returns a
#: list of lines for the import's report: the peers app counts every force's new months.
police_files_imported = Signal()
