"""Both staff roles schedule classes and keep their points; either may enter a point's late head count.

What each sees and touches is narrowed to their province or commune by the admin screens; deleting stays with
the system admins (a point with a history is taken out of use instead).
"""

from django.db import migrations

GROUPS = ["Quản trị tỉnh", "Giảng viên xã"]
CODENAMES = [
    "view_livesession",
    "add_livesession",
    "change_livesession",
    "view_connectionpoint",
    "add_connectionpoint",
    "change_connectionpoint",
    "view_pointpresence",
    "change_pointpresence",
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist for this one.
    app_config = apps.get_app_config("livesessions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="livesessions", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="livesessions", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("livesessions", "0001_initial"),
        ("places", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
