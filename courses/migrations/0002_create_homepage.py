"""Replace Wagtail's "Welcome" page with our HomePage at the site root (Wagtail's own project template way)."""

from django.db import migrations

INTRO = (
    "Bài học miễn phí, dễ hiểu, đọc được trên điện thoại: dùng dịch vụ công trực tuyến, hiểu luật trên "
    "không gian mạng và tránh lừa đảo qua mạng."
)
MOVEMENT = (
    "<p>Phong trào “Bình dân học vụ số” được phát động ngày 26/3/2025 để mọi người dân đều có kiến thức cơ "
    "bản về chuyển đổi số và kỹ năng số cơ bản, theo Kế hoạch 01-KH/BCĐTW ngày 21/3/2025. Phong trào "
    "học theo cách của phong trào “Bình dân học vụ” năm 1945, khi hơn 2,5 triệu người biết đọc, biết viết "
    "chỉ trong một năm.</p>"
    "<p>Đoàn Thanh niên tổ chức lớp học trực tuyến tới các điểm cầu ở từng thôn, tổ dân phố: “đi từng ngõ, "
    "gõ từng nhà, hướng dẫn từng người”.</p>"
)
MOTTO = "Toàn dân, toàn diện, không ai bị bỏ lại phía sau"


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("courses.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    Site.objects.all().delete()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="courses")
    homepage = HomePage.objects.create(
        title="Học kỹ năng số cho mọi người",
        draft_title="Học kỹ năng số cho mọi người",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        intro=INTRO,
        movement=MOVEMENT,
        motto=MOTTO,
        live=True,
        has_unpublished_changes=False,
    )
    Site.objects.create(hostname="localhost", port=80, root_page=homepage, is_default_site=True,
                        site_name="Bình dân học vụ số")


def remove_homepage(apps, schema_editor):
    apps.get_model("courses.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
