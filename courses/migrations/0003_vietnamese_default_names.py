"""Wagtail's default groups, moderation workflow and root page carry English names into the admin; give them
Vietnamese ones (data, so the catalogue cannot reach them)."""

from django.db import migrations

RENAMES = {
    "auth.Group": [("Moderators", "Kiểm duyệt viên"), ("Editors", "Biên tập viên")],
    "wagtailcore.Workflow": [("Moderators approval", "Kiểm duyệt viên duyệt")],
    "wagtailcore.Task": [("Moderators approval", "Kiểm duyệt viên duyệt")],
}


def rename(apps, schema_editor, reverse=False):
    for model_name, pairs in RENAMES.items():
        model = apps.get_model(model_name)
        for english, vietnamese in pairs:
            old, new = (vietnamese, english) if reverse else (english, vietnamese)
            model.objects.filter(name=old).update(name=new)
    Page = apps.get_model("wagtailcore.Page")
    old, new = ("Gốc", "Root") if reverse else ("Root", "Gốc")
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
