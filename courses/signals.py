"""Staff scopes give lesson-editing rights: places cannot import courses, so courses listens."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.services import staff_course_access_grant
from places.models import StaffScope


@receiver(post_save, sender=StaffScope, dispatch_uid="courses_staff_scope_saved")
def staff_scope_saved(sender, instance: StaffScope, raw=False, **kwargs):
    if raw:  # loaddata: the groups come with the fixture
        return
    staff_course_access_grant(scope=instance)
