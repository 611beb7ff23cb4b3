"""URLs of the roadmap app: the matrix, activities, alignment, the Board and files."""

from django.urls import path

from oversight.roadmap import catalogue_views, views

app_name = "roadmap"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("roadmap.pdf", views.matrix_pdf, name="matrix_pdf"),
    path("public/", views.public_matrix, name="public"),
    path("public/terms/", views.public_terms, name="public_terms"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<str:ref>/", views.activity_detail, name="activity"),
    path("activities/<str:ref>/edit/", views.activity_edit, name="activity_edit"),
    path("alignment/", views.alignment, name="alignment"),
    path("board/", views.board, name="board"),
    path("board/members/add/", views.member_add, name="member_add"),
    path("board/meetings/new/", views.board_meeting_new, name="meeting_new"),
    path("board/terms/new/", views.terms_new, name="terms_new"),
    path("board/terms/<int:version>/", views.terms_detail, name="terms"),
    path("board/terms/<int:version>/propose/", views.terms_propose, name="terms_propose"),
    path("board/terms/<int:version>/approve/", views.terms_approve, name="terms_approve"),
    path("pack/", views.pack, name="pack"),
    path("pack/joint-planning-board.pdf", views.pack_pdf, name="pack_pdf"),
    path("export/", views.export, name="export"),
    path("import/", views.upload, name="import"),
    # The planning catalogues; export and import before <kind>, "new" before <code>.
    path("catalogues/", catalogue_views.index, name="catalogues"),
    path("catalogues/export/", catalogue_views.export, name="catalogue_export"),
    path("catalogues/import/", catalogue_views.upload, name="catalogue_import"),
    path("catalogues/<str:kind>/", catalogue_views.catalogue_list, name="catalogue_list"),
    path("catalogues/<str:kind>/new/", catalogue_views.item_create, name="catalogue_create"),
    path("catalogues/<str:kind>/<str:code>/", catalogue_views.item_detail, name="catalogue_item"),
    path(
        "catalogues/<str:kind>/<str:code>/edit/", catalogue_views.item_edit, name="catalogue_edit"
    ),
    path(
        "catalogues/<str:kind>/<str:code>/delete/",
        catalogue_views.item_delete,
        name="catalogue_delete",
    ),
]
