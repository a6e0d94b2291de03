"""Campaign management (走访活动): supervisors create and run campaigns and their phases here.

Views parse a form and call one service (visits.services: dates validated, every change audited);
a DomainError becomes the form's error, nothing is lost from what was typed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError

from . import services
from .campaign_progress import campaign_overview, campaigns_overview
from .forms import CampaignForm, NewCampaignForm, PhaseForm
from .models import Campaign, Phase


def _supervisor(request):
    if not request.user.is_supervisor:
        raise PermissionDenied("只有供热主管可以管理走访活动")


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("city", "district", "street__district"), pk=pk)


def _form_page(request, form, write, *, title: str, campaign: Campaign | None = None):
    """The one shape of every campaign form: a valid POST calls ``write(data)`` (one service, returning the
    campaign or phase it wrote) and shows that campaign; a DomainError becomes the form's error and the typed
    values stay."""
    if request.method == "POST" and form.is_valid():
        try:
            written = write(form.cleaned_data)
        except DomainError as err:
            form.add_error(None, str(err))
        else:
            return redirect("visits:campaign", pk=getattr(written, "campaign_id", written.pk))
    return render(request, "visits/campaign_form.html", {"form": form, "title": title, "campaign": campaign})


@login_required
def campaign_list(request):
    _supervisor(request)
    return render(request, "visits/campaigns.html", {"rows": campaigns_overview(user=request.user)})


@login_required
def campaign_new(request):
    _supervisor(request)
    form = NewCampaignForm(request.POST or None)
    return _form_page(
        request, form, lambda data: services.create_campaign(by=request.user, **data), title="新建走访活动"
    )


@login_required
def campaign_detail(request, pk: int):
    _supervisor(request)
    campaign = _campaign(pk)
    context = campaign_overview(user=request.user, campaign=campaign)
    context["phase_form"] = PhaseForm(prefix="phase")
    return render(request, "visits/campaign.html", context)


@login_required
def campaign_edit(request, pk: int):
    _supervisor(request)
    campaign = _campaign(pk)
    initial = {f: getattr(campaign, f) for f in CampaignForm.base_fields}
    form = CampaignForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        lambda data: services.update_campaign(by=request.user, campaign=campaign, **data),
        title=f"修改活动 · {campaign.name}",
        campaign=campaign,
    )


@login_required
def phase_new(request, pk: int):
    _supervisor(request)
    campaign = _campaign(pk)
    form = PhaseForm(request.POST or None, prefix="phase")
    return _form_page(
        request,
        form,
        lambda data: services.add_phase(by=request.user, campaign=campaign, **data),
        title=f"新增阶段 · {campaign.name}",
        campaign=campaign,
    )


@login_required
def phase_edit(request, pk: int, phase_id: int):
    _supervisor(request)
    phase = get_object_or_404(Phase.objects.select_related("campaign"), pk=phase_id, campaign_id=pk)
    initial = {"name": phase.name, "starts_on": phase.starts_on, "ends_on": phase.ends_on}
    form = PhaseForm(request.POST or None, prefix="phase", initial=initial)
    return _form_page(
        request,
        form,
        lambda data: services.update_phase(by=request.user, phase=phase, **data),
        title=f"修改阶段 · {phase}",
        campaign=phase.campaign,
    )


@login_required
@require_POST
def phase_generate(request, pk: int, phase_id: int):
    """Generate (or top up) the phase's visit tasks: one per household in the campaign's area."""
    _supervisor(request)
    phase = get_object_or_404(Phase, pk=phase_id, campaign_id=pk)
    services.generate_phase_tasks(by=request.user, phase=phase)
    return redirect("visits:campaign", pk=pk)
