"""Trainers write and submit lessons, their province's admins approve and publish, nobody crosses provinces.

All through Wagtail's own admin views, as the staff would use them.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, LessonPage
from courses.services import course_section_for
from places.models import StaffRole
from tests.courses.conftest import tr

PASSWORD = "mat-khau-thu-nghiem-2026"


def lesson_form(title="Nhận biết cuộc gọi giả danh công an", **actions):
    return (
        nested_form_data(
            {
                "title": title,
                "slug": "cuoc-goi-gia-danh-cong-an",
                "summary": "Công an không gọi điện bắt chuyển tiền.",
                "estimated_minutes": 10,
                "body": streamfield([("paragraph", rich_text("<p>Cúp máy, gọi 113.</p>"))]),
                "sources": streamfield([]),
            }
        )
        | actions
    )


def staff_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def hanoi_trainer(make_staff, other_province_commune):
    return make_staff("giangvien.hanoi", StaffRole.COMMUNE_TRAINER, commune=other_province_commune)


@pytest.fixture
def submitted_lesson(client, commune_trainer, course):
    """A trainer of Phường Phố Hiến wrote a lesson and pressed "Submit for moderation"."""
    staff_client(client, commune_trainer)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    response = client.post(url, lesson_form(**{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return LessonPage.objects.get(slug="cuoc-goi-gia-danh-cong-an")


def test_a_staff_scope_gives_the_province_its_section_groups_and_workflow(commune_trainer, provincial_admin, hung_yen):
    section = CourseIndexPage.objects.get(province=hung_yen)
    assert section.title == "Bài học — Hưng Yên"
    assert section.live
    assert commune_trainer.groups.filter(name="Giảng viên xã · Hưng Yên").exists()
    assert provincial_admin.groups.filter(name="Quản trị tỉnh · Hưng Yên").exists()
    assert section.get_workflow().name == "Duyệt bài học — Hưng Yên"
    task = section.get_workflow().tasks.get().specific
    assert list(task.groups.all()) == [Group.objects.get(name="Quản trị tỉnh · Hưng Yên")]


def test_making_the_section_again_changes_nothing(hung_yen):
    first = course_section_for(province=hung_yen)
    counts = (Page.objects.count(), Group.objects.count())
    assert course_section_for(province=hung_yen) == first
    assert (Page.objects.count(), Group.objects.count()) == counts


def test_a_national_section_can_exist_beside_the_provinces(db):
    section = course_section_for(province=None)
    assert section.province is None and section.slug == "bai-hoc"
    assert course_section_for(province=None) == section


def test_a_trainer_who_submits_a_lesson_sends_it_for_approval_without_publishing_it(submitted_lesson):
    assert not submitted_lesson.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(submitted_lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Duyệt bài học — Hưng Yên"


def test_a_trainer_cannot_publish_directly(client, commune_trainer, course):
    staff_client(client, commune_trainer)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    client.post(url, lesson_form(**{"action-publish": "1"}))
    assert not LessonPage.objects.filter(slug="cuoc-goi-gia-danh-cong-an", live=True).exists()


def test_the_provincial_admin_approves_and_the_lesson_goes_live(client, submitted_lesson, provincial_admin):
    state = submitted_lesson.current_workflow_task_state
    staff_client(client, provincial_admin)
    url = reverse("wagtailadmin_pages:workflow_action", args=[submitted_lesson.pk, "approve", state.pk])
    response = client.post(url, {"comment": "Đã duyệt"})
    assert response.status_code in (200, 302)
    submitted_lesson.refresh_from_db()
    assert submitted_lesson.live
    assert client.get(submitted_lesson.url).status_code == 200


def test_a_trainer_of_another_province_cannot_open_a_hung_yen_lesson_in_the_editor(client, lessons, hanoi_trainer):
    staff_client(client, hanoi_trainer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]), follow=True)
    # Wagtail's "not permitted": back to the admin home with its message, not the editor.
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert [str(m).strip() for m in response.context["messages"]] == [
        tr("Sorry, you do not have permission to access this area.")
    ]


def test_a_trainer_of_another_province_cannot_change_or_publish_a_hung_yen_lesson(client, lessons, hanoi_trainer):
    staff_client(client, hanoi_trainer)
    url = reverse("wagtailadmin_pages:edit", args=[lessons[0].pk])
    client.post(url, lesson_form(title="Bị sửa trộm", **{"action-publish": "1"}))
    lessons[0].refresh_from_db()
    assert lessons[0].title == "Nhận biết tin nhắn lừa đảo"
    assert not lessons[0].has_unpublished_changes


def test_a_trainer_of_another_province_cannot_add_a_lesson_under_a_hung_yen_course(client, course, hanoi_trainer):
    staff_client(client, hanoi_trainer)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", course.pk])
    response = client.post(url, lesson_form(**{"action-submit": "1"}))
    assert response.status_code in (302, 403)
    assert not LessonPage.objects.filter(slug="cuoc-goi-gia-danh-cong-an").exists()


def test_the_trainer_edits_a_lesson_of_their_province(client, lessons, commune_trainer):
    staff_client(client, commune_trainer)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[lessons[0].pk])).status_code == 200


def test_a_trainer_moved_to_another_province_loses_the_old_provinces_group(
    make_staff, pho_hien, other_province_commune
):
    from places.services import staff_scope_assign

    user = make_staff("chuyen.tinh", StaffRole.COMMUNE_TRAINER, commune=pho_hien)
    staff_scope_assign(user=user, role=StaffRole.COMMUNE_TRAINER, commune=other_province_commune)
    names = set(user.groups.values_list("name", flat=True))
    assert "Giảng viên xã · Thành phố Hà Nội" in names
    assert "Giảng viên xã · Hưng Yên" not in names


def test_a_trainer_previews_a_new_lesson_before_submitting_it(client, commune_trainer, course):
    staff_client(client, commune_trainer)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["courses", "lessonpage", course.pk])
    assert client.post(url, lesson_form()).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Cúp máy, gọi 113." in response.content.decode()
    assert not LessonPage.objects.exists()


def test_a_trainer_previews_changes_to_a_lesson(client, commune_trainer, lessons):
    staff_client(client, commune_trainer)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lessons[1].pk])
    assert client.post(url, lesson_form(title="Chữ ký số (bản sửa)")).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Chữ ký số (bản sửa)" in html
    assert tr("Lesson %(number)s / %(count)s", number=2, count=3) in html
