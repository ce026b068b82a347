from django.contrib.auth import get_user_model

from learners.services import learner_join
from places.models import Commune, Province, Village
from places.selectors import in_scope


def test_a_commune_trainer_sees_only_their_communes_villages(
    commune_trainer, pho_hien, other_commune_in_hung_yen, other_province_commune
):
    villages = in_scope(Village.objects.all(), commune_trainer)
    assert set(villages.values_list("commune", flat=True)) == {pho_hien.pk}
    assert villages.count() == 5
    assert list(in_scope(Commune.objects.all(), commune_trainer)) == [pho_hien]
    assert list(in_scope(Province.objects.all(), commune_trainer)) == [pho_hien.province]


def test_a_provincial_admin_sees_only_their_province(
    provincial_admin, hung_yen, pho_hien, other_commune_in_hung_yen, other_province_commune
):
    villages = in_scope(Village.objects.all(), provincial_admin)
    assert set(villages.values_list("commune", flat=True)) == {pho_hien.pk, other_commune_in_hung_yen.pk}
    assert in_scope(Commune.objects.all(), provincial_admin).count() == 104
    assert list(in_scope(Province.objects.all(), provincial_admin)) == [hung_yen]


def test_learners_are_filtered_by_the_same_selector(
    commune_trainer, provincial_admin, pho_hien, other_commune_in_hung_yen, other_province_commune
):
    from learners.models import Learner

    here = learner_join(village=pho_hien.villages.first())
    elsewhere_in_province = learner_join(village=other_commune_in_hung_yen.villages.first())
    learner_join(village=other_province_commune.villages.first())
    assert list(in_scope(Learner.objects.all(), commune_trainer)) == [here]
    assert set(in_scope(Learner.objects.all(), provincial_admin)) == {here, elsewhere_in_province}


def test_staff_without_a_scope_and_anonymous_visitors_see_nothing(pho_hien):
    from django.contrib.auth.models import AnonymousUser

    no_scope = get_user_model().objects.create_user("khach", is_staff=True)
    assert not in_scope(Village.objects.all(), no_scope).exists()
    assert not in_scope(Village.objects.all(), AnonymousUser()).exists()


def test_assigning_a_role_puts_the_user_in_that_roles_group_only(make_staff, hung_yen, pho_hien):
    from places.models import StaffRole
    from places.services import staff_scope_assign

    user = make_staff("canbo", StaffRole.COMMUNE_TRAINER, commune=pho_hien)
    # The role's group; courses adds the province's lesson-editing group ("Giảng viên xã · Hưng Yên").
    assert list(user.groups.exclude(name__contains=" · ").values_list("name", flat=True)) == ["Giảng viên xã"]
    assert user.is_staff
    staff_scope_assign(user=user, role=StaffRole.PROVINCIAL_ADMIN, province=hung_yen)
    assert list(user.groups.exclude(name__contains=" · ").values_list("name", flat=True)) == ["Quản trị tỉnh"]
    assert in_scope(Commune.objects.all(), user).count() == 104


def test_an_operator_assigns_a_scope_from_the_command_line(pho_hien, capsys):
    import pytest
    from django.core.management import CommandError, call_command

    get_user_model().objects.create_user("canbo.moi")
    call_command("assign_staff_scope", "canbo.moi", "--commune", pho_hien.code)
    assert "canbo.moi là Giảng viên xã của Phường Phố Hiến." in capsys.readouterr().out
    user = get_user_model().objects.get(username="canbo.moi")
    assert list(in_scope(Commune.objects.all(), user)) == [pho_hien]

    with pytest.raises(CommandError, match="Không có tỉnh hoặc xã nào mã 99999"):
        call_command("assign_staff_scope", "canbo.moi", "--commune", "99999")
    assert list(in_scope(Commune.objects.all(), user)) == [pho_hien]
