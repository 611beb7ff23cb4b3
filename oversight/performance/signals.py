"""Signals of the performance app, for the apps above it that own part of the record."""

from django.dispatch import Signal

#: Sent by ``services.mark_presented`` inside its transaction, just before a snapshot is
#: frozen, with ``snapshot``. A receiver returns a list of notes to freeze into the record,
#: each a dict of ``SnapshotNote`` fields (kind, text, and measure_code or theme_slug, ...):
#: the themes app returns each theme's findings as the Board sees them.
snapshot_presenting = Signal()
