"""The Excel import panel: templates to download, a workbook to upload, and what the import did.

An uploaded workbook is read once (``excel.read_workbook``: streaming, within limits) and kept for the
preview and the import. A workbook people made themselves (not the template) is shown as the import will
read it, to correct and confirm first (ui/import_plan_ui.py). The import checks every row without the
database's write lock, then writes in one transaction (``db.write_scope``): every row, or nothing and
the list of problems, each naming the sheet, row and column, on screen and as a workbook to download.
"""

import functools
from collections.abc import Sequence

import streamlit as st

from data_layer import excel
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.store import db
from ui import components, import_plan_ui, text
from ui.literal import literal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_MB = 50  # an .xlsx is zipped: 50 MB holds far more than the import's 100,000 rows a sheet
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
    # A row that wraps, each button as wide as its label: equal columns cut the labels to "下载…".
    buttons = st.container(horizontal=True)
    for label, chosen in choices:
        name = text.IMPORT_TEMPLATE_FILE if len(chosen) > 1 else chosen[0] + text.IMPORT_TEMPLATE_SUFFIX
        with buttons:
            st.download_button(
                label if len(chosen) > 1 else text.IMPORT_TEMPLATE_ONE.format(kind=label),
                data=functools.partial(_template, url, actor, chosen, month, branch_id),
                file_name=f"{name}{suffix}.xlsx",
                mime=XLSX,
                icon=":material/download:",
                on_click="ignore",
                key=f"{key}-template-{'-'.join(chosen)}",
            )


def _read(upload, key: str) -> tuple[excel.Book | None, excel.ImportPlan | None]:
    """The uploaded workbook as read, and how it will be read: read once per upload (the preview's
    reading is the import's), only the latest upload kept. (None, None) when it cannot be read: the
    import says why."""
    remembered = f"{key}-read"
    if st.session_state.get(remembered, (None,))[0] != upload.file_id:
        try:
            book = excel.read_workbook(upload.getvalue())
            st.session_state[remembered] = (upload.file_id, book, excel.plan_book(book))
        except Refused:
            st.session_state[remembered] = (upload.file_id, None, None)
    return st.session_state[remembered][1:]


def _plan(plan: excel.ImportPlan | None, key: str) -> excel.ImportPlan | None:
    """The plan, shown to correct when anything in it was guessed."""
    if plan is None or not plan.needs_confirmation:
        return plan
    return import_plan_ui.review(plan, key=f"{key}-plan")


def _run(
    url: str,
    actor: Actor,
    workbook: bytes | excel.Book,
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

    result = excel.import_file(  # checked without the write lock, then written under it
        engine=db.get_engine(url),
        actor=actor,
        data=workbook,
        dry_run=dry_run,
        confirm_over_allocation=confirm,
        on_progress=report,
        plan=plan,
    )
    bar.progress(1.0, text=text.IMPORT_FINISHED)  # full, whatever stage it stopped at
    return result


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
    # .xls and .csv are accepted here so that the import can say in Chinese what to do with them
    # (Streamlit's own refusal of another type is English).
    upload = st.file_uploader(
        text.IMPORT_FILE,
        type=["xlsx", "xls", "csv"],
        key=f"{key}-file",
        help=text.IMPORT_FILE_HELP,
        max_upload_size=MAX_UPLOAD_MB,
        on_change=lambda: st.session_state.pop(result_key, None),
    )
    book, plan = _read(upload, key) if upload is not None else (None, None)
    plan = _plan(plan, key)
    dry_run = st.checkbox(text.IMPORT_DRY_RUN, key=f"{key}-dry-run")
    confirm = "经费支出" in kinds and st.checkbox(text.IMPORT_CONFIRM_OVER, key=f"{key}-confirm")
    label = text.IMPORT_RUN_CONFIRMED if plan is not None and plan.needs_confirmation else text.IMPORT_RUN
    if st.button(label, type="primary", disabled=upload is None, key=f"{key}-run"):
        assert upload is not None, "the button is disabled without a file"
        workbook = book if book is not None else upload.getvalue()  # not readable: the import says why
        result = _run(url, actor, workbook, dry_run=dry_run, confirm=confirm, plan=plan)
        st.session_state[result_key] = result
        if result.written:  # the write changed the versions of what it wrote: every page is fresh
            st.rerun()
    if result_key in st.session_state:
        _show(st.session_state[result_key], key)
