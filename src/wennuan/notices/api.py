"""Notices API (/api/v1/notices): the caller's own messages only, whatever the role."""

from ninja import Query, Router

from wennuan.core.selectors import CappedPaginator

from . import selectors, services
from .schemas import NoticePage, NoticeQuery, ReadIn, ReadOut

router = Router(tags=["notices"])


@router.get("/", response=NoticePage, summary="我的消息（最新在前，可只看未读）")
def notice_list(request, params: Query[NoticeQuery]):
    paginator = CappedPaginator(
        selectors.notices_for(request.user, unread_only=params.unread), params.page_size
    )
    p = paginator.get_page(params.page)
    return {
        "count": paginator.count,
        "capped": paginator.capped,
        "page": p.number,
        "pages": paginator.num_pages,
        "unread": selectors.unread_count(request.user),
        "items": list(p.object_list),
    }


@router.post("/read", response=ReadOut, summary="标为已读（指定 ids，或 all=true 全部）")
def read(request, payload: ReadIn):
    marked = services.mark_read(user=request.user, ids=services.ALL if payload.all else payload.ids)
    return {"marked": marked, "unread": selectors.unread_count(request.user)}
