"""URLs of the roadmap app: the matrix, activities, alignment, the Board and files."""

from django.urls import path

from oversight.roadmap import views

app_name = "roadmap"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("roadmap.pdf", views.matrix_pdf, name="matrix_pdf"),
    path("public/", views.public_matrix, name="public"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<str:ref>/", views.activity_detail, name="activity"),
    path("activities/<str:ref>/edit/", views.activity_edit, name="activity_edit"),
    path("alignment/", views.alignment, name="alignment"),
    path("board/", views.board, name="board"),
    path("board/members/add/", views.member_add, name="member_add"),
    path("board/terms/new/", views.terms_new, name="terms_new"),
    path("board/terms/<int:version>/", views.terms_detail, name="terms"),
    path("board/terms/<int:version>/approve/", views.terms_approve, name="terms_approve"),
    path("pack/", views.pack, name="pack"),
    path("pack/joint-planning-board.pdf", views.pack_pdf, name="pack_pdf"),
    path("export/", views.export, name="export"),
    path("import/", views.upload, name="import"),
]
