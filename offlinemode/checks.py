"""Knowledge-check answers given offline and marked when they arrive. (Placeholder until issue
15's "practice" part fills it in.)"""

from .outcomes import Refused


def handle_check_answer(*, learner, payload: dict):
    raise Refused("not yet")
