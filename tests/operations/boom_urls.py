"""A page with a bug that puts personal data in its exception, to see what the error log keeps."""

from django.urls import path


def boom(request):
    token = request.GET.get("khoa", "")
    raise RuntimeError(f"could not greet {request.learner} (token={token}, token {token}, phone 0912 345 678)")


urlpatterns = [path("boom/", boom)]
