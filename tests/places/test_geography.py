import pytest
from django.core.management import call_command

from places.models import Commune, Province
from places.text import fold_diacritics


@pytest.mark.django_db
def test_geography_import_loads_34_provinces_and_3321_communes_and_a_second_run_changes_nothing(capsys):
    call_command("import_geography")
    first = capsys.readouterr().out
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    assert "34 (thêm mới 34, cập nhật 0)" in first
    assert "3321 (thêm mới 3321, cập nhật 0)" in first

    snapshot = list(Commune.objects.order_by("code").values_list("code", "name", "province__code"))
    call_command("import_geography")
    second = capsys.readouterr().out
    assert "34 (thêm mới 0, cập nhật 0)" in second
    assert "3321 (thêm mới 0, cập nhật 0)" in second
    assert list(Commune.objects.order_by("code").values_list("code", "name", "province__code")) == snapshot


def test_hung_yen_has_its_104_communes_with_clean_names(hung_yen):
    communes = Commune.objects.filter(province=hung_yen)
    assert communes.count() == 104
    # The source has a stray double space ("Xã  Bắc Đông Quan"); names are stored single-spaced.
    assert communes.filter(name="Xã Bắc Đông Quan").exists()
    assert not communes.filter(name__contains="  ").exists()


def test_a_renamed_commune_is_updated_in_place_not_duplicated(geography):
    commune = Commune.objects.get(name="Phường Phố Hiến")
    Commune.objects.filter(pk=commune.pk).update(name="Tên cũ")
    call_command("import_geography")
    commune.refresh_from_db()
    assert commune.name == "Phường Phố Hiến"
    assert Commune.objects.count() == 3321


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Thôn 3", "thon 3"), ("thon 3", "thon 3"), ("Tổ dân phố Đông", "to dan pho dong"), ("Xã  Ân   Thi", "xa an thi")],
)
def test_folding_lets_people_type_without_diacritics(typed, folded):
    assert fold_diacritics(typed) == folded
