"""Template tags for quiz pages: the viewer's attempts and grade."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from modules.contentcache import content_cached

from ..practice import answer_kept, answer_recalled, check_question, check_view
from ..qtypes import qtype
from ..selectors import quiz_state

register = template.Library()

CHECK_FORM_TEMPLATE = "quizzes/knowledge_check_form.html"
# Stands for the CSRF token in a check's form as cached (content only), replaced on each view.
_TOKEN_PLACEHOLDER = "csrf-token-of-this-request"


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
def knowledge_check_form(context, value, block_id):
    """A lesson's knowledge check as a form. The same for every reader of a page revision in a
    language but for its CSRF token, so it is rendered once (``modules.contentcache``) and the
    request's token put in; rendered afresh when the officer's last answer is to be shown in it
    (after "Check" without JavaScript), and in a preview."""
    engine_template = context.template.engine.get_template(CHECK_FORM_TEMPLATE)

    def rendered(csrf_token) -> str:
        with context.push(value=value, block_id=block_id, csrf_token=csrf_token):
            return engine_template.render(context)

    request, page = context.get("request"), context.get("page")
    session = getattr(request, "session", None)
    if (
        session is None
        or context.get("csrf_token") is None
        or getattr(request, "is_preview", False)
        or not getattr(page, "live_revision_id", None)
        or answer_kept(session, block_id)
    ):
        return rendered(context.get("csrf_token"))
    html = content_cached(
        ("check", page.pk, page.live_revision_id, get_language() or "", block_id),
        lambda: rendered(_TOKEN_PLACEHOLDER),
    )
    return mark_safe(html.replace(_TOKEN_PLACEHOLDER, str(context.get("csrf_token"))))  # noqa: S308 - HTML we rendered, and Django's token


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
