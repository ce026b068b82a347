from django.urls import path

from learners import views

app_name = "learners"

urlpatterns = [
    path("tham-gia/", views.join, name="join"),
    path("quyen-rieng-tu/", views.privacy_notice, name="privacy"),
    path("du-lieu-cua-toi/", views.my_data, name="my_data"),
    path("du-lieu-cua-toi/sua/", views.my_data_edit, name="my_data_edit"),
    path("du-lieu-cua-toi/tai-ve/", views.my_data_download, name="my_data_download"),
    path("du-lieu-cua-toi/xoa/", views.my_data_delete, name="my_data_delete"),
    path("du-lieu-cua-toi/roi-may/", views.leave_this_phone, name="leave_this_phone"),
]
