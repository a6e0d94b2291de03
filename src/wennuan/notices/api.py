"""Notices API (/api/v1/notices): the caller's own messages only, whatever the role."""

from ninja import Query, Router

from wennuan.core.selectors import api_page

from . import selectors, services
from .schemas import NoticePage, NoticeQuery, ReadIn, ReadOut

router = Router(tags=["notices"])


@router.get("/", response=NoticePage, summary="我的消息（最新在前，可只看未读）")
def notice_list(request, params: Query[NoticeQuery]):
    rows = selectors.notices_for(request.user, unread_only=params.unread)
    return {
        **api_page(rows, page=params.page, page_size=params.page_size),
        "unread": selectors.unread_count(request.user),
    }


@router.post("/read", response=ReadOut, summary="标为已读（指定 ids，或 all=true 全部）")
def read(request, payload: ReadIn):
    marked = services.mark_read(user=request.user, ids=services.ALL if payload.all else payload.ids)
    return {"marked": marked, "unread": selectors.unread_count(request.user)}
