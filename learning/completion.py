"""What happens when an officer completes a course: handlers that higher stages register.

Certificates sit above learner records, so records cannot call them; the certificates app
registers a handler here at start-up instead (``AppConfig.ready``). ``learning.services`` calls
the handlers inside the transaction that records the completion, so a completion and what it
causes commit together. Not a Django signal: the list is explicit and its order is the
registration order.
"""

from __future__ import annotations

from collections.abc import Callable

_handlers: list[Callable[..., None]] = []


def on_course_completed(handler: Callable[..., None]) -> Callable[..., None]:
    """Register ``handler(*, learner, course)``; registering twice has no effect."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def course_completed(*, learner, course) -> None:
    for handler in list(_handlers):
        handler(learner=learner, course=course)
