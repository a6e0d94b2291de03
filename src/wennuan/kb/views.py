"""Knowledge-base pages: list and search, one entry with its history and review buttons, new/edit,
import and export. Thin: parse, call one service or selector, render."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from wennuan.core import audit
from wennuan.core.errors import DomainError, ImportRejected, NotInScope
from wennuan.core.selectors import CappedPaginator

from . import permissions, selectors, services, sheet
from .enums import ReviewState, Transition
from .forms import EntryForm, ImportForm, ListForm

PAGE_SIZE = 30
# The search page lists entries scoring at least this share of the best one.
MIN_SHARE = 0.3


def _entry_or_404(user, pk):
    try:
        return selectors.entry_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


@login_required
def entry_list(request):
    """Without ``q``: the entries one may list (filters: state, category). With ``q``: the search
    agents use (published, valid today), best first."""
    form = ListForm(request.GET)
    form.is_valid()
    d = form.cleaned_data
    context = {"form": form, "can_write": permissions.can_write(request.user), "q": d.get("q", "")}
    if d.get("q"):
        context["hits"] = selectors.search(user=request.user, q=d["q"], limit=10, min_share=MIN_SHARE)
    else:
        rows = selectors.entries(
            user=request.user, state=d.get("state", ""), category=d.get("category", ""),
            company=d.get("company"), updated_from=d.get("updated_from"), updated_to=d.get("updated_to"),
        )  # fmt: skip
        context["page"] = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "kb/list.html", context)


@login_required
def entry_detail(request, pk: int):
    entry = _entry_or_404(request.user, pk)
    return render(
        request,
        "kb/detail.html",
        {
            "entry": entry,
            "can_edit": permissions.can_edit(request.user, entry),
            "transitions": permissions.allowed_transitions(request.user, entry),
            "can_delete": permissions.can_edit(request.user, entry)
            and entry.state in (ReviewState.DRAFT, ReviewState.IN_REVIEW),
            "revisions": selectors.revisions(entry)[:50],
            "valid_today": selectors.searchable(user=request.user).filter(pk=entry.pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request):
    if not permissions.can_write(request.user):
        raise PermissionDenied("只有供热主管或供热企业调度可以编写知识库")
    form = EntryForm(request.POST or None, user=request.user, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.create_entry(by=request.user, fields=form.entry_fields())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已保存为草稿；提交审核、经供热主管发布后坐席即可检索到")
            return redirect("kb:detail", entry.pk)
    return render(request, "kb/edit.html", {"form": form, "entry": None})


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, pk: int):
    entry = _entry_or_404(request.user, pk)
    if not permissions.can_edit(request.user, entry):
        raise PermissionDenied("您不能修改这条知识库条目")
    form = EntryForm(request.POST or None, user=request.user, initial=EntryForm.initial_from(entry))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entry(entry=entry, by=request.user, fields=form.entry_fields())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存（{entry.get_state_display()}）")
            return redirect("kb:detail", entry.pk)
    return render(request, "kb/edit.html", {"form": form, "entry": entry})


@login_required
@require_POST
def entry_move(request, pk: int, transition: str):
    entry = _entry_or_404(request.user, pk)
    try:
        services.move_entry(entry=entry, by=request.user, transition=transition)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{Transition(transition).label}：现为“{entry.get_state_display()}”")
    return redirect("kb:detail", entry.pk)


@login_required
@require_POST
def entry_delete(request, pk: int):
    entry = _entry_or_404(request.user, pk)
    try:
        services.delete_entry(entry=entry, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("kb:detail", entry.pk)
    messages.success(request, "已删除")
    return redirect("kb:list")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    if not permissions.can_write(request.user):
        raise PermissionDenied("只有供热主管或供热企业调度可以导入知识库")
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": sheet.COLUMNS}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:8]
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            for chunk in upload.chunks():
                tmp.write(chunk)
            tmp.flush()
            try:
                context["report"] = sheet.import_entries(
                    source=tmp.name, by=request.user, filename=upload.name
                )
            except ImportRejected as err:
                context["rejected"] = err
                status = 422
            except DomainError as err:
                context["problem"] = str(err)
                status = 400
    return render(request, "kb/import.html", context, status=status)


@login_required
def export_xlsx(request):
    rows = selectors.entries(user=request.user)
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 - FileResponse closes it
    count = sheet.export_entries(rows=rows, target=tmp.name)
    audit.record(
        actor=request.user, action="kb.export", summary=f"导出知识库{count}条", changes={"count": count}
    )
    response = FileResponse(open(tmp.name, "rb"), as_attachment=True, filename="知识库.xlsx")  # noqa: SIM115
    tmp.close()
    Path(tmp.name).unlink()  # the open handle keeps the data until the response is sent (POSIX)
    return response
