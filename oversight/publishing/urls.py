"""The public site and the Panel's view, under /public/; each publication has stable URLs."""

from django.urls import path

from oversight.publishing import views

app_name = "publishing"

one = "publications/<int:number>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("publications/", views.archive, name="archive"),
    path("plan/", views.latest, {"page": "plan"}, name="latest_plan"),
    path("themes/", views.latest, {"page": "themes"}, name="latest_themes"),
    path("roadmap/", views.latest, {"page": "roadmap"}, name="latest_roadmap"),
    path("data/", views.latest, {"page": "data"}, name="latest_data"),
    path("record/", views.record_history, name="record_history"),
    path("measures/<str:code>/", views.latest_measure, name="latest_measure"),
    path(one, views.overview, name="overview"),
    path(f"{one}plan/", views.plan, name="plan"),
    path(f"{one}measures/<str:code>/", views.measure, name="measure"),
    path(f"{one}measures/<str:code>/chart.svg", views.measure_chart, name="measure_chart"),
    path(f"{one}themes/", views.themes, name="themes"),
    path(f"{one}compare/", views.compare, name="compare"),
    path(f"{one}roadmap/", views.roadmap, name="roadmap"),
    path(f"{one}record/", views.record, name="record"),
    path(f"{one}data/", views.data, name="data"),
    path(f"{one}data/datapackage.json", views.datapackage, name="datapackage"),
    path(f"{one}data/<slug:table>.csv", views.data_file, {"fmt": "csv"}, name="csv"),
    path(f"{one}data/<slug:table>.json", views.data_file, {"fmt": "json"}, name="json"),
    path(
        f"{one}data/<slug:table>.metadata.json",
        views.data_file,
        {"fmt": "metadata"},
        name="metadata",
    ),
    path("panel/", views.panel, name="panel"),
    path("panel/papers/<int:pk>/", views.panel_paper, name="panel_paper"),
]
