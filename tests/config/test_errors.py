"""A database outage tells the villager to press again in a moment; any other failure is the plain 500."""

import html

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path
from django.utils.translation import gettext

import config.urls


def _outage(request):
    raise OperationalError("couldn't get a connection after 10.00 sec")


def _bug(request):
    raise ValueError("a bug")


urlpatterns = [path("outage/", _outage), path("bug/", _bug), *config.urls.urlpatterns]
handler500 = config.urls.handler500


@pytest.fixture
def client_seeing_errors(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_when_the_database_cannot_be_reached_the_page_says_to_press_again_in_a_moment(client_seeing_errors):
    response = client_seeing_errors.get("/outage/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    page = html.unescape(response.content.decode())
    assert gettext("Busy for a moment") in page
    assert "couldn't get a connection" not in page  # nothing technical shown


def test_any_other_failure_is_the_plain_server_error(client_seeing_errors):
    response = client_seeing_errors.get("/bug/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert gettext("Something went wrong") in html.unescape(response.content.decode())
