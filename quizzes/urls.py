"""Quiz pages outside Wagtail's page tree: certificates and their public verification, group mode at a point.

Taking a quiz lives on the QuizPage itself (Wagtail's routing is the view layer for pages).
"""

from django.urls import path

from quizzes import certificates

app_name = "quizzes"
urlpatterns = [
    path("chung-nhan/<str:code>/", certificates.certificate, name="certificate"),
    path("xac-minh/<str:code>/", certificates.verify, name="verify"),
]
