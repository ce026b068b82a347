from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("ngoai-tuyen/", views.offline, name="offline"),
]
