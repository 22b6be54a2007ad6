"""对标评星: every 党支部 scored against the year's scheme, its stars and rank, and where it lost points."""

import streamlit as st

from data_layer import clock, months
from data_layer.metrics import stars
from data_layer.vocab import IndicatorSource, OrgKind, Role
from ui import actions, charts, components, data, format, navigation, shell, star_rows, stars_forms, text

RANKED = {
    "rank": (text.STAR_RANK, "int"),
    "branch": (text.BRANCH, "text"),
    "score": (text.STAR_SCORE, "decimal"),
    "star_text": (text.STAR_LEVEL_TITLE, "text"),
    "lost_most": (text.STAR_LOST_MOST, "text"),
}
BREAKDOWN = {
    "indicator": (text.STAR_INDICATOR, "text"),
    "source": (text.STAR_SOURCE, "text"),
    "rule": (text.STAR_RULE, "text"),
    "weight": (text.STAR_WEIGHT, "decimal"),
    "earned": (text.STAR_EARNED, "decimal"),
    "lost": (text.STAR_LOST, "decimal"),
    "detail": (text.STAR_DETAIL, "text"),
}
# Where the facts behind each source are shown.
FACTS = {
    IndicatorSource.TASK_COMPLETION: "tasks",
    IndicatorSource.OVERDUE_TASKS: "tasks",
    IndicatorSource.STUDY_ON_TRACK: "study",
    IndicatorSource.MEETING_COMPLIANCE: "meetings",
    IndicatorSource.BUDGET_FIT: "budget",
}

context = shell.page_context()
url, actor, chosen = context.url, context.actor, context.filters
heading = st.empty()  # the title names the period chosen below it
actions.show_flash()
period = components.remembered_choice(
    text.STAR_PERIOD, list(stars.PERIODS), key="star_period", help=text.STAR_PERIOD_HELP
)
rating = data.star_view(url, actor, chosen.month, period, chosen.org_ids, clock.today())
heading.title(f"{text.PAGE_STARS} · {rating.label}")

if rating.reason:
    st.info(rating.reason + (text.STAR_NO_SCHEME_ADMIN if actor.role == Role.ADMIN else ""))
else:
    table = star_rows.ranking(rating)
    counts = star_rows.star_counts(rating)
    average = rating.average
    figures = [
        (text.STAR_AVERAGE, format.score(average.value), format.score_change(average.change)),
        (text.STAR_LEVELS[5], text.STAR_UNIT.format(count=counts[5]), None),
        (text.STAR_LEVELS[4], text.STAR_UNIT.format(count=counts[4]), None),
        (text.STAR_LEVELS[3], text.STAR_UNIT.format(count=counts[3]), None),
        (text.STAR_LOW, text.STAR_UNIT.format(count=counts[2] + counts[1]), None),
    ]
    for column, (label, value, change) in zip(st.columns(len(figures), border=True), figures, strict=True):
        with column:
            components.change_metric(label, value, change)
    if average.reason:
        st.caption(average.reason)

    if table["score"].notna().any():
        charts.draw(charts.star_ranking, table, title=text.STAR_RANKING_TITLE.format(label=rating.label))
    st.caption(text.STAR_CAPTION)
    quota = (
        text.STAR_QUOTA_NONE
        if rating.five_star_quota is None
        else text.STAR_QUOTA.format(share=rating.five_star_share, quota=rating.five_star_quota)
    )
    st.caption(
        quota + (text.STAR_HELD.format(names="、".join(rating.held_to_four)) if rating.held_to_four else "")
    )

    st.subheader(text.STAR_TABLE_TITLE)
    components.table(table, RANKED, download=f"对标评星_{rating.end}", key="star-ranking")

    st.subheader(text.STAR_BREAKDOWN)
    names = star_rows.branch_names(rating)
    branch_id = components.remembered_choice(
        text.STAR_BREAKDOWN_BRANCH, list(names), key="star_branch", format_func=names.get
    )
    lines = star_rows.breakdown(rating, branch_id)
    components.table(
        lines, BREAKDOWN, download=f"对标得分明细_{names[branch_id]}_{rating.end}", key="star-breakdown"
    )
    sources = [source for source in FACTS if source in set(lines["source"])]
    pages = dict.fromkeys(FACTS[source] for source in sources)
    if pages:
        st.caption(text.STAR_FACTS)
        for column, page in zip(st.columns(len(pages)), pages, strict=True):
            column.page_link(
                navigation.script(page), label=navigation.title(page), icon=":material/arrow_forward:"
            )

if actor.role in (Role.LEADER, Role.ADMIN):
    st.divider()
    branch_names = [node.name for node in data.visible_nodes(url, actor) if node.kind == OrgKind.BRANCH]
    stars_forms.manual_score_form(
        url=url,
        actor=actor,
        month=chosen.month,
        scheme=data.scheme_table(url, months.year_of(chosen.month)),
        branches=branch_names,
    )
if actor.role == Role.ADMIN:
    st.divider()
    stars_forms.scheme_section(url=url, actor=actor, year=months.year_of(chosen.month))
