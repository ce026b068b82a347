"""Quiz pages outside Wagtail's page tree: certificates and their public verification, group mode at a point.

Taking a quiz lives on the QuizPage itself (Wagtail's routing is the view layer for pages).
"""

app_name = "quizzes"
urlpatterns = []
