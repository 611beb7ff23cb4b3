"""Notifications: what each person should know about, on their home page and by e-mail."""
