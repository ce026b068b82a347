"""Quiz questions as StreamField blocks: single choice, multiple choice, true/false and "scam or safe?".

Every question carries its explanation (shown only after the learner answers) and a link back to the lesson
that teaches it. Choices and warning signs are ListBlock items: Wagtail gives each a stable id, which is what
a learner's answer names, so an answer can be checked on the server and a tampered id recognised.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import SCAM_CHANNELS

GROUP_CHOICE = _("Choice questions")
GROUP_SCENARIO = _("Scenarios")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("this answer is right"), required=False)

    class Meta:
        icon = "tick"
        label = _("Answer")


def _explanation():
    return blocks.TextBlock(label=_("explanation"), help_text=_("Shown after the learner answers, right or wrong."))


def _lesson():
    return blocks.PageChooserBlock(
        label=_("lesson that teaches it"),
        page_type="courses.LessonPage",
        required=False,
        help_text=_("Offered as “Review this lesson” after the answer."),
    )


def _correct_count(value) -> int:
    return sum(1 for choice in value["choices"] if choice["correct"])


class _ChoicesQuestionBlock(blocks.StructBlock):
    """A question with a list of answers, some marked right; the subclasses say how many may be."""

    prompt = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(ChoiceBlock(), label=_("answers"), min_num=2, max_num=6)
    explanation = _explanation()
    lesson = _lesson()


class SingleChoiceQuestionBlock(_ChoicesQuestionBlock):
    def clean(self, value):
        value = super().clean(value)
        if _correct_count(value) != 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark exactly one answer as right."))}
            )
        return value

    class Meta:
        icon = "radio-full"
        template = "quizzes/blocks/question_preview.html"
        label = _("Single choice")
        group = GROUP_CHOICE
        description = _("A question with one right answer among several.")
        preview_value = {
            "prompt": "Số điện thoại tổng đài hỗ trợ của Cổng Dịch vụ công quốc gia là số nào?",
            "choices": [
                {"text": "18001096", "correct": True},
                {"text": "Số lạ nhắn tin cho bạn", "correct": False},
            ],
            "explanation": "Tổng đài 18001096 in trên Cổng Dịch vụ công quốc gia.",
        }


class MultipleChoiceQuestionBlock(_ChoicesQuestionBlock):
    def clean(self, value):
        value = super().clean(value)
        if _correct_count(value) < 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one answer as right."))}
            )
        return value

    class Meta:
        icon = "list-ul"
        template = "quizzes/blocks/question_preview.html"
        label = _("Multiple choice")
        group = GROUP_CHOICE
        description = _("A question where the learner ticks every right answer.")
        preview_value = {
            "prompt": "Dấu hiệu nào cho thấy tin nhắn là lừa đảo?",
            "choices": [
                {"text": "Giục bạn làm ngay", "correct": True},
                {"text": "Đường link lạ", "correct": True},
                {"text": "Gửi từ người thân bạn đã gọi hỏi lại", "correct": False},
            ],
            "explanation": "Kẻ gian hay giục và gửi đường link lạ.",
        }


class TrueFalseQuestionBlock(blocks.StructBlock):
    statement = blocks.TextBlock(label=_("statement"))
    is_true = blocks.BooleanBlock(label=_("the statement is true"), required=False)
    explanation = _explanation()
    lesson = _lesson()

    class Meta:
        icon = "help"
        template = "quizzes/blocks/question_preview.html"
        label = _("True or false")
        group = GROUP_CHOICE
        description = _("A statement the learner marks true or false.")
        preview_value = {
            "statement": "Công an có thể gọi điện yêu cầu bạn chuyển tiền để “phục vụ điều tra”.",
            "is_true": False,
            "explanation": "Công an không làm việc qua điện thoại để yêu cầu chuyển tiền.",
        }


class WarningSignBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("what the learner may notice"), max_length=200)
    is_red_flag = blocks.BooleanBlock(label=_("this is a real warning sign"), required=False)

    class Meta:
        icon = "warning"
        label = _("Sign")


class ScamOrSafeQuestionBlock(blocks.StructBlock):
    """A message shown as on a phone; the learner taps the warning signs they notice, then decides."""

    channel = blocks.ChoiceBlock(label=_("channel"), choices=SCAM_CHANNELS, default="sms")
    sender = blocks.CharBlock(label=_("sender shown"), max_length=120)
    message = blocks.TextBlock(label=_("message"))
    is_scam = blocks.BooleanBlock(label=_("this message is a scam"), required=False)
    signs = blocks.ListBlock(
        WarningSignBlock(),
        label=_("signs to tap"),
        min_num=2,
        max_num=6,
        help_text=_("What the learner may notice in the message; mark the real warning signs."),
    )
    explanation = _explanation()
    lesson = _lesson()

    class Meta:
        icon = "warning"
        template = "quizzes/blocks/question_preview.html"
        label = _("Scam or safe?")
        group = GROUP_SCENARIO
        description = _("A message scenario: the learner taps the warning signs, then says scam or safe.")
        preview_value = {
            "channel": "sms",
            "sender": "0912 345 678",
            "message": "Tai khoan cua ban bi khoa. Bam vao day de xac minh: http://vietcombank-xacminh.top",
            "is_scam": True,
            "signs": [
                {"text": "Đường link lạ", "is_red_flag": True},
                {"text": "Giục làm ngay", "is_red_flag": True},
            ],
            "explanation": "Ngân hàng không gửi đường link để “xác minh” tài khoản.",
        }


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    scam_or_safe = ScamOrSafeQuestionBlock()

    class Meta:
        min_num = 1
