"""The digital plan (지방 디지털 경쟁력 강화방안): its goals and schedule tasks."""

from ninja import Router
from ninja.errors import HttpError

from dream.digital.selectors import current_digital_plan

from ..schemas import DigitalPlanOut, ErrorOut
from ..selectors import digital_plan_dict

router = Router(tags=["디지털 계획"])


@router.get(
    "/digital",
    response={200: DigitalPlanOut, 404: ErrorOut},
    summary="디지털 계획: 목표와 과제",
)
def digital_plan(request):
    plan = current_digital_plan()
    if plan is None:
        raise HttpError(404, "디지털 계획을 아직 가져오지 않았습니다.")
    return digital_plan_dict(plan)
