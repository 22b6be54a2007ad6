"""月度通报 download: Excel or PDF of the month's JSON report, built with a progress bar, then downloaded."""

import streamlit as st

from data_layer import reports
from data_layer.auth import Actor
from data_layer.errors import Refused
from data_layer.store import db
from ui import text
from ui.literal import literal

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _build(url: str, actor: Actor, month: str, org_ids: tuple[int, ...], kind: str, anonymise: bool) -> bytes:
    bar = st.progress(0.1, text=text.REPORT_STEP_FIGURES)
    with db.session_scope(db.get_engine(url)) as session:
        report = reports.monthly_report(session=session, actor=actor, month=month, org_ids=org_ids)
        if anonymise:  # every person named anywhere in it, beyond the columns ``anonymised`` knows
            report = reports.known_people(session=session).mask(report)
    bar.progress(0.4, text=text.REPORT_STEP_FILE.format(kind=text.REPORT_FORMATS[kind]))
    build = reports.report_xlsx if kind == "xlsx" else reports.report_pdf
    data = build(report, anonymise=anonymise)
    bar.progress(1.0, text=text.REPORT_STEP_DONE)
    return data


def report_download(
    *, url: str, actor: Actor, month: str, org_ids: tuple[int, ...], anonymise: bool, key: str = "report"
) -> None:
    """A format choice and 生成月度通报; once built, the file is offered for download (kept per filters)."""
    st.subheader(text.REPORT_TITLE, help=text.REPORT_HELP)
    kind = st.radio(
        text.REPORT_FORMAT,
        list(text.REPORT_FORMATS),
        format_func=text.REPORT_FORMATS.get,
        horizontal=True,
        key=f"{key}-format",
    )
    wanted = (month, tuple(org_ids), kind, anonymise)
    if st.button(text.REPORT_BUILD, icon=":material/description:", key=f"{key}-build"):
        try:  # e.g. the PDF's Chinese font is not installed on the server
            st.session_state[f"{key}-file"] = (
                wanted,
                _build(url, actor, month, tuple(org_ids), kind, anonymise),
            )
        except Refused as refusal:
            st.error(literal(refusal), icon=":material/error:")
    built = st.session_state.get(f"{key}-file")
    if built and built[0] == wanted:
        name = text.REPORT_FILE.format(month=month)
        st.download_button(
            text.REPORT_DOWNLOAD.format(kind=text.REPORT_FORMATS[kind]),
            data=built[1],
            file_name=f"{name}.{kind}",
            mime=MIME[kind],
            icon=":material/download:",
            on_click="ignore",
            key=f"{key}-download",
        )
        if anonymise:
            st.caption(text.REPORT_ANONYMISED)
