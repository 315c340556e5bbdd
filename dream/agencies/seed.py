"""The reviewed seed file of agencies (data/seeds/digital-agencies.toml), checked against
the digital plan before anything is written: every entry's printed name must stand on the
line it cites, or the whole file is refused."""

import tomllib
from pathlib import Path

from django.conf import settings

from dream.cycle.errors import InvalidInput
from dream.web.source_text import DIGITAL_TEXT

SEED_PATH = Path(settings.BASE_DIR) / "data" / "seeds" / "digital-agencies.toml"
REQUIRED = ("name", "province", "printed", "source_line")


def seed_entries(path: Path = SEED_PATH, lines: tuple[str, ...] | None = None) -> list[dict]:
    """The file's entries after the check; InvalidInput naming every entry that fails."""
    lines = DIGITAL_TEXT.lines if lines is None else lines
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("agencies", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InvalidInput(f"시드 파일을 읽을 수 없습니다: {path} ({error})") from None
    if not lines:
        raise InvalidInput(f"원문을 읽을 수 없습니다: {DIGITAL_TEXT.path}")
    problems = []
    for number, entry in enumerate(entries, start=1):
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            problems.append(f"{number}번째 기관: {', '.join(missing)} 없음")
            continue
        line = entry["source_line"]
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            problems.append(f"{entry['name']}: 원문에 {line}줄이 없습니다")
            continue
        text = lines[line - 1]
        for cited in {entry["printed"], entry["name"]}:
            if cited not in text:
                problems.append(f"{entry['name']}: 원문 {line}줄에 '{cited}'이(가) 없습니다")
    if problems:
        raise InvalidInput("시드 파일을 받지 않았습니다. " + "; ".join(problems))
    return entries
