"""安全生产 on the overview and the projector: the scope's 党员 and 非党员 三违率, 生产计划完成率 and
accidents at M with 环比 — the 党建+安全生产 page's figures (``safety``, one definition), read for M and
M−1 only: no 对标 scores, no trend, so the overview stays within its targets at group scale."""

from dataclasses import dataclass

from sqlmodel import Session

from data_layer import months
from data_layer.auth import Actor, Scope, readable_scope
from data_layer.metrics import safety
from data_layer.metrics.common import Figure
from data_layer.store import remembered


@dataclass(frozen=True)
class SafetyHeadline:
    month: str
    member_violation_rate: Figure  # 党员三违率, per thousand party members
    other_violation_rate: Figure  # 非党员三违率, per thousand others
    production_rate: Figure  # 生产计划完成率
    records: int  # 党支部 with a safety record of M
    injury_accidents: int
    other_accidents: int
    previous_accidents: int | None  # M−1's, None when M−1 has no safety record

    @property
    def accidents(self) -> int:
        return self.injury_accidents + self.other_accidents

    @property
    def accident_change(self) -> int | None:
        """Accidents at M less M−1's; None unless both months have records."""
        if not self.records or self.previous_accidents is None:
            return None
        return self.accidents - self.previous_accidents


def safety_headline(
    *, session: Session, actor: Actor, month: str, org_ids: tuple[int, ...] = ()
) -> SafetyHeadline:
    """The overview's 安全生产 figures at M for the actor's scope (or the organisations asked for)."""
    months.parse(month)
    scope = readable_scope(session=session, actor=actor, org_ids=org_ids)
    return safety_headline_of(session=session, scope=scope, month=month)


@remembered(kept=True)
def safety_headline_of(*, session: Session, scope: Scope, month: str) -> SafetyHeadline:
    """The overview's 安全生产 figures at M for ``scope``; kept (data_layer/store/kept.py)."""
    now = safety.totals(safety.branch_figures(session=session, scope=scope, month=month))
    before = safety.totals(safety.branch_figures(session=session, scope=scope, month=months.previous(month)))
    return SafetyHeadline(
        month=month,
        member_violation_rate=safety.figure(now, before, "member_violation_rate", safety.NO_RECORDS),
        other_violation_rate=safety.figure(now, before, "other_violation_rate", safety.NO_RECORDS),
        production_rate=safety.figure(now, before, "production_rate", safety.NO_PRODUCTION),
        records=now.records,
        injury_accidents=now.injury_accidents,
        other_accidents=now.other_accidents,
        previous_accidents=before.injury_accidents + before.other_accidents if before.records else None,
    )
