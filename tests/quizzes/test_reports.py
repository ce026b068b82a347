"""Quiz figures for trainers and the province: per commune and village at the time, what to teach again,
group runs apart, exports equal to the screen, and nothing outside the viewer's scope."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from learners.services import learner_join, learner_update
from livesessions.scheduling import point_create, session_schedule
from places.models import AuditAction, StaffAuditEntry, StaffRole, Village
from places.selectors import in_scope
from quizzes.group import group_results_by_village
from quizzes.models import GroupQuizRun
from quizzes.selectors import quiz_figures
from quizzes.services import answer_record, attempt_start
from tests.html_tables import Tables
from tests.quizzes.conftest import right_answers, wrong_answer

pytestmark = pytest.mark.django_db


def take(quiz, learner, *, wrong_numbers=()) -> None:
    """The learner answers every question, wrong on the questions numbered in `wrong_numbers` (1-based)."""
    attempt = attempt_start(learner=learner, quiz=quiz)
    right = right_answers(quiz)
    for number, question in enumerate(quiz.question_list, start=1):
        data = {"choice_ids": wrong_answer(question)} if number in wrong_numbers else right[question.id]
        answer_record(learner=learner, attempt_id=attempt.public_id, question_id=question.id, **data)


@pytest.fixture
def recorded(quiz, pho_hien, other_commune_in_hung_yen):
    """Four learners in three villages of two communes. Pass mark 75 % of 4 questions: three right needed.

    Thôn 3: Năm passes (completes the course) then moves to Thôn 10; Tư fails (wrong on 1 and 2).
    Thôn 1: Ba passes with question 4 wrong.  Ân Thi 1: Sáu passes with question 2 wrong.
    Wrong shares: question 2 → 2/4, question 1 → 1/4, question 4 → 1/4, question 3 → 0.
    """
    thon3, thon1 = pho_hien.villages.get(name="Thôn 3"), pho_hien.villages.get(name="Thôn 1")
    an_thi = other_commune_in_hung_yen.villages.get()
    nam = learner_join(village=thon3, display_name="Năm")
    take(quiz, nam)
    take(quiz, learner_join(village=thon3, display_name="Tư"), wrong_numbers={1, 2})
    take(quiz, learner_join(village=thon1, display_name="Ba"), wrong_numbers={4})
    take(quiz, learner_join(village=an_thi, display_name="Sáu"), wrong_numbers={2})
    learner_update(learner=nam, village=pho_hien.villages.get(name="Thôn 10"), display_name="Năm")
    attempt_start(learner=nam, quiz=quiz)  # a retake begun in Thôn 10, not finished: no finished attempt there
    return quiz


@pytest.fixture
def group_run(recorded, hung_yen, pho_hien):
    """A hall of 40 in Thôn 1 answered the quiz by show of hands during a live class."""
    point, _token = point_create(
        code="PH-01", name="Nhà văn hoá Thôn 1", commune=pho_hien, village=pho_hien.villages.get(name="Thôn 1")
    )
    start = timezone.now()
    session = session_schedule(
        title="Lớp lừa đảo",
        province=hung_yen,
        commune=None,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=1),
    )
    return GroupQuizRun.objects.create(
        quiz=recorded,
        session=session,
        point=point,
        village=point.village,
        headcount=40,
        question_ids=[q.id for q in recorded.question_list],
        finished_at=timezone.now(),
        correct_hands=120,
        total_hands=160,
        passed=True,
    )


def report_url(quiz) -> str:
    return reverse("quizzes_report:quiz", args=[quiz.pk])


def screen_tables(client, quiz) -> dict[str, list[list[str]]]:
    response = client.get(report_url(quiz))
    assert response.status_code == 200
    return Tables(response.content.decode()).tables


def rows_by_place(rows: list[list[str]], *, columns: int) -> dict[tuple, list[str]]:
    return {tuple(row[:columns]): row[columns:] for row in rows[1:]}


def test_figures_count_the_village_at_the_time_and_do_not_move_with_the_learner(client, provincial_admin, recorded):
    client.force_login(provincial_admin)
    villages = rows_by_place(screen_tables(client, recorded)["by-village"], columns=2)
    # attempts finished, passed, pass rate, learners, learners who passed, course completions
    assert villages[("Phường Phố Hiến", "Thôn 3")] == ["2", "1", "50 %", "2", "1", "1"]
    assert villages[("Phường Phố Hiến", "Thôn 1")] == ["1", "1", "100 %", "1", "1", "1"]
    assert villages[("Xã Ân Thi", "Thôn Ân Thi 1")] == ["1", "1", "100 %", "1", "1", "1"]
    assert ("Phường Phố Hiến", "Thôn 10") not in villages  # Năm moved there after completing: history stays
    communes = rows_by_place(screen_tables(client, recorded)["by-commune"], columns=1)
    assert communes[("Phường Phố Hiến",)] == ["3", "2", "67 %", "3", "2", "2"]
    assert communes[("Xã Ân Thi",)] == ["1", "1", "100 %", "1", "1", "1"]
    assert communes[("Tổng cộng",)] == ["4", "3", "75 %", "4", "3", "3"]


def test_a_village_completion_rises_when_one_more_learner_completes(client, commune_trainer, recorded, pho_hien):
    client.force_login(commune_trainer)
    before = rows_by_place(screen_tables(client, recorded)["by-village"], columns=2)[("Phường Phố Hiến", "Thôn 1")]
    take(recorded, learner_join(village=pho_hien.villages.get(name="Thôn 1"), display_name="Bảy"))
    after = rows_by_place(screen_tables(client, recorded)["by-village"], columns=2)[("Phường Phố Hiến", "Thôn 1")]
    assert (before[-1], after[-1]) == ("1", "2")


def test_the_questions_answered_wrong_most_often_come_first(client, provincial_admin, recorded):
    client.force_login(provincial_admin)
    rows = screen_tables(client, recorded)["most-wrong"][1:]
    # number, question, share wrong, wrong answers, answers — ties on share and count keep the quiz's order
    assert [(row[0], row[2], row[3], row[4]) for row in rows] == [
        ("2", "50 %", "2", "4"),
        ("1", "25 %", "1", "4"),
        ("4", "25 %", "1", "4"),
        ("3", "0 %", "0", "4"),
    ]
    assert rows[0][1] == "Dấu hiệu nào cho thấy tin nhắn là lừa đảo?"
    assert "0912 345 678: “Tài khoản của bạn bị khoá." in rows[2][1]  # a scenario named by its message


def test_group_runs_are_shown_apart_and_never_added_to_individual_figures(client, provincial_admin, group_run):
    client.force_login(provincial_admin)
    tables = screen_tables(client, group_run.quiz)
    groups = rows_by_place(tables["group-runs"], columns=2)
    # runs, people in the halls, runs passed, share of hands on the right answer
    assert groups[("Phường Phố Hiến", "Thôn 1")] == ["1", "40", "1", "75 %"]
    communes = rows_by_place(tables["by-commune"], columns=1)
    assert communes[("Tổng cộng",)][:4] == ["4", "3", "75 %", "4"]  # the hall of 40 is not in here
    assert rows_by_place(tables["by-village"], columns=2)[("Phường Phố Hiến", "Thôn 1")][0] == "1"


def test_group_figures_agree_with_the_group_modes_own_selector(provincial_admin, group_run):
    ours = quiz_figures(group_run.quiz, user=provincial_admin).groups
    theirs = group_results_by_village(quiz=group_run.quiz, villages=in_scope(Village.objects.all(), provincial_admin))
    assert [(row.village_id, row.runs, row.people, row.runs_passed) for row in ours] == [
        (row.village_id, row.runs, row.people_reached, row.passed_runs) for row in theirs
    ]


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _xlsx(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def _as_export(row: list[str]) -> list[str]:
    # The screen writes "75 %" and "—"; the spreadsheet holds the number, or nothing.
    return ["" if cell == "—" else cell.removesuffix(" %") for cell in row]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_hold_the_same_figures_as_the_screen(client, provincial_admin, group_run, fmt):
    client.force_login(provincial_admin)
    screen = screen_tables(client, group_run.quiz)
    read = _csv if fmt == "csv" else _xlsx

    def export(table):
        response = client.get(report_url(group_run.quiz), {"export": fmt, "table": table})
        assert response.status_code == 200
        assert f"bai-kiem-tra-{group_run.quiz.pk}-{table}.{fmt}" in response["Content-Disposition"]
        return read(response)

    village_rows = export("thon")
    expected = [_as_export(row) for row in screen["by-village"][1:]]
    assert village_rows[1:-1] == expected
    assert village_rows[-1][2:] == _as_export(screen["by-commune"][-1][1:])  # the total row

    assert export("xa")[1:] == [_as_export(row) for row in screen["by-commune"][1:]]

    questions = export("cau-hoi")[1:]
    assert [[row[0], row[1], row[4], row[3], row[2]] for row in questions] == [
        _as_export(row) for row in screen["most-wrong"][1:]
    ]
    groups = export("nhom")[1:]
    screen_groups = [_as_export(row) for row in screen["group-runs"][1:]]
    assert groups[:-1] == screen_groups[:-1]
    assert groups[-1][2:] == screen_groups[-1][1:] and groups[-1][0] == screen_groups[-1][0]


def test_every_export_is_recorded_in_the_staff_audit_log(client, provincial_admin, recorded):
    client.force_login(provincial_admin)
    response = client.get(report_url(recorded), {"export": "xlsx", "table": "xa"})
    assert response.status_code == 200
    entry = StaffAuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.user == provincial_admin
    assert entry.detail["quiz"] == recorded.pk and entry.detail["table"] == "xa" and entry.detail["format"] == "xlsx"
    assert client.get(report_url(recorded)).status_code == 200
    assert StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1  # viewing is not exporting


def test_a_trainer_sees_only_their_own_commune(
    client, recorded, make_staff, other_commune_in_hung_yen, commune_trainer
):
    client.force_login(commune_trainer)  # Phường Phố Hiến
    tables = screen_tables(client, recorded)
    assert {row[0] for row in tables["by-village"][1:]} == {"Phường Phố Hiến"}
    assert [row[0] for row in tables["by-commune"][1:]] == ["Phường Phố Hiến", "Tổng cộng"]
    most_wrong = {row[0]: row[4] for row in tables["most-wrong"][1:]}
    assert most_wrong["2"] == "3"  # Ân Thi's answers are not counted

    an_thi_trainer = make_staff("anthi", StaffRole.COMMUNE_TRAINER, commune=other_commune_in_hung_yen)
    client.force_login(an_thi_trainer)
    page = client.get(report_url(recorded)).content.decode()
    assert "Phường Phố Hiến" not in page and "Thôn 3" not in page
    export = _csv(client.get(report_url(recorded), {"export": "csv", "table": "thon"}))
    assert {row[0] for row in export[1:-1]} == {"Xã Ân Thi"}


def test_another_province_and_staff_without_a_scope_are_refused(client, recorded, make_staff, other_province_commune):
    ha_noi_admin = make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)
    client.force_login(ha_noi_admin)
    assert client.get(report_url(recorded)).status_code == 404
    assert client.get(report_url(recorded), {"export": "xlsx"}).status_code == 404
    index = client.get(reverse("quizzes_report:index"))
    assert index.status_code == 200 and recorded.title not in index.content.decode()

    no_scope = get_user_model().objects.create_user(username="khongphamvi", password="x", is_staff=True)
    no_scope.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(no_scope)
    # Wagtail's admin answers a refused permission with a message and a redirect to its home.
    for url in (reverse("quizzes_report:index"), report_url(recorded)):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("quizzes_report:index") not in home  # no menu entry either


def test_the_admin_menu_lists_the_quizzes_in_scope(client, provincial_admin, recorded):
    client.force_login(provincial_admin)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("quizzes_report:index") in home
    index = client.get(reverse("quizzes_report:index")).content.decode()
    assert recorded.title in index and report_url(recorded) in index


def test_figures_are_recounted_from_the_facts_in_few_queries(django_assert_max_num_queries, provincial_admin, recorded):
    with django_assert_max_num_queries(14):
        figures = quiz_figures(recorded, user=provincial_admin)
    assert figures.total.attempts == 4
