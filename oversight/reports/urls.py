"""URLs of the reports app: performance pages and Strategic Board pack downloads."""

from django.urls import path

from oversight.reports import pack_views, views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("overview.csv", views.overview_export, {"fmt": "csv"}, name="overview_csv"),
    path("overview.xlsx", views.overview_export, {"fmt": "xlsx"}, name="overview_xlsx"),
    path("measures/<str:code>/", views.measure, name="measure"),
    path("themes/", views.themes, name="themes"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("snapshots/<int:pk>/", views.snapshot, name="snapshot"),
    path("snapshots/<int:pk>/pack.<str:fmt>", pack_views.snapshot_pack, name="pack"),
    path("boards/<str:date>/", pack_views.board, name="board"),
    path("boards/<str:date>/pack.<str:fmt>", pack_views.board_pack, name="board_pack"),
    path("packs/<int:pk>/", pack_views.build, name="build"),
    path("packs/<int:pk>/download", pack_views.download, name="build_download"),
    path("packs/<int:pk>/finalise", pack_views.finalise, name="finalise"),
]
