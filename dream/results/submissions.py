"""The result submission an entry belongs to, made on first use and read under a row lock, so
two people entering results of one body at once are serialised on one row."""

from django.db import IntegrityError, transaction

from dream.accounts.models import Organization
from dream.plans.models import Plan

from .models import ResultSubmission


def result_submission_for(plan: Plan, organization: Organization) -> ResultSubmission:
    """The body's submission on `plan`, created (작성 중) if it has none. Call it inside
    `transaction.atomic`; two requests creating it at once both get the one row."""
    try:
        with transaction.atomic():
            submission, _ = ResultSubmission.objects.get_or_create(
                plan=plan, organization=organization
            )
    except IntegrityError:
        submission = ResultSubmission.objects.get(plan=plan, organization=organization)
    return submission


def result_submission_locked(submission: ResultSubmission) -> ResultSubmission:
    """The submission read again under a row lock: what another request changed meanwhile is
    seen before its state is checked."""
    return (
        ResultSubmission.objects.select_for_update(of=("self",))
        .select_related("plan", "organization")
        .get(pk=submission.pk)
    )
