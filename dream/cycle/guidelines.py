"""The Committee's guidelines (수립지침) of a cycle: the document, the plenary that resolved
it and the day it was sent (2024 plan, Ⅰ-2: 제3차 위원회 2023-11-23, sent the same day).

The file is untrusted input: it is bounded in size before it is read, must be a PDF, HWP,
HWPX or DOCX by its first bytes (not only its name), and is stored under a name DREAM
makes, so nothing the uploader chose reaches the file system or the download headers.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction

from dream.accounts.models import User

from .choices import CyclePhase
from .errors import InvalidInput, NotAllowed, StateConflict, text_checked
from .models import Cycle
from .permissions import can_manage_cycle

MEGABYTE = 1024 * 1024
MAX_BYTES = 20 * MEGABYTE  # the 2024 plan's PDF is about 4 MB; guidelines are shorter
# extension → the first bytes such a file starts with
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".hwp": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # HWP 5 is an OLE compound file
    ".hwpx": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".hwp": "application/x-hwp",
    ".hwpx": "application/hwp+zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@transaction.atomic
def cycle_guidelines_record(
    *,
    actor: User,
    cycle: Cycle,
    title: str,
    meeting: str,
    resolved_on: date | None,
    sent_on: date | None,
    file=None,
) -> Cycle:
    """Record the cycle's guidelines as the Committee resolved and sent them; a new file
    replaces the old one (the history keeps who changed what, the old name included)."""
    if not can_manage_cycle(actor):
        raise NotAllowed("수립지침은 지방시대위원회 담당자만 기록할 수 있습니다.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.phase == CyclePhase.RESOLVED:
        raise StateConflict("의결된 수립 주기의 수립지침은 고칠 수 없습니다.")
    title, meeting = _text(title, 200, "수립지침 이름"), _text(meeting, 100, "의결 회의")
    for day, what in ((resolved_on, "의결일"), (sent_on, "송부일")):
        if day is not None and day.year not in (cycle.year - 1, cycle.year):
            raise InvalidInput(f"{what}은 {cycle.year - 1}년이나 {cycle.year}년의 날짜여야 합니다.")
    if resolved_on and sent_on and sent_on < resolved_on:
        raise InvalidInput("송부일은 의결일과 같거나 그 뒤여야 합니다.")
    if sent_on and sent_on > cycle.deadline:
        raise InvalidInput(f"송부일은 제출 기한({cycle.deadline:%Y-%m-%d}) 전이어야 합니다.")
    cycle.guidelines_title = title
    cycle.guidelines_meeting = meeting
    cycle.guidelines_date = resolved_on
    cycle.guidelines_sent_on = sent_on
    if file is not None:
        extension, content = guidelines_file_checked(file)
        cycle.guidelines_file.save(
            f"{cycle.year}-guidelines{extension}", ContentFile(content), save=False
        )
    cycle._history_user = actor
    cycle._change_reason = "cycle.guidelines_recorded"
    cycle.save()
    return cycle


def guidelines_file_checked(file) -> tuple[str, bytes]:
    """The file's extension and bytes if it is a document of an accepted kind and size."""
    name = str(getattr(file, "name", "") or "")
    extension = PurePath(name).suffix.lower()
    if extension not in SIGNATURES:
        kinds = ", ".join(SIGNATURES)
        raise InvalidInput(f"수립지침 파일은 {kinds} 가운데 하나여야 합니다.")
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise InvalidInput(too_large())
    content = file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise InvalidInput(too_large())
    if not content.startswith(SIGNATURES[extension]):
        raise InvalidInput(
            f"파일 내용이 {extension} 문서가 아닙니다. 이름만 바꾼 파일은 받지 않습니다."
        )
    return extension, content


def _text(value: str, limit: int, what: str) -> str:
    text = " ".join(text_checked(str(value or ""), what).split())
    if len(text) > limit:
        raise InvalidInput(f"{what}은 {limit:,}자까지 적을 수 있습니다.")
    return text


def too_large() -> str:
    """The refusal of a file over MAX_BYTES, for the service and the upload cap alike."""
    return f"파일이 너무 큽니다. 수립지침은 {MAX_BYTES // MEGABYTE} MB까지 올릴 수 있습니다."
