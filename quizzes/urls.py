"""Quiz pages outside Wagtail's page tree: certificates and their public verification, group mode at a point.

Taking a quiz lives on the QuizPage itself (Wagtail's routing is the view layer for pages), except the answer
POST, the busiest request, which is addressed by the quiz's id (see quizzes.views.answer_for_quiz).
"""

from django.urls import path

from quizzes import certificates, group_views, views

app_name = "quizzes"
urlpatterns = [
    path("kiem-tra/<int:quiz_id>/tra-loi/", views.answer_for_quiz, name="answer"),
    path("chung-nhan/<str:code>/", certificates.certificate, name="certificate"),
    path("xac-minh/<str:code>/", certificates.verify, name="verify"),
    path("kiem-tra-nhom/", group_views.signin, name="group_signin"),
    path("kiem-tra-nhom/thoat/", group_views.signout, name="group_signout"),
    path("kiem-tra-nhom/lop/<int:session_id>/", group_views.home, name="group_home"),
    path("kiem-tra-nhom/lop/<int:session_id>/bat-dau/", group_views.start, name="group_start"),
    path("kiem-tra-nhom/luot/<uuid:run_id>/", group_views.question, name="group_question"),
    path("kiem-tra-nhom/luot/<uuid:run_id>/tra-loi/", group_views.answer, name="group_answer"),
    path("kiem-tra-nhom/luot/<uuid:run_id>/cau/<str:question_id>/", group_views.result, name="group_result"),
    path("kiem-tra-nhom/luot/<uuid:run_id>/tong-ket/", group_views.summary, name="group_summary"),
]
