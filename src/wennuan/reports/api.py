"""Reports API (/api/v1/reports): request a daily report and read its status; 通报: list, one, draft,
edit, approve, return, issue. Thin: parse, call one service; domain errors become HTTP in the root handler."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Status

from wennuan.core.errors import NotInScope, NotPermitted
from wennuan.registry.models import City

from . import services
from .enums import ReportStatus
from .models import Bulletin, DailyReport
from .schemas import BulletinEditIn, BulletinOut, DailyIn, DailyOut, DraftIn, Message

router = Router(tags=["reports"])
ERRORS = {400: Message, 403: Message, 404: Message, 409: Message, 422: Message}


def _city(city_id):
    return get_object_or_404(City, pk=city_id) if city_id else City.objects.order_by("id").first()


def _daily(r: DailyReport) -> dict:
    done = r.status == ReportStatus.DONE
    return {
        "id": r.pk,
        "city": r.city.name,
        "day": r.day,
        "status": r.status,
        "seconds": r.seconds,
        "error": r.error,
        "pdf_url": reverse("reports:daily_file", args=[r.pk, "pdf"]) if done else None,
        "xlsx_url": reverse("reports:daily_file", args=[r.pk, "xlsx"]) if done else None,
    }


@router.post("/daily", response={202: DailyOut, **ERRORS}, summary="生成每日调度报告（后台）")
def daily_request(request, payload: DailyIn):
    report = services.request_daily_report(by=request.user, city=_city(payload.city_id), day=payload.day)
    return Status(202, _daily(report))


@router.get("/daily/{int:report_id}", response={200: DailyOut, **ERRORS}, summary="每日调度报告状态")
def daily_status(request, report_id: int):
    if not services.is_supervisor(request.user):
        raise NotPermitted("只有供热主管可以查看")
    return _daily(
        get_object_or_404(DailyReport.objects.defer("xlsx", "pdf").select_related("city"), pk=report_id)
    )


def _bulletin(user, pk) -> Bulletin:
    found = Bulletin.objects.visible_to(user).filter(pk=pk).first()
    if found is None:
        raise NotInScope("通报不存在或无权查看")
    return found


@router.get(
    "/bulletins", response=list[BulletinOut], summary="通报（供热主管：全部；企业调度：已印发且通报本企业的）"
)
def bulletin_list(request):
    rows = Bulletin.objects.visible_to(request.user).prefetch_related("companies")[:200]
    return [BulletinOut.build(b) for b in rows]


@router.get("/bulletins/{int:bulletin_id}", response={200: BulletinOut, **ERRORS}, summary="通报详情")
def bulletin_detail(request, bulletin_id: int):
    return BulletinOut.build(_bulletin(request.user, bulletin_id))


@router.post("/bulletins", response={201: BulletinOut, **ERRORS}, summary="起草通报（供热主管）")
def bulletin_draft(request, payload: DraftIn):
    b = services.draft_bulletin(
        by=request.user,
        city=_city(payload.city_id),
        start=payload.start,
        end=payload.end,
        company_ids=payload.company_ids,
    )
    return Status(201, BulletinOut.build(b))


@router.patch("/bulletins/{int:bulletin_id}", response={200: BulletinOut, **ERRORS}, summary="修改草稿")
def bulletin_edit(request, bulletin_id: int, payload: BulletinEditIn):
    fields = payload.model_dump(exclude_none=True)
    return BulletinOut.build(
        services.edit_bulletin(bulletin=_bulletin(request.user, bulletin_id), by=request.user, **fields)
    )


@router.post("/bulletins/{int:bulletin_id}/approve", response={200: BulletinOut, **ERRORS}, summary="审核")
def bulletin_approve(request, bulletin_id: int):
    return BulletinOut.build(
        services.approve_bulletin(bulletin=_bulletin(request.user, bulletin_id), by=request.user)
    )


@router.post("/bulletins/{int:bulletin_id}/return", response={200: BulletinOut, **ERRORS}, summary="退回修改")
def bulletin_return(request, bulletin_id: int):
    return BulletinOut.build(
        services.return_bulletin(bulletin=_bulletin(request.user, bulletin_id), by=request.user)
    )


@router.post("/bulletins/{int:bulletin_id}/issue", response={200: BulletinOut, **ERRORS}, summary="印发")
def bulletin_issue(request, bulletin_id: int):
    return BulletinOut.build(
        services.issue_bulletin(bulletin=_bulletin(request.user, bulletin_id), by=request.user)
    )
