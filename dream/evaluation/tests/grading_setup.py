"""A round walked to 평가결과 점검 for the grading tests: `small_round` (부산's graded core task
with two leaves, 서울's graded leaf) with two declared evaluators on each graded unit, every
score given (부산 90점 → 우수, 서울 70점 → 보통 on the example bands) and submitted."""

from dataclasses import dataclass

from dream.evaluation.choices import RoundPhase
from dream.evaluation.grading import grade_check, round_advance
from dream.evaluation.integrity import assignment_create, unit_leaves
from dream.evaluation.models import Grade, GradeBand
from dream.evaluation.scoring import assignment_submit, score_record
from dream.evaluation.tests.scoring_setup import GOOD_REASON, Small, declared, small_round

BUSAN_SCORE = 90
SEOUL_SCORE = 70


@dataclass
class Graded:
    small: Small
    assignments: list
    busan: Grade | None = None
    seoul: Grade | None = None

    @property
    def round(self):
        return self.small.round

    def band(self, label: str) -> GradeBand:
        return GradeBand.objects.get(band_set_id=self.round.band_set_id, label=label)

    def refresh(self) -> None:
        self.round.refresh_from_db()
        self.busan = Grade.objects.filter(unit=self.small.busan_core).first()
        self.seoul = Grade.objects.filter(unit=self.small.seoul_core).first()


def planned(orgs, staff, *, evaluators: int = 2) -> Graded:
    """A round in 평가계획 수립 with `evaluators` live assignments on each graded unit."""
    small = small_round(orgs, staff, phase=RoundPhase.PLANNING)
    assignments = []
    for number in range(1, evaluators + 1):
        evaluator = declared(staff, small.round, f"grader{number}")
        for unit in (small.busan_core, small.seoul_core):
            assignments.append(
                assignment_create(actor=staff, panel=None, unit=unit, evaluator=evaluator)
            )
    return Graded(small, assignments)


def scored(assignment, criteria, value) -> None:
    for leaf in unit_leaves(assignment.unit):
        for criterion in criteria:
            score_record(
                actor=assignment.evaluator.user, assignment=assignment, leaf=leaf,
                criterion=criterion, value=value, reason=GOOD_REASON,
            )  # fmt: skip
    assignment_submit(actor=assignment.evaluator.user, assignment=assignment)


def evaluating(orgs, staff) -> Graded:
    graded = planned(orgs, staff)
    round_advance(
        actor=staff, round=graded.round, to=RoundPhase.EVALUATING, seen_phase=RoundPhase.PLANNING
    )
    graded.refresh()
    return graded


def checking(orgs, staff) -> Graded:
    graded = evaluating(orgs, staff)
    for assignment in graded.assignments:
        value = BUSAN_SCORE if assignment.unit_id == graded.small.busan_core.pk else SEOUL_SCORE
        scored(assignment, graded.small.criteria, value)
    round_advance(
        actor=staff, round=graded.round, to=RoundPhase.CHECKING, seen_phase=RoundPhase.EVALUATING
    )
    graded.refresh()
    return graded


def closed(orgs, staff) -> Graded:
    graded = checking(orgs, staff)
    for grade in (graded.busan, graded.seoul):
        grade_check(actor=staff, grade=grade, band=grade.computed_band, reason="", seen_band=None)
    round_advance(
        actor=staff, round=graded.round, to=RoundPhase.FEEDBACK, seen_phase=RoundPhase.CHECKING
    )
    graded.refresh()
    return graded
