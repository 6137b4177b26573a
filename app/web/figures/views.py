"""The figures page and its CSV: the same filters, the same numbers."""

from datetime import date

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.core.accounts import service as accounts
from app.web.common.request_values import parse_id
from app.web.common.spreadsheet import csv_response
from app.web.figures import bp
from app.web.figures.charts import stacked
from service import attendance
from service import figures as figs
from service.models import ServiceKind
from service.months import month_text, months_between, parse_month

MAX_MONTHS = 36
ROWS_PER_PAGE = 100
DAY_PARTS = (("on_site", "bar-on-site"), ("remote", "bar-remote"), ("absent", "bar-absent"))


def kind_names() -> dict[str, str]:
    return {ServiceKind.WORK_ACTIVITY: _("Rehabilitative work activity"),
            ServiceKind.SOCIAL_REHABILITATION: _("Social rehabilitation"), ServiceKind.OTHER: _("Other service")}


def _filters():
    """The months, group and kind asked for, with a message for anything that could not be used."""
    this_month = attendance.today().replace(day=1)
    year_ago = date(this_month.year - 1, this_month.month, 1)
    errors = []
    first = parse_month(request.args.get("from")) if request.args.get("from") else year_ago
    last = parse_month(request.args.get("to")) if request.args.get("to") else this_month
    if first is None or last is None:
        errors.append(_("Write the months as year and month, for example 2026-01."))
    elif first > last:
        errors.append(_("The first month must not be after the last month."))
    elif len(months_between(first, last)) > MAX_MONTHS:
        errors.append(_("Choose at most %(num)d months at a time.", num=MAX_MONTHS))
    if errors:
        first, last = year_ago, this_month
    group_id = parse_id(request.args.get("group")) if request.args.get("group") else None
    if request.args.get("group") and group_id is None:
        abort(404)
    kind = request.args.get("kind") or None
    if kind is not None and kind not in set(ServiceKind):
        abort(404)
    return first, last, group_id, kind, errors


def _percent(share) -> str:
    return "" if share is None else str(round(100 * share.numerator / share.denominator))


def _cell(value) -> str:
    return "< 5" if value is figs.HIDDEN else str(value)


@bp.get("/figures")
def figures():
    first, last, group_id, kind, errors = _filters()
    page = max(parse_id(request.args.get("page")) or 1, 1)
    result = figs.figures(current_user, first, last, group_id, kind, page=page, per_page=ROWS_PER_PAGE)
    chart = stacked([(total.month, total.values) for total in result.totals], DAY_PARTS)
    return render_template("figures/figures.html", result=result, rows=result.rows, page=page,
                           has_next=result.has_next, chart=chart,
                           groups=accounts.group_names(current_user), group_id=group_id, kind=kind,
                           kinds=kind_names(), first=month_text(first), last=month_text(last), errors=errors,
                           percent=_percent, cell=_cell,
                           args={key: value for key, value in request.args.items() if key != "page"}), \
        400 if errors else 200


def csv_header() -> list[str]:
    return [_("Month"), _("Group"), _("Active learners"), _("Days at the workshop"), _("Remote days"),
            _("Absent days"), _("Remote days, per cent of days taken part"), _("Meetings held at the workshop"),
            _("Meetings held by phone"), _("Meetings held by video"), _("Meetings held by chat"),
            _("Modules completed"), _("Objectives recognised"), _("Recognised units correspond to osp"),
            _("Certificates issued"), _("Learners asked for feedback"), _("Learners who answered"),
            _("Response rate, per cent")]


@bp.get("/figures.csv")
def figures_csv():
    first, last, group_id, kind, errors = _filters()
    if errors:
        abort(400)
    lines = [csv_header()]
    for row in figs.all_rows(current_user, first, last, group_id, kind):
        v = {name: "< 5" if value is figs.HIDDEN else value for name, value in row.values.items()}
        lines.append([row.month, row.group_name, v["active"], v["on_site"], v["remote"], v["absent"],
                      _percent(row.remote_share), v["meetings_on_site"], v["meetings_phone"], v["meetings_video"],
                      v["meetings_chat"], v["modules"], v["objectives"], v["osp"], v["certificates"],
                      v["feedback_asked"], v["feedback_answered"], _percent(row.response_rate)])
    return csv_response(lines, f"figures-{month_text(first)}-{month_text(last)}.csv")
