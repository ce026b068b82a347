"""Learners inactive longer than the privacy notice says lose their name and their phone's link; figures stay."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import override

from courses.models import LessonVisit
from learners.identity import remember_learner
from learners.models import Learner
from learners.selectors import retention_cutoff
from livesessions.models import CheckIn

pytestmark = pytest.mark.django_db

MY_DATA = "/du-lieu-cua-toi/"


def _figures() -> dict:
    """What the reach figures are made of, per village."""
    return {
        "learners": list(Learner.objects.values("village").annotate(n=Count("pk")).order_by("village")),
        "check-ins": list(CheckIn.objects.values("village").annotate(n=Count("pk")).order_by("village")),
        "people checked in": list(
            CheckIn.objects.values("village").annotate(n=Count("learner", distinct=True)).order_by("village")
        ),
        "lessons opened": LessonVisit.objects.count(),
        "learners who opened a lesson": LessonVisit.objects.values("learner").distinct().count(),
    }


def _cookie(learner) -> str:
    response = HttpResponse()
    remember_learner(response, learner)
    return response.cookies[settings.LEARNER_COOKIE_NAME].value


@pytest.fixture
def three_years_on(facts):
    """Everything in `facts` happened three years ago, except that learner 0 opened a lesson last week."""
    long_ago = timezone.now() - timedelta(days=3 * 365)
    Learner.objects.update(created_at=long_ago)
    CheckIn.objects.update(created_at=long_ago)
    LessonVisit.objects.update(first_opened_at=long_ago)
    LessonVisit.objects.filter(learner=facts.learners[0], lesson=facts.lessons[1]).update(
        first_opened_at=timezone.now() - timedelta(days=7)
    )
    return facts


def test_inactive_learners_lose_name_and_cookie_while_every_village_figure_stays(three_years_on, client):
    facts = three_years_on
    active, idle = facts.learners[0], facts.learners[1]
    client.cookies[settings.LEARNER_COOKIE_NAME] = _cookie(idle)
    assert client.get(MY_DATA).status_code == 200  # recognised before
    before = _figures()

    call_command("learners_anonymise_inactive")

    assert _figures() == before
    idle.refresh_from_db()
    assert (idle.display_name, idle.birth_year) == ("", None)
    assert idle.anonymised_at is not None
    assert "Học viên 1" not in str(idle)
    assert not Learner.objects.filter(display_name__in=[f"Học viên {n}" for n in range(1, 6)]).exists()
    page = client.get(MY_DATA)  # the phone's old cookie finds nobody now
    assert page.status_code == 302 and page["Location"].startswith("/tham-gia/")

    active.refresh_from_db()
    assert (active.display_name, active.birth_year, active.anonymised_at) == ("Học viên 0", 1950, None)
    client.cookies[settings.LEARNER_COOKIE_NAME] = _cookie(active)
    assert client.get(MY_DATA).status_code == 200


def test_a_learner_who_joined_recently_without_doing_anything_yet_is_kept(three_years_on):
    newcomer = Learner.objects.create(
        village=three_years_on.learners[0].village,
        display_name="Cô Hoa",
        consent_at=timezone.now(),
        consent_version="x",
    )
    call_command("learners_anonymise_inactive")
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Cô Hoa" and newcomer.anonymised_at is None


def test_a_class_attended_within_the_period_keeps_the_learner(three_years_on):
    learner = three_years_on.learners[2]
    CheckIn.objects.filter(learner=learner).update(created_at=timezone.now() - timedelta(days=30))
    call_command("learners_anonymise_inactive")
    learner.refresh_from_db()
    assert learner.display_name == "Học viên 2"


def test_a_dry_run_counts_but_changes_nothing(three_years_on, capsys):
    rows = list(Learner.objects.order_by("pk").values())
    call_command("learners_anonymise_inactive", dry_run=True)
    assert "5 learner(s) would be anonymised" in capsys.readouterr().out
    assert list(Learner.objects.order_by("pk").values()) == rows


def test_running_it_again_changes_no_one_already_anonymised(three_years_on, capsys):
    call_command("learners_anonymise_inactive")
    first = list(Learner.objects.order_by("pk").values("public_id", "anonymised_at"))
    call_command("learners_anonymise_inactive")
    assert "Anonymised 0 learner(s)" in capsys.readouterr().out.splitlines()[-1]
    assert list(Learner.objects.order_by("pk").values("public_id", "anonymised_at")) == first


def test_the_period_counts_calendar_months():
    assert retention_cutoff(now=datetime(2028, 3, 31, 9, tzinfo=UTC), months=1) == datetime(2028, 2, 29, 9, tzinfo=UTC)
    assert retention_cutoff(now=datetime(2028, 11, 22, tzinfo=UTC), months=24) == datetime(2026, 11, 22, tzinfo=UTC)


def test_the_privacy_notice_states_the_period_the_command_applies(client, settings):
    settings.LEARNER_RETENTION_MONTHS = 18
    with override("en"):
        html = client.get("/quyen-rieng-tu/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "18" in html
    assert "your name and year of birth are erased" in html or "18 tháng" in html
