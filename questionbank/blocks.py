"""Question blocks: one class per question type, used by the bank, by quizzes' own questions
and by knowledge checks, each parent with instances of its own (``question_blocks``). Each
refuses, at the field, a question its type's rules (``quizzes.qtypes``) find a problem with.

Every block carries a stem, points, feedback and an explanation. Answer data (which option is
right, the accepted answers, the tolerance) stays on the server: ``quizzes.snapshot`` splits a
question into what the officer sees and the key the server grades with.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import ListBlockValidationError, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from quizzes.qtypes import Problem, qtype

STEM_FEATURES = ["bold", "italic", "ol", "ul"]


# What each rule of ``quizzes.qtypes`` says to the trainer, at the field it concerns.
PROBLEM_MESSAGES = {
    "one_correct": _("Mark exactly one option correct."),
    "some_correct": _("Mark at least one option correct."),
    "too_few": _("Add at least two."),
    "blank": _("Write something officers can read here."),
    "duplicate": _("This reads the same as one above: officers could not tell them apart."),
    "negative": _("The tolerance cannot be below zero."),
    "no_answer": _("Add at least one accepted answer."),
}


def _field_errors(problems: list[Problem]) -> dict[str, ValidationError]:
    """The problems as Wagtail's block errors: a list's own problems above the list, an item's
    (or an item's part's) at that item; the first problem of each place only."""
    whole: dict[str, list[str]] = {}
    items: dict[str, dict[int, ValidationError]] = {}
    for problem in problems:
        message = PROBLEM_MESSAGES[problem.code]
        if problem.item is None:
            whole.setdefault(problem.field, []).append(message)
            continue
        error = ValidationError(message)
        if problem.part is not None:
            error = StructBlockValidationError(block_errors={problem.part: error})
        items.setdefault(problem.field, {}).setdefault(problem.item, error)
    errors: dict[str, ValidationError] = {}
    for name in {*whole, *items}:
        if name in items:
            errors[name] = ListBlockValidationError(
                block_errors=items[name], non_block_errors=whole.get(name)
            )
        else:
            errors[name] = ValidationError(whole[name][0])
    return errors


class QuestionBlockBase(blocks.StructBlock):
    stem = blocks.RichTextBlock(label=_("Question"), features=STEM_FEATURES)
    image = ImageChooserBlock(label=_("Image"), required=False)
    audio = DocumentChooserBlock(
        label=_("Audio"), required=False, help_text=_("An mp3, ogg or m4a file of the question.")
    )
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=1, max_value=100)
    feedback_correct = blocks.CharBlock(label=_("Feedback when right"), required=False)
    feedback_incorrect = blocks.CharBlock(label=_("Feedback when wrong"), required=False)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)

    question_type = ""  # a quizzes.qtypes.QuestionType value

    class Meta:
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        problems = qtype(self.question_type).problems(value)
        if problems:
            raise StructBlockValidationError(block_errors=_field_errors(problems))
        return value


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=400)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=400)


class SingleChoiceBlock(QuestionBlockBase):
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=10, label=_("Options"))
    question_type = "single"

    class Meta:
        label = _("Single choice")


class MultipleResponseBlock(QuestionBlockBase):
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=10, label=_("Options"))
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        help_text=_(
            "Give part of the points for part of the right options (wrong ones subtract)."
            " Otherwise all or nothing."
        ),
    )
    question_type = "multiple"

    class Meta:
        label = _("Multiple response")


class TrueFalseBlock(QuestionBlockBase):
    correct_answer = blocks.ChoiceBlock(
        label=_("Correct answer"), choices=[("true", _("True")), ("false", _("False"))]
    )
    question_type = "true_false"

    class Meta:
        label = _("True or false")


class MatchingPairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=_("Item"), max_length=300)
    right = blocks.CharBlock(label=_("Matches"), max_length=300)


class MatchingBlock(QuestionBlockBase):
    pairs = blocks.ListBlock(MatchingPairBlock(), min_num=2, max_num=10, label=_("Pairs"))
    partial_credit = blocks.BooleanBlock(label=_("Partial credit"), required=False)
    question_type = "matching"

    class Meta:
        label = _("Matching")


class OrderingBlock(QuestionBlockBase):
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        min_num=2,
        max_num=10,
        label=_("Items, in the correct order"),
    )
    partial_credit = blocks.BooleanBlock(label=_("Partial credit"), required=False)
    question_type = "ordering"

    class Meta:
        label = _("Ordering")


class NumericBlock(QuestionBlockBase):
    answer = blocks.DecimalBlock(label=_("Answer"), decimal_places=4, max_digits=18)
    tolerance = blocks.DecimalBlock(
        label=_("Tolerance"),
        decimal_places=4,
        max_digits=18,
        min_value=0,
        default=0,
        help_text=_("Answers within this distance of the answer are right."),
    )
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=40)
    question_type = "numeric"

    class Meta:
        label = _("Numeric")


class ShortTextBlock(QuestionBlockBase):
    accepted = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        min_num=1,
        max_num=20,
        label=_("Accepted answers"),
        help_text=_("Compared ignoring case, spacing and Unicode form, in any script."),
    )
    question_type = "short_text"

    class Meta:
        label = _("Short text")


QUESTION_BLOCK_TYPES: dict[str, type[QuestionBlockBase]] = {
    block.question_type: block
    for block in (
        SingleChoiceBlock,
        MultipleResponseBlock,
        TrueFalseBlock,
        MatchingBlock,
        OrderingBlock,
        NumericBlock,
        ShortTextBlock,
    )
}


def question_blocks(prefix: str = "") -> list[tuple[str, QuestionBlockBase]]:
    """New instances of every question block, named ``prefix + type``, for one parent block.

    A block instance belongs to one parent: the parent names it after its own key
    (``set_name``), and the editor finds a new child's empty value under that name. Shared
    between the bank ("single") and a quiz ("own_single"), an instance took the name of whichever
    parent was built last, and the other parent's editor then opened its questions with no value
    ("This widget failed to render")."""
    return [(prefix + name, block()) for name, block in QUESTION_BLOCK_TYPES.items()]
