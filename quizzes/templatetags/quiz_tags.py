"""Template tags for quiz pages: the viewer's attempts and grade."""

from django import template

from ..practice import answer_recalled, check_question, check_view
from ..qtypes import qtype
from ..selectors import quiz_state

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_state_for(context, quiz):
    user = context["request"].user
    if not user.is_authenticated:
        return None
    return quiz_state(learner=user, quiz=quiz)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.simple_tag
def question_partial(question_type: str) -> str:
    """The template of a question type's inputs (``quizzes/qtypes/<type>.html``); an unknown
    type raises ``UnknownQuestionType``."""
    return f"quizzes/qtypes/{qtype(question_type).name}.html"


@register.simple_tag
def practice_question(stream_value, block_id):
    """The presentation of a lesson's knowledge check (no answer in it)."""
    question = check_question(stream_value, block_id)
    return check_view(question) if question else None


@register.simple_tag(takes_context=True)
def practice_answer(context, question, block_id):
    """What the officer last sent to this check (it stays chosen after "Check" without
    JavaScript), as the form's value."""
    request = context.get("request")
    if request is None or question is None or not hasattr(request, "session"):
        return ""
    return answer_recalled(request.session, question, block_id)


@register.simple_tag
def question_image_url(image_id, spec="max-720x540|format-webp"):
    """A small rendition of a question's image (by id, as the snapshot keeps it)."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    return image.get_rendition(spec).url if image else ""
