"""A quiz's questions read from its StreamField into plain values, and how an answer is checked.

Pure functions, no database: the learner's answer and the hall's show of hands are both scored here, so an
individual attempt and a group run can never disagree about what "right" means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
TRUE_FALSE = "true_false"
SCAM_OR_SAFE = "scam_or_safe"

# Fixed option ids for the two-way questions (their blocks have no list of choices).
TRUE, FALSE = "true", "false"
SCAM, SAFE = "scam", "safe"


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """One question as a learner meets it. `correct` is the set of option ids that make the right answer."""

    id: str
    kind: str
    prompt: str
    options: tuple[Option, ...]
    correct: frozenset[str]
    explanation: str
    lesson: object | None = None  # a LessonPage, or None
    # "Scam or safe?" only: the message and the signs the learner may tap (`red_flags`: the real ones).
    channel: str = ""
    sender: str = ""
    message: str = ""
    signs: tuple[Option, ...] = ()
    red_flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def many_answers(self) -> bool:
        """True when the learner may pick several options (multiple choice)."""
        return self.kind == MULTIPLE

    def option_text(self, option_id: str) -> str:
        return next((o.text for o in self.options if o.id == option_id), "")


class AnswerError(ValueError):
    """An answer that cannot be recorded. `code` is a stable word; `message` is for the learner."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def questions_from_stream(stream) -> list[Question]:
    """The questions of a quiz's `questions` StreamField, in order."""
    return [_question(child) for child in stream]


def _question(child) -> Question:
    value = child.value
    common = {"id": child.id, "kind": child.block_type, "explanation": value["explanation"], "lesson": value["lesson"]}
    if child.block_type in (SINGLE, MULTIPLE):
        items = list(value["choices"].bound_blocks)
        return Question(
            prompt=value["prompt"],
            options=tuple(Option(item.id, item.value["text"]) for item in items),
            correct=frozenset(item.id for item in items if item.value["correct"]),
            **common,
        )
    if child.block_type == TRUE_FALSE:
        return Question(
            prompt=value["statement"],
            options=(Option(TRUE, str(_("True"))), Option(FALSE, str(_("False")))),
            correct=frozenset({TRUE if value["is_true"] else FALSE}),
            **common,
        )
    if child.block_type == SCAM_OR_SAFE:
        signs = list(value["signs"].bound_blocks)
        return Question(
            prompt=str(_("Is this message a scam or safe?")),
            options=(Option(SCAM, str(_("Scam"))), Option(SAFE, str(_("Safe")))),
            correct=frozenset({SCAM if value["is_scam"] else SAFE}),
            channel=value["channel"],
            sender=value["sender"],
            message=value["message"],
            signs=tuple(Option(item.id, item.value["text"]) for item in signs),
            red_flags=frozenset(item.id for item in signs if item.value["is_red_flag"]),
            **common,
        )
    raise ValueError(f"unknown question type {child.block_type!r}")


def answer_check(question: Question, *, choice_ids: list[str], sign_ids: list[str] = ()) -> bool:
    """Whether this answer is right; raises AnswerError for an answer the question cannot have.

    Multiple choice is right only when exactly the right options are ticked. "Scam or safe?" is right when the
    verdict is; the signs tapped are kept to tell the learner which warning signs they noticed.
    """
    chosen = set(choice_ids)
    valid = {option.id for option in question.options}
    if not chosen:
        raise AnswerError("empty", _("Choose an answer first."))
    if not chosen <= valid or len(chosen) != len(choice_ids):
        raise AnswerError("bad_choice", _("That answer is not one of this question's answers. Reload the page."))
    if not question.many_answers and len(chosen) != 1:
        raise AnswerError("one_only", _("Choose only one answer."))
    if set(sign_ids) - {sign.id for sign in question.signs}:
        raise AnswerError("bad_choice", _("That answer is not one of this question's answers. Reload the page."))
    return chosen == question.correct
