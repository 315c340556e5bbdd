"""Pages of the pipeline: parse, check permission, call a service or selector, render.

Reading is public for submitted proposals and every Track 2 project; a province's drafts
only for its members. Writing needs a login (anonymous visitors are sent to it) and the
permission of `permissions.py`; others get a Korean 403 page.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from dream.accounts.choices import OrganizationKind
from dream.accounts.models import Organization
from dream.accounts.permissions import is_committee_staff, organizations_written_for
from dream.cycle.errors import CycleError, NotAllowed

from . import selectors, services
from .choices import LargeProjectStage, ProposalState
from .forms import LargeProjectStartForm, LargeProjectStepForm, ProposalCreateForm, ProposalForm
from .models import LargeProject, Proposal
from .permissions import can_record_step, can_write_proposals, proposals_visible_to

STAGE_LINE = 1792
RANK_LINE = 861
DEMAND_LINE = 833


def _forbidden(request, message: str):
    return render(request, "pipeline/forbidden.html", {"message": message}, status=403)


def _id(raw) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _province(raw) -> Organization | None:
    return Organization.objects.filter(
        kind=OrganizationKind.PROVINCE, short_name=str(raw or "")[:50]
    ).first()


def _writable_provinces(user):
    provinces = Organization.objects.filter(kind=OrganizationKind.PROVINCE).order_by("position")
    return provinces.filter(pk__in=[p.pk for p in provinces if can_write_proposals(user, p)])


def _visible_proposal(request, pk: int) -> Proposal:
    return get_object_or_404(
        proposals_visible_to(request.user).select_related("province", "area"), pk=pk
    )


def _ministries_for(user):
    ministries = Organization.objects.filter(kind=OrganizationKind.MINISTRY).order_by("position")
    written = organizations_written_for(user)
    return ministries if written is None else ministries.filter(pk__in=written)


class PipelineBoardView(View):
    """Proposals → Track 1 / Track 2 by province; `?year=2025&province=부산`."""

    def get(self, request):
        year = selectors.year_from(request.GET.get("year"))
        province = _province(request.GET.get("province"))
        rows, lines = selectors.board(request.user, year, province.short_name if province else "")
        return render(
            request,
            "pipeline/board.html",
            {
                "year": year,
                "years": selectors.year_choices(),
                "province": province,
                "provinces": selectors.provinces(),
                "rows": rows,
                "lines": lines,
                "stages": selectors.BOARD_STAGES,
                "writable": _writable_provinces(request.user).exists(),
                "demand_url": selectors.line_url(DEMAND_LINE),
                "track2_url": selectors.line_url(STAGE_LINE),
            },
        )


class ProposalDetailView(View):
    """A proposal's whole thread: its fields, its rank, Track 1 and Track 2, its history."""

    def get(self, request, pk: int):
        proposal = _visible_proposal(request, pk)
        return render(request, "pipeline/proposal_detail.html", self.context(request, proposal))

    @staticmethod
    def context(request, proposal: Proposal, start_form=None) -> dict:
        project = LargeProject.objects.filter(proposal=proposal).first()
        can_start = (
            project is None
            and proposal.state == ProposalState.SUBMITTED
            and _ministries_for(request.user).exists()
        )
        if can_start and start_form is None:
            start_form = LargeProjectStartForm()
        if start_form is not None:
            start_form.fields["owner"].queryset = _ministries_for(request.user)
        return {
            "proposal": proposal,
            "tasks": proposal.tasks.select_related("plan").order_by("plan__year", "position"),
            "track1": selectors.track1_status(proposal),
            "project": project,
            "steps": selectors.project_steps(project) if project else [],
            "history": proposal.history.select_related("history_user").order_by("history_date"),
            "can_write": can_write_proposals(request.user, proposal.province),
            "start_form": start_form if can_start else None,
        }


class PipelineWriteView(LoginRequiredMixin, View):
    """A page that writes: login first, then a 403 page naming what is missing."""


class ProposalCreateView(PipelineWriteView):
    def _provinces(self, request):
        provinces = _writable_provinces(request.user)
        if not provinces.exists():
            raise NotAllowed("시·도의 작성 권한이 있는 담당자만 제안을 쓸 수 있습니다.")
        return provinces

    def get(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = ProposalCreateForm(
            provinces=provinces, initial={"year": selectors.year_from(request.GET.get("year"))}
        )
        return render(request, "pipeline/proposal_form.html", {"form": form, "creating": True})

    def post(self, request):
        try:
            provinces = self._provinces(request)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = ProposalCreateForm(request.POST, provinces=provinces)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                proposal = services.proposal_create(actor=request.user, **data)
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "제안을 저장했습니다(작성 중). 제출하면 공개됩니다.")
                return redirect("pipeline:proposal_detail", proposal.pk)
        return render(
            request, "pipeline/proposal_form.html", {"form": form, "creating": True}, status=422
        )


class ProposalUpdateView(PipelineWriteView):
    def _proposal(self, request, pk):
        proposal = _visible_proposal(request, pk)
        if not can_write_proposals(request.user, proposal.province):
            raise NotAllowed(f"{proposal.province}의 작성 권한이 있는 담당자만 고칠 수 있습니다.")
        return proposal

    def get(self, request, pk: int):
        try:
            proposal = self._proposal(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        initial = {
            "title": proposal.title,
            "summary": proposal.summary,
            "origin": proposal.origin,
            "origin_note": proposal.origin_note,
            "area": proposal.area,
            "tasks": list(proposal.tasks.all()),
            "size": proposal.size_text,
            "start_year": proposal.start_year or "",
            "end_year": proposal.end_year or "",
            "support_share_note": proposal.support_share_note,
            "linkage_note": proposal.linkage_note,
        }
        form = ProposalForm(initial=initial, province=proposal.province)
        return render(request, "pipeline/proposal_form.html", {"form": form, "proposal": proposal})

    def post(self, request, pk: int):
        try:
            proposal = self._proposal(request, pk)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        form = ProposalForm(request.POST, province=proposal.province)
        if form.is_valid():
            try:
                services.proposal_update(actor=request.user, proposal=proposal, **form.cleaned_data)
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "제안을 고쳤습니다.")
                return redirect("pipeline:proposal_detail", proposal.pk)
        return render(
            request,
            "pipeline/proposal_form.html",
            {"form": form, "proposal": proposal},
            status=422,
        )


class ProposalActionView(PipelineWriteView):
    """POST only: submit or withdraw (`action` from the URL)."""

    action = ""
    done = {"submit": "제안을 제출했습니다.", "withdraw": "제안을 철회했습니다."}

    def post(self, request, pk: int):
        proposal = _visible_proposal(request, pk)
        service = {"submit": services.proposal_submit, "withdraw": services.proposal_withdraw}
        try:
            service[self.action](actor=request.user, proposal=proposal)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, self.done[self.action])
        return redirect("pipeline:proposal_detail", proposal.pk)


class ProposalRankView(PipelineWriteView):
    """`?province=부산&year=2025`: the province's proposals with a number each; saving sets
    priorities 1..n in the order of the numbers."""

    def _target(self, request, source):
        province = _province(source.get("province"))
        if province is None:
            province = _writable_provinces(request.user).first()
        if province is None or not can_write_proposals(request.user, province):
            raise NotAllowed("시·도의 작성 권한이 있는 담당자만 우선순위를 정할 수 있습니다.")
        return province, selectors.year_from(source.get("year"))

    def _render(self, request, province, year, error="", status=200):
        proposals = list(
            Proposal.objects.filter(province=province, year=year)
            .exclude(state=ProposalState.WITHDRAWN)
            .order_by("priority", "pk")
        )
        return render(
            request,
            "pipeline/proposal_rank.html",
            {
                "province": province,
                "year": year,
                "years": selectors.year_choices(),
                "provinces": _writable_provinces(request.user),
                "proposals": proposals,
                "error": error,
                "rank_url": selectors.line_url(RANK_LINE),
                "rank_line": RANK_LINE,
            },
            status=status,
        )

    def get(self, request):
        try:
            province, year = self._target(request, request.GET)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        return self._render(request, province, year)

    def post(self, request):
        try:
            province, year = self._target(request, request.POST)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        numbers = {}
        for key, value in request.POST.items():
            pk = _id(key.removeprefix("rank_")) if key.startswith("rank_") else None
            if pk is None:
                continue
            number = _id(value)
            if number is None:
                return self._render(request, province, year, "순위를 숫자로 적어 주세요.", 422)
            numbers[pk] = number
        if len(set(numbers.values())) != len(numbers):
            return self._render(request, province, year, "같은 순위가 두 번 있습니다.", 422)
        order = sorted(numbers, key=numbers.get)
        try:
            services.proposals_rank(actor=request.user, province=province, year=year, order=order)
        except NotAllowed as refusal:
            return _forbidden(request, refusal.message)
        except CycleError as refusal:
            return self._render(request, province, year, refusal.message, 422)
        messages.success(request, f"{province}의 {year}년 제안 우선순위를 저장했습니다.")
        return redirect(f"{request.path}?province={province.short_name}&year={year}")


class LargeProjectStartView(PipelineWriteView):
    def post(self, request, pk: int):
        proposal = _visible_proposal(request, pk)
        if not _ministries_for(request.user).exists():
            return _forbidden(
                request, "위원회 담당자나 담당 부처의 작성 권한이 있는 사람만 시작할 수 있습니다."
            )
        form = LargeProjectStartForm(request.POST)
        form.fields["owner"].queryset = _ministries_for(request.user)
        if form.is_valid():
            try:
                project = services.large_project_start(
                    actor=request.user, proposal=proposal, **form.cleaned_data
                )
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "트랙2 사업을 시작했습니다(관계부처 컨설팅).")
                return redirect("pipeline:track2_detail", project.pk)
        context = ProposalDetailView.context(request, proposal, start_form=form)
        return render(request, "pipeline/proposal_detail.html", context, status=422)


class Track2BoardView(View):
    """The yearly rolling board (l.1809): `?year=2025`."""

    def get(self, request):
        year = selectors.year_from(request.GET.get("year"))
        return render(
            request,
            "pipeline/track2_board.html",
            {
                "year": year,
                "years": selectors.year_choices(),
                "rows": selectors.track2_board(year),
                "stages": [(s, LargeProjectStage(s).label) for s in selectors.BOARD_STAGES],
                "track2_url": selectors.line_url(STAGE_LINE),
                "rolling_url": selectors.line_url(1809),
            },
        )


class Track2DetailView(View):
    """A Track 2 project: its steps with decisions and documents, and the proposal's
    earlier Track 1 status; the next step's form for those who may record it."""

    def get(self, request, pk: int):
        project = self._project(pk)
        return render(request, "pipeline/track2_detail.html", self.context(request, project))

    @staticmethod
    def _project(pk: int) -> LargeProject:
        return get_object_or_404(
            LargeProject.objects.select_related("proposal__province", "owner"), pk=pk
        )

    @staticmethod
    def stages_for(request, project: LargeProject) -> list[str]:
        stages = [services.next_stage(project), LargeProjectStage.CLOSED]
        return [s for s in stages if s is not None and can_record_step(request.user, project, s)]

    @classmethod
    def context(cls, request, project: LargeProject, form=None) -> dict:
        stages = (
            cls.stages_for(request, project) if project.stage not in services.FINAL_STAGES else []
        )
        if stages and form is None:
            form = LargeProjectStepForm(stages=stages)
        return {
            "project": project,
            "proposal": project.proposal,
            "steps": selectors.project_steps(project),
            "track1": selectors.track1_status(project.proposal),
            "next_stage": services.next_stage(project),
            "form": form if stages else None,
            "is_staff_member": is_committee_staff(request.user),
            "track2_url": selectors.line_url(STAGE_LINE),
        }


class LargeProjectStepView(PipelineWriteView):
    def post(self, request, pk: int):
        project = Track2DetailView._project(pk)
        stages = Track2DetailView.stages_for(request, project)
        if not stages:
            return _forbidden(
                request,
                f"위원회 담당자나 {project.owner}의 작성 권한이 있는 사람만 단계를 기록합니다.",
            )
        form = LargeProjectStepForm(request.POST, stages=stages)
        if form.is_valid():
            try:
                services.large_project_step(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except NotAllowed as refusal:
                return _forbidden(request, refusal.message)
            except CycleError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "단계를 기록했습니다.")
                return redirect("pipeline:track2_detail", project.pk)
        project.refresh_from_db()
        context = Track2DetailView.context(request, project, form=form)
        return render(request, "pipeline/track2_detail.html", context, status=422)
