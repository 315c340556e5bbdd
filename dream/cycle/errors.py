"""What the cycle's services refuse, by kind: the web shows each message, the API maps
each kind to its status code (403, 409, 422) with the message as its Korean `detail`."""

from dream.core.korean import with_particle
from dream.core.text import has_control_character


class CycleError(Exception):
    """A refusal with a Korean message for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(CycleError):
    """The person may not take this action on this body (403)."""


class StateConflict(CycleError):
    """The submission's state does not allow the action (409)."""


class Frozen(StateConflict):
    """The plan is resolved: a change is a new version with its reason, never an edit (409)."""


class InvalidInput(CycleError):
    """The input cannot be read or breaks a rule (422)."""


def text_checked(text: str, what: str) -> str:
    """`text` unchanged, or InvalidInput when it holds a control character (dream.core.text):
    every text a service of the cycle stores passes here, whatever form or API sent it."""
    if has_control_character(text):
        raise InvalidInput(
            f"{what}에 쓸 수 없는 제어 문자(보이지 않는 문자)가 들어 있습니다. 지우고 다시 적어 "
            "주세요."
        )
    return text


def text_field(raw, what: str, *, limit: int, required: bool = True, one_line: bool = False) -> str:
    """A person's text as a service stores it: a string (None is empty), stripped, without
    control characters, present when `required`, at most `limit` characters; `one_line` also
    folds runs of spaces and line breaks into one space. Korean refusals name `what`."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str | int):
        raise InvalidInput(f"{with_particle(what, '은')} 글로 적어 주세요.")
    text = text_checked(str(raw), what)
    text = " ".join(text.split()) if one_line else text.strip()
    if required and not text:
        raise InvalidInput(f"{with_particle(what, '을')} 적어 주세요.")
    if len(text) > limit:
        raise InvalidInput(f"{with_particle(what, '은')} {limit:,}자까지 적을 수 있습니다.")
    return text
