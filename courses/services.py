"""Writes about lessons: the per-province course sections with their editorial set-up, and learners' progress."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import CourseIndexPage, HomePage, LessonPage, LessonVisit
from places.models import Province, StaffRole
from places.text import fold_diacritics

# Group names carry the province so the admin's group list reads plainly; the prefixes find a user's old ones.
TRAINER_GROUP_PREFIX = "Giảng viên xã · "
ADMIN_GROUP_PREFIX = "Quản trị tỉnh · "

# Trainers write and submit for approval; provincial admins also publish (Wagtail's page permission types).
TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
ADMIN_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "publish_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _group_with_permissions(*, name: str, section: CourseIndexPage, page_codenames: list[str], collection) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in page_codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=_page_permission(codename))
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    return group


@transaction.atomic
def course_section_for(*, province: Province | None) -> CourseIndexPage:
    """The course section of `province` (or the national one for None), created with its editorial set-up.

    Idempotent. For a province it also ensures the groups "Giảng viên xã · <province>" (add and edit pages
    in the section) and "Quản trị tỉnh · <province>" (also publish), a picture/file collection both groups
    use, and the workflow "Duyệt bài học — <province>" whose one step the admins' group approves.
    """
    section = CourseIndexPage.objects.filter(province=province).first()
    if section is None:
        home = HomePage.objects.get()
        if province is None:
            title, slug = "Bài học", "bai-hoc"
        else:
            title, slug = f"Bài học — {province.name}", f"bai-hoc-{slugify(fold_diacritics(province.name))}"
        section = home.add_child(instance=CourseIndexPage(title=title, slug=slug, province=province, live=True))
    if province is None:
        return section

    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=province.name).first()
    if collection is None:
        collection = root_collection.add_child(name=province.name)

    _group_with_permissions(
        name=f"{TRAINER_GROUP_PREFIX}{province.name}",
        section=section,
        page_codenames=TRAINER_PAGE_PERMISSIONS,
        collection=collection,
    )
    admins = _group_with_permissions(
        name=f"{ADMIN_GROUP_PREFIX}{province.name}",
        section=section,
        page_codenames=ADMIN_PAGE_PERMISSIONS,
        collection=collection,
    )

    workflow, _created = Workflow.objects.get_or_create(name=f"Duyệt bài học — {province.name}")
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=f"Tỉnh đoàn {province.name} duyệt")
        task.groups.set([admins])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return section


@transaction.atomic
def staff_course_access_grant(*, scope) -> None:
    """Put a staff user in the lesson-editing group of their province for their role, and out of any other."""
    province = scope.province if scope.role == StaffRole.PROVINCIAL_ADMIN else scope.commune.province
    course_section_for(province=province)  # makes the groups if this is the province's first staff member
    prefix = ADMIN_GROUP_PREFIX if scope.role == StaffRole.PROVINCIAL_ADMIN else TRAINER_GROUP_PREFIX
    wanted = Group.objects.get(name=f"{prefix}{province.name}")
    user = scope.user
    stale = user.groups.filter(name__startswith=TRAINER_GROUP_PREFIX) | user.groups.filter(
        name__startswith=ADMIN_GROUP_PREFIX
    )
    user.groups.remove(*stale.exclude(pk=wanted.pk))
    user.groups.add(wanted)


def lesson_visit_record(*, learner, lesson: LessonPage) -> LessonVisit:
    """Record that `learner` opened `lesson`; opening it again keeps the first time."""
    visit, _created = LessonVisit.objects.get_or_create(learner=learner, lesson=lesson)
    return visit
