"""The Content-Security-Policy header: our own scripts only on the public site; the admin a little looser."""

import re

import pytest
from django.contrib.auth import get_user_model

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_a_lesson_page_allows_only_our_own_scripts(client, lesson_url):
    response = client.get(lesson_url)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script is left"
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler is left"


def test_the_admin_allows_wagtails_inline_scripts_and_styles_but_never_eval(client, db):
    user = get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.force_login(user)
    response = client.get("/admin/")
    policy = _policy(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]  # Wagtail's widgets write inline scripts
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]  # the page editor's preview frame
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.fixture
def lesson_url(hung_yen):
    from courses.models import LessonPage
    from courses.seed import lessons_seed

    lessons_seed(province=hung_yen)
    return LessonPage.objects.live().first().url
