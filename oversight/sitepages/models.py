"""The public site's pages that the law or good manners require, in English and Welsh."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """The pages the public site carries, each at its own address (/public/<kind>/)."""

    ACCESSIBILITY = "accessibility", "Accessibility statement"
    PRIVACY = "privacy", "Privacy notice"
    CONTACT = "contact", "Contact us"


# The same names in Welsh, for the footer and the Welsh reading of each page.
WELSH_NAMES = {
    Kind.ACCESSIBILITY: "Datganiad hygyrchedd",
    Kind.PRIVACY: "Hysbysiad preifatrwydd",
    Kind.CONTACT: "Cysylltu â ni",
}


class SitePage(models.Model):
    """One of the public site's pages, as the Commissioner's team last wrote it."""

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    title_cy = models.CharField("title in Welsh", max_length=200)
    body_cy = models.TextField("text in Welsh")
    # Welsh text drafted without a translator stays marked until one has checked it.
    welsh_reviewed = models.BooleanField(default=False)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()
