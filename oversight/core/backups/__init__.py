"""Backups of an Oversight site: the database, the warehouse and a manifest that checks them.

`oversight backup DIR` and `oversight restore DIR`; what is kept and why is in
docs/adr/0008-production.md.
"""
