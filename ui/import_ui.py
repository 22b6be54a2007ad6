"""The Excel import panel: templates to download, a workbook to upload, and what the import did.

A workbook people made themselves (not the template) is shown as the import will read it, to correct and
confirm first (ui/import_plan_ui.py). The import runs in one transaction (``db.write_scope``): every row is written, or nothing and the list of
problems, each naming the sheet, row and column, on screen and as a workbook to download.
"""

from collections.abc import Sequence

import streamlit as st

from data_layer import excel
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.store import db
from ui import components, import_plan_ui, text
from ui.literal import literal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEM_COLUMNS = {
    "sheet": (text.PROBLEM_SHEET, "text"),
    "row": (text.PROBLEM_ROW, "int"),
    "column": (text.PROBLEM_COLUMN, "text"),
    "message": (text.PROBLEM_MESSAGE, "text"),
}


def _template(url: str, actor: Actor, kinds: tuple[str, ...], month: str | None, branch_id: int | None):
    with db.session_scope(db.get_engine(url)) as session:
        return excel.template_workbook(
            session=session, actor=actor, kinds=list(kinds), month=month, branch_id=branch_id
        )


def _template_buttons(
    url: str, actor: Actor, kinds: tuple[str, ...], month: str | None, branch_id: int | None, key: str
) -> None:
    suffix = f"_{month}" if month else ""
    choices = (
        [(text.IMPORT_TEMPLATE_ALL, kinds), *((kind, (kind,)) for kind in kinds)] if len(kinds) > 1 else []
    )
    choices = choices or [(kinds[0], kinds)]  # one kind: one button, named after it
    for column, (label, chosen) in zip(st.columns(len(choices)), choices, strict=True):
        name = text.IMPORT_TEMPLATE_FILE if len(chosen) > 1 else chosen[0] + text.IMPORT_TEMPLATE_SUFFIX
        with column:
            st.download_button(
                label if len(chosen) > 1 else text.IMPORT_TEMPLATE_ONE.format(kind=label),
                data=lambda chosen=chosen: _template(url, actor, chosen, month, branch_id),
                file_name=f"{name}{suffix}.xlsx",
                mime=XLSX,
                icon=":material/download:",
                on_click="ignore",
                key=f"{key}-template-{'-'.join(chosen)}",
            )


def _plan(upload, key: str) -> excel.ImportPlan | None:
    """How the uploaded workbook will be read; shown to correct when anything in it was guessed."""
    remembered = f"{key}-plan-{upload.file_id}"
    if remembered not in st.session_state:
        try:
            st.session_state[remembered] = excel.plan_workbook(upload.getvalue())
        except Refused:
            st.session_state[remembered] = None  # the import says why
    plan = st.session_state[remembered]
    if plan is None or not plan.needs_confirmation:
        return plan
    return import_plan_ui.review(plan, key=f"{key}-plan")


def _run(
    url: str,
    actor: Actor,
    workbook: bytes,
    *,
    dry_run: bool,
    confirm: bool,
    plan: excel.ImportPlan | None = None,
):
    bar = st.progress(0.0, text=text.IMPORT_CHECKING.format(done=0, total="…"))

    def report(stage: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        value = share / 2 if stage == "check" else 0.5 + share / 2
        label = text.IMPORT_CHECKING if stage == "check" else text.IMPORT_WRITING
        bar.progress(min(value, 1.0), text=label.format(done=done, total=total))

    with db.write_scope(db.get_engine(url)) as session:
        return excel.import_workbook(
            session=session,
            actor=actor,
            data=workbook,
            dry_run=dry_run,
            confirm_over_allocation=confirm,
            on_progress=report,
            plan=plan,
        )


def _show(result: excel.ImportResult, key: str) -> None:
    if result.problems:
        st.error(text.IMPORT_FAILED.format(count=len(result.problems)), icon=":material/error:")
        components.table(result.problems_frame(), PROBLEM_COLUMNS, key=f"{key}-problems")
        st.download_button(
            text.IMPORT_PROBLEMS_DOWNLOAD,
            data=result.problems_workbook(),
            file_name=text.IMPORT_PROBLEMS_FILE,
            mime=XLSX,
            icon=":material/download:",
            on_click="ignore",
            key=f"{key}-problems-download",
        )
        return
    lines = [
        text.IMPORT_SHEET_COUNTS.format(
            sheet=sheet, inserted=saved.inserted, updated=saved.updated, unchanged=saved.unchanged
        )
        for sheet, saved in result.saved.items()
    ]
    counts = "\n".join(f"- {line}" for line in lines)
    if not any(saved.inserted + saved.updated + saved.unchanged for saved in result.saved.values()):
        st.info(text.IMPORT_NOTHING, icon=":material/info:")
    elif result.dry_run:
        st.info(f"{text.IMPORT_DRY_RUN_DONE}\n{counts}", icon=":material/fact_check:")
    else:
        st.success(f"{text.IMPORT_DONE}\n{counts}", icon=":material/check_circle:")
    if result.ignored_sheets:
        st.caption(text.IMPORT_IGNORED.format(sheets="、".join(map(literal, result.ignored_sheets))))


def import_panel(
    *,
    url: str,
    actor: Actor,
    kinds: Sequence[str],
    month: str | None = None,
    branch_id: int | None = None,
    key: str,
) -> None:
    """Templates for ``kinds`` (pre-filled for ``month`` and ``branch_id``), upload, import, summary."""
    kinds = tuple(kinds)
    result_key = f"{key}-result"
    st.caption(text.IMPORT_HELP)
    _template_buttons(url, actor, kinds, month, branch_id, key)
    upload = st.file_uploader(
        text.IMPORT_FILE,
        type=["xlsx"],
        key=f"{key}-file",
        on_change=lambda: st.session_state.pop(result_key, None),
    )
    plan = _plan(upload, key) if upload is not None else None
    dry_run = st.checkbox(text.IMPORT_DRY_RUN, key=f"{key}-dry-run")
    confirm = "经费支出" in kinds and st.checkbox(text.IMPORT_CONFIRM_OVER, key=f"{key}-confirm")
    label = text.IMPORT_RUN_CONFIRMED if plan is not None and plan.needs_confirmation else text.IMPORT_RUN
    if st.button(label, type="primary", disabled=upload is None, key=f"{key}-run"):
        result = _run(url, actor, upload.getvalue(), dry_run=dry_run, confirm=confirm, plan=plan)
        st.session_state[result_key] = result
        if result.written:  # the write changed the versions of what it wrote: every page is fresh
            st.rerun()
    if result_key in st.session_state:
        _show(st.session_state[result_key], key)
