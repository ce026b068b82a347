from django.urls import path

from livesessions import views

app_name = "livesessions"

urlpatterns = [
    path("<int:session_id>/", views.session_page, name="session"),
    path("<int:session_id>/checkin/", views.checkin, name="checkin"),
    path("<int:session_id>/diem-cau/", views.point_page, name="point_page"),
    path("<int:session_id>/bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("diem-danh/<str:code>/", views.poster, name="poster"),
    path("diem-cau/", views.point_chooser, name="point_chooser"),
    path("diem-cau/<str:code>/lop/", views.point_sessions, name="point_sessions"),
]
