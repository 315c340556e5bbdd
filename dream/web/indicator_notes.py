"""What the plan prints around an indicator's figures, shown the same way on every page:
"신규" where a new indicator has no actual of the year before, and the note printed
beside a target ("(‘24년 신규)", "* 신규")."""

from django.utils.html import format_html
from django.utils.safestring import SafeString

NEW_BADGE = format_html(
    '<span class="badge new" title="{}">신규</span>', "전년도 실적이 없는 신규 지표"
)


def is_shown_as_new(indicator) -> bool:
    """A new indicator whose actual is missing or printed as the word 신규 itself; an actual
    printed beside a "new" note stays as printed."""
    return indicator.is_new and indicator.baseline_text in ("", "신규")


def target_note_html(indicator) -> SafeString | str:
    """The note printed beside the target, muted, after a space; "" without one."""
    if not indicator.target_note:
        return ""
    return format_html(' <span class="muted" data-verbatim>{}</span>', indicator.target_note)
