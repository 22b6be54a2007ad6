"""精益管理 on the overview: the headline figure of each lean mechanism at M, with 环比, and what needs a
leader's attention. Each figure is the one its own page shows (one definition, in its module):
对标平均分 (``stars``), 金点子采纳率 (``ideas``), 帮扶走访率 (``pairs``), 党费交纳率 (``dues``)."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from data_layer import clock, months
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.metrics import dues, ideas, pairs, star_sources, stars
from data_layer.metrics.common import Figure
from data_layer.store import remembered


@dataclass(frozen=True)
class LeanFigures:
    month: str
    star_average: Figure  # 对标平均分 (points out of 100), 月度
    five_stars: int  # 党支部 in scope rated 五星
    low_stars: int  # 党支部 in scope rated 二星 or 一星
    idea_adoption: Figure  # 金点子采纳率
    ideas_proposed: int
    ideas_adopted: int
    visit_rate: Figure  # 帮扶走访率 in M
    idle_pairs: int  # pairings with no visit for N months or more
    idle_months: int  # N
    dues_rate: Figure  # 党费交纳率 January–M
    arrears_members: int  # members unpaid 6 months or more running


def lean_figures(
    *,
    session: Session,
    actor: Actor,
    month: str,
    org_ids: tuple[int, ...] = (),
    today: date | None = None,
) -> LeanFigures:
    """The overview's 精益管理 figures at M for the actor's scope (or the organisations asked for)."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    today = star_sources.settled([month], today or clock.today())  # the same question on every later day
    return lean_figures_of(session=session, scope=scope, month=month, today=today)


@remembered(kept=True)
def lean_figures_of(*, session: Session, scope: Scope, month: str, today: date) -> LeanFigures:
    """The overview's 精益管理 figures at M for ``scope``; kept (data_layer/store/kept.py)."""
    rating = stars.star_view_of(session=session, scope=scope, month=month, today=today, period=stars.MONTHLY)
    counts = dict(zip(*rating.distribution().to_dict("list").values(), strict=True))
    proposals = ideas.ideas_view_of(session=session, scope=scope, month=month)
    pairings = pairs.pairs_view_of(session=session, scope=scope, month=month)
    owing = dues.arrears(session=session, scope=scope, month=month)  # not the page's member list
    return LeanFigures(
        month=month,
        star_average=rating.average,
        five_stars=counts[5],
        low_stars=counts[2] + counts[1],
        idea_adoption=proposals.adoption_rate,
        ideas_proposed=proposals.proposed,
        ideas_adopted=proposals.adopted,
        visit_rate=pairings.visit_rate,
        idle_pairs=len(pairings.idle),
        idle_months=pairings.idle_months,
        dues_rate=dues.paid_rate_figure(session=session, scope=scope, month=month),
        arrears_members=len(owing),
    )
