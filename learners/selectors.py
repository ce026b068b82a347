"""Reads about learners."""

from typing import Any

from courses.selectors import lessons_opened
from learners.models import Learner
from quizzes.selectors import learner_completions_export


def learner_data_export(learner: Learner) -> dict[str, Any]:
    """Everything we hold about this learner, as they can download it from "Dữ liệu của tôi"."""
    village = learner.village
    return {
        "ma_hoc_vien": str(learner.public_id),
        "ten_hien_thi": learner.display_name,
        "nam_sinh": learner.birth_year,
        "thon_to_dan_pho": village.name,
        "xa_phuong": village.commune.name,
        "tinh_thanh_pho": village.commune.province.name,
        "ngay_tham_gia": learner.created_at.isoformat(),
        "dong_y_luc": learner.consent_at.isoformat(),
        "phien_ban_thong_bao_quyen_rieng_tu": learner.consent_version,
        "bai_hoc_da_mo": lessons_opened(learner),
        "khoa_hoc_da_hoan_thanh": learner_completions_export(learner),
    }
