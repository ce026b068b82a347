"""A course in Hưng Yên with two lessons and a quiz holding one question of each type, and joined learners."""

import pytest
from django.conf import settings
from django.http import HttpResponse

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for
from learners.identity import remember_learner
from learners.services import learner_join
from quizzes.models import QuizPage
from quizzes.questions import FALSE, SAFE, SCAM, TRUE


def quiz_questions(lesson) -> list:
    """One question of each type; the right answers are the first choice, both first choices, False, Scam."""
    return [
        (
            "single_choice",
            {
                "prompt": "Tổng đài hỗ trợ của Cổng Dịch vụ công quốc gia là số nào?",
                "choices": [{"text": "18001096", "correct": True}, {"text": "Số lạ vừa gọi", "correct": False}],
                "explanation": "Tổng đài 18001096.",
                "lesson": lesson,
            },
        ),
        (
            "multiple_choice",
            {
                "prompt": "Dấu hiệu nào cho thấy tin nhắn là lừa đảo?",
                "choices": [
                    {"text": "Giục làm ngay", "correct": True},
                    {"text": "Đường link lạ", "correct": True},
                    {"text": "Người thân đã gọi hỏi lại", "correct": False},
                ],
                "explanation": "Kẻ gian giục và gửi link lạ.",
                "lesson": lesson,
            },
        ),
        (
            "true_false",
            {
                "statement": "Công an gọi điện yêu cầu chuyển tiền để phục vụ điều tra.",
                "is_true": False,
                "explanation": "Công an không yêu cầu chuyển tiền qua điện thoại.",
                "lesson": None,
            },
        ),
        (
            "scam_or_safe",
            {
                "channel": "sms",
                "sender": "0912 345 678",
                "message": "Tài khoản của bạn bị khoá. Bấm vào đây để xác minh: http://vcb-xacminh.top",
                "is_scam": True,
                "signs": [
                    {"text": "Đường link lạ", "is_red_flag": True},
                    {"text": "Giục làm ngay", "is_red_flag": True},
                    {"text": "Tin nhắn có dấu tiếng Việt", "is_red_flag": False},
                ],
                "explanation": "Ngân hàng không gửi link để xác minh tài khoản.",
                "lesson": lesson,
            },
        ),
    ]


@pytest.fixture
def course(hung_yen) -> CoursePage:
    section = course_section_for(province=hung_yen)
    course = section.add_child(
        instance=CoursePage(title="Phòng chống lừa đảo", theme=CourseTheme.SCAMS, summary="Nhận biết lừa đảo.")
    )
    return course


@pytest.fixture
def lesson(course) -> LessonPage:
    return course.add_child(instance=LessonPage(title="Tin nhắn giả ngân hàng", summary="Nhận biết tin nhắn giả."))


@pytest.fixture
def quiz(course, lesson) -> QuizPage:
    return course.add_child(
        instance=QuizPage(
            title="Kiểm tra: lừa đảo qua mạng", intro="Bốn câu hỏi.", pass_percent=75, questions=quiz_questions(lesson)
        )
    )


def right_answers(quiz: QuizPage) -> dict[str, dict]:
    """question id → the right answer's form data (choice_ids, sign_ids)."""
    answers = {}
    for q in quiz.question_list:
        answers[q.id] = {"choice_ids": sorted(q.correct), "sign_ids": sorted(q.red_flags)}
    return answers


def wrong_answer(question) -> list[str]:
    return [next(o.id for o in question.options if o.id not in question.correct)]


@pytest.fixture
def village(pho_hien):
    return pho_hien.villages.get(name="Thôn 3")


@pytest.fixture
def learner(village):
    return learner_join(village=village, display_name="Nguyễn Thị Năm")


def sign_in(client, learner) -> None:
    """Put the learner's signed cookie on the test client, as the join flow leaves it on a phone."""
    response = HttpResponse()
    remember_learner(response, learner)
    client.cookies[settings.LEARNER_COOKIE_NAME] = response.cookies[settings.LEARNER_COOKIE_NAME].value


__all__ = ["FALSE", "SAFE", "SCAM", "TRUE", "right_answers", "sign_in", "wrong_answer"]
