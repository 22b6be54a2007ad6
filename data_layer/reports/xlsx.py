"""The monthly report as files: an Excel workbook (here) and a PDF (``report_pdf``), from the JSON report.

Both are built from ``reports.monthly_report``'s dict and nothing else, so every figure in a file is a
figure of the JSON report. With ``anonymise`` member names are masked and 党员编号 dropped (``anonymised``).
"""

import copy
from decimal import Decimal
from typing import Any

import pandas as pd

from data_layer import display
from data_layer.excel import Sheet, workbook_bytes
from data_layer.reports import anonymise as masking
from data_layer.reports import lean
from data_layer.reports import safety as safety_report
from data_layer.reports.narrative import HEADLINES, paragraph, title
from data_layer.reports.pdf import pdf_bytes

TOTAL = "合计"
TASK_STATUSES = ("已完成", "正常", "滞后", "严重滞后")


def anonymised(report: dict[str, Any]) -> dict[str, Any]:
    """A copy with member names masked (laggards, task owners, members in arrears, 先锋岗 / 责任区 holders) and
    党员编号 dropped; 党支部 names stay."""
    masked = copy.deepcopy(report)
    masked["anonymised"] = True
    for row in masked["study"].get("laggards") or []:
        row["name"] = masking.mask_name(row["name"])
        row.pop("member_no", None)
    for row in masked["tasks"].get("overdue_tasks") or []:
        row["owner"] = masking.mask_name(row["owner"])
    for row in (masked.get("dues") or {}).get("arrears") or []:
        row["name"] = masking.mask_name(row["name"])
        row.pop("member_no", None)
    for row in (masked.get("safety") or {}).get("posts_not_clean") or []:
        row["holder"] = masking.mask_name(row["holder"])
    return masked


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _summary(report: dict) -> Sheet:
    overview = report["overview"]
    rows = [{"kind": "核心指标", "item": label, **overview[key], "note": None} for key, label in HEADLINES]
    rows.append({"kind": "核心指标", "item": "时间进度", "value": overview.get("time_progress")})
    meetings = report["meetings"]
    for key, label in (
        ("month_compliance", "本月完成率"),
        ("quarter_compliance", "本季度完成率"),
        ("attendance_rate", "出席率"),
    ):
        rows.append({"kind": "三会一课", "item": label, "value": meetings.get(key)})
    rows.append(
        {
            "kind": "三会一课",
            "item": "到会不足半数的会议",
            "note": f"{display.count(meetings.get('below_quorum') or 0)} 次",
        }
    )
    for label, kind, value, previous, delta in lean.lean_headlines(report):
        if kind == "score":  # points out of 100, not a rate: stated in words
            words = display.score(value)
            if delta is not None:
                words += f"（环比 {display.score_change(delta)}）"
            rows.append({"kind": "精益管理", "item": label, "note": words})
        else:
            rows.append(
                {"kind": "精益管理", "item": label, "value": value, "previous": previous, "change": delta}
            )
    for label, kind, value, previous, delta in safety_report.safety_headlines(report):
        if kind == "per_mille":  # per thousand people, not a rate: stated in words
            rows.append(
                {"kind": "党建+安全生产", "item": label, "note": safety_report.per_mille_words(value, delta)}
            )
        else:
            rows.append(
                {
                    "kind": "党建+安全生产",
                    "item": label,
                    "value": value,
                    "previous": previous,
                    "change": delta,
                }
            )
    rows += [
        {"kind": "党建+安全生产", "item": item, "note": words}
        for item, words in safety_report.safety_notes(report)
    ]
    for key, kind in (("red", "红榜"), ("black", "黑榜")):
        rows += [
            {"kind": kind, "item": row["branch"], "value": row["score"]} for row in report["ranking"][key]
        ]
    rows += [{"kind": "预警", "item": alert} for alert in report["budget"].get("alerts") or []]
    if report["tasks"]["overdue"]:
        rows.append(
            {"kind": "预警", "item": "超期任务", "note": f"{display.count(report['tasks']['overdue'])} 项"}
        )
    if report["submissions"]["missing"]:
        rows.append({"kind": "预警", "item": "未报送", "note": "、".join(report["submissions"]["missing"])})
    frame = pd.DataFrame(rows, columns=["kind", "item", "value", "previous", "change", "note"])
    return Sheet(
        "通报摘要",
        frame.astype(object).where(frame.notna(), None),
        {
            "kind": "类别",
            "item": "项目",
            "value": "本月",
            "previous": "上月",
            "change": "环比",
            "note": "说明",
        },
        {"value": "percent", "previous": "percent", "change": "points"},
        intro=(title(report), paragraph(report)),
    )


def _tasks(report: dict) -> list[Sheet]:
    tasks = report["tasks"]
    rows = [
        {
            **{k: row[k] for k in ("branch", "completion_rate", "plan_ratio", "status", "overdue")},
            **row["status_counts"],
        }
        for row in tasks["by_branch"]
    ]
    rows.append(
        {
            "branch": TOTAL,
            "completion_rate": tasks["completion_rate"],
            "plan_ratio": tasks["plan_ratio"],
            "overdue": tasks["overdue"],
            **tasks["status_counts"],
        }
    )
    columns = {
        "branch": "党支部",
        "completion_rate": "任务完成率",
        "plan_ratio": "计划进度",
        "status": "状态",
    }
    columns |= {status: f"{status}（项）" for status in TASK_STATUSES} | {"overdue": "超期（项）"}
    formats = {"completion_rate": "percent", "plan_ratio": "percent"} | {s: "int" for s in TASK_STATUSES}
    overdue = pd.DataFrame(
        tasks["overdue_tasks"], columns=["code", "title", "branch", "owner", "due_month", "months_late"]
    )
    return [
        Sheet("任务完成", pd.DataFrame(rows, columns=list(columns)), columns, formats | {"overdue": "int"}),
        Sheet(
            "超期任务",
            overdue,
            {
                "code": "任务编号",
                "title": "任务",
                "branch": "党支部",
                "owner": "责任人",
                "due_month": "截止月份",
                "months_late": "超期月数",
            },
            {"months_late": "int"},
        ),
    ]


def _study(report: dict) -> list[Sheet]:
    study = report["study"]
    rows = list(study["by_branch"])
    if rows:
        rows.append(
            {
                "branch": TOTAL,
                "members": study.get("members"),
                "on_track_rate": study["on_track_rate"],
                "avg_points": study["avg_points"],
            }
        )
    laggards = pd.DataFrame(
        study.get("laggards") or [], columns=["member_no", "name", "branch", "hours_short", "points_short"]
    )
    columns = {
        "member_no": "党员编号",
        "name": "姓名",
        "branch": "党支部",
        "hours_short": "学时差额",
        "points_short": "积分差额",
    }
    if report.get("anonymised"):
        del columns["member_no"]
    return [
        Sheet(
            "学习_党支部",
            pd.DataFrame(rows, columns=["branch", "members", "on_track_rate", "avg_points"]),
            {
                "branch": "党支部",
                "members": "党员数",
                "on_track_rate": "学习达标率",
                "avg_points": "平均积分",
            },
            {"members": "int", "on_track_rate": "percent", "avg_points": "decimal"},
        ),
        Sheet("学习_未达标党员", laggards, columns, {"hours_short": "decimal", "points_short": "int"}),
    ]


def _budget(report: dict) -> list[Sheet]:
    budget = report["budget"]
    money = {"allocated": "money", "spent_ytd": "money", "execution_rate": "percent"}
    rows = [*budget["by_branch"]]
    rows.append(
        {
            "branch": TOTAL,
            "allocated": budget["allocated"],
            "spent_ytd": budget["spent_ytd"],
            "execution_rate": budget["execution_rate"],
            "status": budget["status"],
        }
    )
    branches = pd.DataFrame(rows, columns=["branch", "allocated", "spent_ytd", "execution_rate", "status"])
    categories = pd.DataFrame(
        budget["by_category"], columns=["category", "allocated", "spent_ytd", "execution_rate"]
    )
    for frame in (branches, categories):
        for column in ("allocated", "spent_ytd"):
            frame[column] = frame[column].map(_money).astype(object)
    amounts = {"allocated": "预算（元）", "spent_ytd": "累计支出（元）", "execution_rate": "经费执行率"}
    return [
        Sheet("经费_党支部", branches, {"branch": "党支部", **amounts, "status": "状态"}, money),
        Sheet("经费_类别", categories, {"category": "经费类别", **amounts}, money),
    ]


def _meetings(report: dict) -> Sheet:
    rows = [
        {
            "branch": row["branch"],
            "period": period,
            "kind": kind,
            "required": required,
            "held": row["held"][kind],
        }
        for period, key in (("本月", "by_branch"), ("本季度", "quarter_by_branch"))
        for row in report["meetings"][key]
        for kind, required in row["required"].items()
    ]
    return Sheet(
        "三会一课",
        pd.DataFrame(rows, columns=["branch", "period", "kind", "required", "held"]),
        {
            "branch": "党支部",
            "period": "期间",
            "kind": "会议",
            "required": "应开（次）",
            "held": "已开（次）",
        },
        {"required": "int", "held": "int"},
    )


def _submissions(report: dict) -> Sheet:
    missing = set(report["submissions"]["missing"])
    rows = [
        {"branch": branch, "status": status, "missing": "未报送" if branch in missing else "已报送"}
        for branch, status in report["submissions"]["by_branch"].items()
    ]
    return Sheet(
        "月度填报",
        pd.DataFrame(rows, columns=["branch", "status", "missing"]),
        {"branch": "党支部", "status": "填报状态", "missing": "是否报送"},
    )


def report_sheets(report: dict[str, Any]) -> list[Sheet]:
    """The summary sheet (title and narrative above it) and the detail sheets, in reading order."""
    return [
        _summary(report),
        *_tasks(report),
        *_study(report),
        *_budget(report),
        _meetings(report),
        _submissions(report),
        lean.stars_sheet(report),
        lean.ideas_sheet(report),  # 金点子
        lean.pairs_sheet(report),  # 帮扶结对
        *lean.dues_sheets(report),
        *safety_report.safety_sheets(report),  # 党建+安全生产
    ]


def report_xlsx(report: dict[str, Any], *, anonymise: bool = False) -> bytes:
    """The monthly report as an .xlsx workbook."""
    return workbook_bytes(report_sheets(anonymised(report) if anonymise else report))


def report_pdf(report: dict[str, Any], *, anonymise: bool = False) -> bytes:
    """The monthly report as a PDF: title page, headline figures, narrative, charts (``report_pdf``)."""
    return pdf_bytes(anonymised(report) if anonymise else report)
