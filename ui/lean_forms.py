"""The forms of the 金点子 and 帮扶结对 pages, for a secretary's own 党支部 or the one an administrator chose.

They only collect what was typed, as {Excel header: value}; data_layer validates (schemas), authorizes and
writes (ideas, pairs), so a refusal names the field and nothing is half-written.
"""

from datetime import date

import pandas as pd
import streamlit as st

from data_layer import clock, months, schemas
from data_layer.auth import Actor
from data_layer.lean import ideas_entry, pairs_entry
from data_layer.vocab import IdeaStatus, OrgKind, PairKind, Role
from ui import actions, components, data, text


def entry_branch(url: str, actor: Actor, by_branch: pd.DataFrame, *, key: str) -> tuple[int, str] | None:
    """The 党支部 the forms write for: a secretary's own, the one an administrator chooses; leaders none."""
    if actor.role == Role.LEADER:
        return None
    if actor.role == Role.SECRETARY:
        names = {node.id: node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH}
        assert actor.branch_id is not None, "a secretary's login always names their 党支部"
        return actor.branch_id, names[actor.branch_id]
    names = dict(zip(by_branch["branch_id"].astype(int), by_branch["branch"], strict=True))
    if not names:
        return None
    chosen = components.remembered_choice(
        text.IDEAS_CHOOSE_BRANCH, list(names), key=key, format_func=names.get
    )
    return chosen, names[chosen]


def _day_in(month: str) -> date:
    return min(months.last_day(month), clock.today())


def _members(url: str, actor: Actor, branch_id: int, month: str) -> dict[str, str]:
    members = data.branch_members(url, actor, branch_id, month)
    return dict(zip(members["member_no"], members["name"], strict=True))


def propose_idea(url: str, actor: Actor, branch: str, branch_id: int, month: str) -> None:
    people = _members(url, actor, branch_id, month)
    with st.form("idea-propose"):
        st.markdown(f"**{text.IDEAS_PROPOSE_FORM}**")
        title = st.text_input(text.IDEAS_TITLE, max_chars=schemas.IDEA_TITLE_LENGTH, key="idea-title")
        left, right = st.columns(2)
        proposer = left.selectbox(
            text.IDEAS_PROPOSER,
            list(people),
            format_func=lambda no: f"{people[no]}（{no}）",
            key="idea-proposer",
            placeholder=text.CHOOSE,
        )
        day = right.date_input(text.IDEAS_PROPOSED_ON, value=_day_in(month), max_value=clock.today())
        sent = st.form_submit_button(text.IDEAS_SAVE, type="primary")
    if sent:
        values = {"branch": branch, "title": title, "proposer_no": proposer, "proposed_on": day}
        actions.run_write(
            url,
            lambda session: ideas_entry.save_idea(
                session=session, actor=actor, item=schemas.from_row(schemas.IdeaIn, values)
            ),
            success=lambda row: text.IDEAS_PROPOSED_SAVED.format(title=row.title, status=row.status),
        )


def advance_idea(url: str, actor: Actor, listed: pd.DataFrame, month: str) -> None:
    open_ideas = listed[listed["status"].map(lambda status: bool(ideas_entry.next_statuses(status)))]
    if open_ideas.empty:
        st.caption(text.IDEAS_NOTHING_TO_ADVANCE)
        return
    labels = {int(row.idea_id): f"{row.title}（{row.status}）" for row in open_ideas.itertuples()}
    with st.form("idea-advance"):
        st.markdown(f"**{text.IDEAS_ADVANCE_FORM}**")
        st.caption(text.IDEAS_ADVANCE_HELP)
        left, middle, right = st.columns(3)
        idea_id = left.selectbox(
            text.IDEAS_CHOOSE,
            list(labels),
            format_func=labels.__getitem__,
            key="idea-choice",
            placeholder=text.CHOOSE,
        )
        status = middle.selectbox(
            text.IDEAS_NEW_STATUS,
            [status.value for status in IdeaStatus if status != IdeaStatus.PROPOSED],
            key="idea-status",
            placeholder=text.CHOOSE,
        )
        day = right.date_input(text.IDEAS_STATUS_ON, value=_day_in(month), max_value=clock.today())
        amount = left.text_input(text.IDEAS_BENEFIT_AMOUNT, placeholder="例如 12000", key="idea-amount")
        words = st.text_input(text.IDEAS_BENEFIT_TEXT, max_chars=200, key="idea-words")
        sent = st.form_submit_button(text.IDEAS_SAVE, type="primary")
    if sent:
        version = int(open_ideas.set_index("idea_id").loc[idea_id, "version"])
        values = {"status": status, "status_on": day, "benefit_amount": amount, "benefit_text": words}
        actions.run_write(
            url,
            lambda session: ideas_entry.advance_idea(
                session=session,
                actor=actor,
                idea_id=idea_id,
                step=schemas.from_row(schemas.IdeaStepIn, values),
                expected_version=version,
            ),
            success=lambda row: text.IDEAS_ADVANCED.format(
                title=row.title, status=row.status, month=row.status_month
            ),
        )


def save_pairing(url: str, actor: Actor, branch: str, branch_id: int, month: str) -> None:
    people = _members(url, actor, branch_id, month)
    with st.form("pairing"):
        st.markdown(f"**{text.PAIRS_PAIRING_FORM}**")
        st.caption(text.PAIRS_FORM_HELP)
        left, middle, right = st.columns(3)
        # The defaults agree whatever the kind: 党员结对 with the first member as 帮扶人, and a 支部结对
        # has no 帮扶人 whoever is chosen here. A 党支部 without members can only pair as a 党支部.
        kinds = [kind.value for kind in PairKind]
        kind = left.selectbox(
            text.PAIRS_KIND,
            kinds,
            index=0 if people else kinds.index(PairKind.BRANCH),
            key="pair-kind",
            placeholder=text.CHOOSE,
        )
        helper = middle.selectbox(
            text.PAIRS_HELPER,
            list(people),
            format_func=lambda no: f"{people[no]}（{no}）",
            help=text.PAIRS_HELPER_HELP,
            key="pair-helper",
            placeholder=text.CHOOSE,
        )
        target = right.text_input(text.PAIRS_TARGET, max_chars=50, key="pair-target")
        started = left.text_input(text.PAIRS_STARTED, value=month)
        ended = middle.text_input(text.PAIRS_ENDED, placeholder="例如 2026-12（选填）", key="pair-ended")
        note = right.text_input(text.PAIRS_NOTE, max_chars=200, key="pair-note")
        sent = st.form_submit_button(text.PAIRS_SAVE, type="primary")
    if sent:
        values = {
            "branch": branch,
            "kind": kind,
            "helper_no": helper if kind == PairKind.MEMBER else None,
            "target": target,
            "started_month": started,
            "ended_month": ended,
            "note": note,
        }
        actions.run_write(
            url,
            lambda session: pairs_entry.save_pairing(
                session=session, actor=actor, item=schemas.from_row(schemas.PairingIn, values)
            ),
            success=lambda row: text.PAIRS_PAIRING_SAVED.format(target=row.target),
        )


def log_visits(url: str, actor: Actor, branch: str, listed: pd.DataFrame, month: str) -> None:
    if listed.empty:
        st.caption(text.PAIRS_NOTHING_TO_VISIT.format(month=month))
        return
    labels = {
        int(row.pairing_id): f"{row.helper or text.PAIRS_NO_HELPER} → {row.target}"
        for row in listed.itertuples()
    }
    with st.form("pair-visit"):
        st.markdown(f"**{text.PAIRS_VISIT_FORM.format(month=month)}**")
        left, middle, right = st.columns(3)
        pairing_id = left.selectbox(
            text.PAIRS_CHOOSE,
            list(labels),
            format_func=labels.__getitem__,
            key="visit-pair",
            placeholder=text.CHOOSE,
        )
        visits = middle.number_input(
            text.PAIRS_VISITS, min_value=0, max_value=100, step=1, value=1, key="visit-count"
        )
        note = right.text_input(text.PAIRS_VISIT_NOTE_LABEL, max_chars=200, key="visit-note")
        sent = st.form_submit_button(text.PAIRS_SAVE, type="primary")
    if sent:
        chosen = listed.set_index("pairing_id").loc[pairing_id]
        values = {
            "month": month,
            "branch": branch,
            "helper_no": chosen["helper_no"],
            "target": chosen["target"],
            "visits": visits,
            "note": note,
        }
        actions.run_write(
            url,
            lambda session: pairs_entry.save_visit(
                session=session, actor=actor, item=schemas.from_row(schemas.VisitIn, values)
            ),
            success=lambda row: text.PAIRS_VISIT_SAVED.format(
                target=chosen["target"], month=row.month, visits=row.visits
            ),
        )
