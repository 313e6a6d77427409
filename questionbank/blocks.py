"""Question blocks: one per question type, shared by the bank and by quizzes' own questions.

Every block carries a stem, points, feedback and an explanation. Answer data (which option is
right, the accepted answers, the tolerance) stays on the server: ``quizzes.snapshot`` splits a
question into what the officer sees and the key the server grades with.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

STEM_FEATURES = ["bold", "italic", "ol", "ul"]


def _error(field: str, message) -> StructBlockValidationError:
    return StructBlockValidationError(block_errors={field: ValidationError(message)})


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

    question_type = ""  # quizzes.scoring.QuestionType value

    class Meta:
        icon = "help"


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=400)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=400)


class SingleChoiceBlock(QuestionBlockBase):
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=10, label=_("Options"))
    question_type = "single"

    class Meta:
        label = _("Single choice")

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for o in value["options"] if o["correct"]) != 1:
            raise _error("options", _("Mark exactly one option correct."))
        return value


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

    def clean(self, value):
        value = super().clean(value)
        if not any(o["correct"] for o in value["options"]):
            raise _error("options", _("Mark at least one option correct."))
        return value


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
