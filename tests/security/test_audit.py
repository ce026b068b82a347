"""The staff audit log: exports and permission changes are recorded, and only admins read it, in their area."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from places.models import AuditAction, StaffAuditEntry, StaffRole
from places.services import staff_scope_assign, two_factor_policy_set
from tests.livesessions.conftest import make_point, make_session

from .conftest import PASSWORD

REPORT = "/admin/livesessions_session/{pk}/report/"
AUDIT = "/admin/places_audit/"


def _entries(action):
    return StaffAuditEntry.objects.filter(action=action)


def test_an_xlsx_export_of_the_live_report_is_logged_with_its_filter(client, provincial_admin, pho_hien):
    session = make_session(provincial_admin.staff_scope.province, points=[make_point(pho_hien, "PH-01")])
    client.force_login(provincial_admin)
    response = client.get(REPORT.format(pk=session.pk), {"export": "xlsx", "level": "xa"})
    assert response.status_code == 200
    entry = _entries(AuditAction.EXPORT).get()
    assert entry.user == provincial_admin and entry.username == "tinhdoan"
    assert entry.province == provincial_admin.staff_scope.province
    assert entry.detail["format"] == "xlsx"
    assert entry.detail["filters"] == {"level": "xa"}
    assert entry.detail["session"] == session.pk
    # Looking at the report without downloading it is not an export.
    client.get(REPORT.format(pk=session.pk))
    assert _entries(AuditAction.EXPORT).count() == 1


def test_adding_a_user_to_a_group_is_logged_with_who_did_it(client, commune_trainer, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    group = Group.objects.create(name="Nhóm thử nghiệm")
    before = _entries(AuditAction.USER_GROUPS_CHANGED).count()

    client.force_login(root)
    edit = reverse("wagtailusers_users:edit", args=[commune_trainer.pk])
    form = client.get(edit).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None and key != "password"}
    data.update(
        username="giangvien",
        email="gv@example.org",
        first_name="Giang",
        last_name="Viên",
        groups=[*commune_trainer.groups.values_list("pk", flat=True), group.pk],
        is_active="on",
    )
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    added = _entries(AuditAction.USER_GROUPS_CHANGED).exclude(pk__in=[]).order_by("-pk")
    assert added.count() > before
    entry = added.first()
    assert entry.username == "root"  # the acting user, not the one whose groups changed
    assert entry.detail == {"staff": "giangvien", "added": ["Nhóm thử nghiệm"]}
    assert entry.commune == commune_trainer.staff_scope.commune  # the area of the staff member concerned


def test_outside_a_request_the_change_is_logged_as_system(commune_trainer):
    group = Group.objects.create(name="Nhóm thử nghiệm")
    commune_trainer.groups.add(group)
    entry = _entries(AuditAction.USER_GROUPS_CHANGED).latest("pk")
    assert entry.username == "system" and entry.user is None


def test_scope_flags_permissions_policy_and_devices_are_logged(
    commune_trainer, other_commune_in_hung_yen, enrolled, django_user_model
):
    staff_scope_assign(user=commune_trainer, role=StaffRole.COMMUNE_TRAINER, commune=other_commune_in_hung_yen)
    assert _entries(AuditAction.SCOPE_CHANGED).latest("pk").detail["place"] == "Xã Ân Thi"

    commune_trainer.is_superuser = True
    commune_trainer.save()
    assert _entries(AuditAction.USER_FLAGS_CHANGED).latest("pk").detail["changed"] == {"is_superuser": True}

    commune_trainer.user_permissions.add(Permission.objects.get(codename="add_village"))
    assert _entries(AuditAction.USER_PERMISSIONS_CHANGED).latest("pk").detail["added"]

    group = Group.objects.get(name="Giảng viên xã")
    group.permissions.remove(Permission.objects.get(codename="access_admin"))
    entry = _entries(AuditAction.GROUP_PERMISSIONS_CHANGED).latest("pk")
    assert entry.detail == {"group": "Giảng viên xã", "removed": ["wagtailadmin.access_admin"]}

    two_factor_policy_set(province=other_commune_in_hung_yen.province, required=True)
    assert _entries(AuditAction.TWO_FACTOR_POLICY_CHANGED).latest("pk").detail == {"required": True}

    device = enrolled(commune_trainer)
    assert _entries(AuditAction.TWO_FACTOR_DEVICE_ADDED).count() == 1
    device.delete()
    assert _entries(AuditAction.TWO_FACTOR_DEVICE_REMOVED).count() == 1

    commune_trainer.staff_scope.delete()
    assert _entries(AuditAction.SCOPE_DELETED).count() == 1


def test_a_commune_trainer_cannot_see_the_log(client, commune_trainer):
    client.force_login(commune_trainer)
    response = client.get(AUDIT)
    assert response.status_code == 302 and response.url == "/admin/"
    assert AUDIT not in client.get("/admin/").content.decode()  # not in the menu either


def test_a_provincial_admin_sees_only_their_provinces_entries_and_can_export_them(
    client, provincial_admin, make_staff, other_province_commune
):
    make_staff("hanoi", StaffRole.COMMUNE_TRAINER, commune=other_province_commune)  # Hà Nội entries
    client.force_login(provincial_admin)
    page = client.get(AUDIT)
    assert page.status_code == 200
    html = page.content.decode()
    assert "tinhdoan" in html or "giangvien" in html or "Hưng Yên" in html
    assert "hanoi" not in html

    response = client.get(AUDIT, {"export": "csv", "action": AuditAction.SCOPE_CREATED})
    body = b"".join(response.streaming_content).decode()
    assert "hanoi" not in body
    entry = _entries(AuditAction.EXPORT).latest("pk")
    assert entry.detail["filters"] == {"action": "scope_created"}


@pytest.mark.parametrize("search", ["Nguyễn Văn A"])
def test_free_text_searches_are_not_kept_in_the_log(client, provincial_admin, search):
    client.force_login(provincial_admin)
    b"".join(client.get(AUDIT, {"export": "csv", "q": search}).streaming_content)
    assert search not in str(_entries(AuditAction.EXPORT).latest("pk").detail)
