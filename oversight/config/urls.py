"""The site's URLs: each app owns its own, under its own prefix and namespace."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from oversight.accounts.admin_site import guard_admin
from oversight.publishing.views import english
from oversight.questions.feeds import public_feed

admin.site.site_header = "Oversight administration"
guard_admin(admin.site)

urlpatterns = [
    path("", include("oversight.plans.urls")),
    path("accounts/", include("oversight.accounts.urls")),
    path("home/", include("oversight.home.urls")),
    path("data/", include("oversight.data.urls")),
    path("performance/", include("oversight.performance.urls")),
    path("peers/", include("oversight.peers.urls")),
    path("meetings/", include("oversight.meetings.urls")),
    path("themes/", include("oversight.themes.urls")),
    path("roadmap/", include("oversight.roadmap.urls")),
    path("reports/", include("oversight.reports.urls")),
    path("questions/", include("oversight.questions.urls")),
    path("publications/", include("oversight.publishing.manage_urls")),
    path("accountability/", include("oversight.publishing.record_urls")),
    path("site-pages/", include("oversight.sitepages.manage_urls")),
    path("admin/", admin.site.urls),
    # English is the unprefixed address; /en/… is kept as a way to it.
    path("en/<path:rest>", english, name="english"),
]

# The public site and the Panel's pages, in English at /public/… and in Welsh at /cy/public/….
urlpatterns += i18n_patterns(
    path("public/questions/", include("oversight.questions.public_urls")),
    path("public/feed.atom", public_feed, name="public_feed"),
    # The accessibility statement, privacy notice and contact page, beside the publications.
    path("public/", include("oversight.sitepages.urls")),
    path("public/", include("oversight.publishing.urls")),
    prefix_default_language=False,
)

# Styled error pages with the navigation and a way on (Django's defaults are bare).
handler403 = "oversight.core.views.forbidden"
handler404 = "oversight.core.views.not_found"
handler500 = "oversight.core.views.server_error"
