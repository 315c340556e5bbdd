"""Seeding the pilot districts the 2024 plan names as already selected (l.764), from the
reviewed file data/seeds/pilot-districts.toml.

All or nothing: every cited line must contain every name before anything is written, and
the districts are written in one transaction. Running it again changes nothing.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.services import organizations_ensure, system_user
from dream.search.services import search_index_rebuild_digital

from .choices import Stage
from .models import InnovationDistrict, StageChange

PILOT_FILE = Path(settings.BASE_DIR) / "data" / "seeds" / "pilot-districts.toml"


class SeedError(Exception):
    """The data file or a cited line is not as expected; the message is Korean."""


@dataclass(frozen=True)
class SeedResult:
    created: list[str]
    existing: list[str]


def _document_lines(slug: str) -> tuple[str, ...]:
    from dream.web.source_text import BUNDLED_TEXTS

    text = BUNDLED_TEXTS.get(slug)
    if text is None or not text.lines:
        raise SeedError(f"출처 문서 '{slug}'의 원문 파일이 없습니다.")
    return text.lines


def _read(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SeedError(f"{path}를 읽을 수 없습니다: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise SeedError(f"{path}의 형식이 올바르지 않습니다: {error}") from error
    if "source" not in data or not data.get("districts"):
        raise SeedError(f"{path}에 [source]와 [[districts]]가 있어야 합니다.")
    return data


def _check(data: dict, path: Path) -> None:
    """Every cited line exists and prints every district's name."""
    source = data["source"]
    lines = _document_lines(source.get("document", ""))
    cited = [source.get("line"), *([source["also_line"]] if "also_line" in source else [])]
    problems = []
    for line in cited:
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            problems.append(f"줄 번호 {line!r}는 원문(1~{len(lines):,}줄)에 없습니다.")
            continue
        for district in data["districts"]:
            name = district.get("name", "")
            if not name or name not in lines[line - 1]:
                problems.append(
                    f"원문 {line}줄에 '{name}'이(가) 없습니다: {lines[line - 1].strip()}"
                )
    if problems:
        raise SeedError(f"{path}: 아무것도 기록하지 않았습니다.\n" + "\n".join(problems))


@transaction.atomic
def pilot_districts_seed(path: Path = PILOT_FILE) -> SeedResult:
    """Register the pilot districts of `path` that are not registered yet, each at stage 1
    with its source line; the seeding is the first entry of its stage history."""
    data = _read(path)
    _check(data, path)
    source = data["source"]
    organizations_ensure()
    provinces = {
        o.short_name: o for o in Organization.objects.filter(kind=OrganizationKind.PROVINCE)
    }
    unknown = [d.get("province") for d in data["districts"] if d.get("province") not in provinces]
    if unknown:
        raise SeedError(
            f"{path}: 알 수 없는 시·도 {', '.join(map(str, unknown))}. 아무것도 기록하지 않았습니다."
        )
    actor = system_user()
    result = SeedResult([], [])
    for entry in data["districts"]:
        province = provinces[entry["province"]]
        if InnovationDistrict.objects.filter(province=province, name=entry["name"]).exists():
            result.existing.append(entry["name"])
            continue
        district = InnovationDistrict(
            province=province,
            name=entry["name"],
            location=entry.get("location", ""),
            operator=entry.get("operator", ""),
            stage=Stage.FOUNDATION,
            source_document=source["document"],
            source_line=source["line"],
            note=f"「2024년 지방시대 시행계획」 {source['line']}줄: 旣 선정 시범 추진지역",
        )
        district.full_clean()
        district._history_user = actor
        district._change_reason = "district.seeded"
        district.save()
        StageChange.objects.create(
            district=district,
            from_stage=None,
            to_stage=Stage.FOUNDATION,
            decided_on=timezone.localdate(),
            decision=(
                f"「2024년 지방시대 시행계획」 {source['line']}줄의 旣 선정 시범 추진지역으로 "
                "DREAM에 등록(선정일은 원문에 없어 확인 필요)."
            ),
            recorded_by=actor,
        )
        result.created.append(entry["name"])
    if result.created:
        search_index_rebuild_digital()
    return result
