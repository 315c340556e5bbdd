"""The JSON API at /api/v1/: public reads of published data, and the annual cycle's
actions for callers with a personal token. Paths and meanings are a contract for outside
systems (docs/api.md); every refusal answers with a Korean `detail`."""

from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from dream.cycle.errors import InvalidInput, NotAllowed, StateConflict

from .routers import (
    agencies,
    allocation,
    amendments,
    calls,
    cycles,
    digital,
    drafts,
    evaluation_config,
    evaluation_feedback,
    evaluation_grades,
    evaluation_scoring,
    evaluations,
    files,
    findings,
    pipeline,
    plans,
    priorities,
    regional_tasks,
    reports,
    results,
    results_execution,
    review,
    search,
    zones,
)


class KoreanJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Korean as text, not \\uXXXX escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="DREAM API",
    version="1",
    description=(
        "지방시대 시행계획 데이터와 연간 수립 주기의 처리. 공개 자료는 토큰 없이 읽고, "
        "수립 주기의 처리는 개인 토큰(`dream token-create 사용자`)을 "
        "`Authorization: Bearer <토큰>` 헤더로 보냅니다. 금액은 억원 단위의 십진 문자열입니다."
    ),
    urls_namespace="api-v1",
    renderer=KoreanJSONRenderer(),
)

# review, files and amendments before cycles: …/submissions/{org}/comments, …/workbook and
# …/amendments must not be taken for an {action}.
for module in (
    plans,
    findings,
    search,
    digital,
    review,
    files,
    amendments,
    cycles,
    drafts,
    results,
    results_execution,
    evaluation_feedback,  # before evaluations: …/{year}/special-account
    evaluations,
    evaluation_scoring,
    evaluation_grades,
    evaluation_config,
    reports,
    agencies,
    allocation,
    calls,
    pipeline,
    priorities,
    zones,
    regional_tasks,
):
    api.add_router("/", module.router)

UNAUTHORIZED = (
    "유효한 API 토큰이 필요합니다. `Authorization: Bearer <토큰>` 헤더를 보내 주세요 "
    "(토큰은 `dream token-create 사용자`로 만듭니다)."
)


def _error(request: HttpRequest, status: int, detail: str, **extra) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    response = _error(request, 401, UNAUTHORIZED)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    """ninja's own 400 (a body that is not JSON) in Korean; DREAM's messages as they are."""
    if exc.status_code == 400:
        return _error(request, 400, "요청 본문을 JSON으로 읽을 수 없습니다.")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(MultiPartParserError)
def unreadable_upload(request, exc):
    """An upload whose multipart body cannot be read (no boundary, cut off)."""
    return _error(request, 400, "요청 본문을 multipart/form-data로 읽을 수 없습니다.")


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    places = ", ".join(".".join(str(p) for p in error["loc"]) for error in exc.errors)
    return _error(
        request,
        422,
        f"요청 값이 올바르지 않습니다: {places}. errors에 항목별 내용이 있습니다.",
        errors=exc.errors,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "찾는 자료가 없습니다.")


@api.exception_handler(NotAllowed)
def not_allowed(request, exc):
    return _error(request, 403, exc.message)


@api.exception_handler(StateConflict)
def state_conflict(request, exc):
    return _error(request, 409, exc.message)


@api.exception_handler(InvalidInput)
def invalid_input(request, exc):
    return _error(request, 422, exc.message)
