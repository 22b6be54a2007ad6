"""The first run on an empty database: four steps an administrator takes before the dashboard has figures.

1 组织架构 → 2 党员与账号 → 3 任务与预算 → 4 第一个月. Each step says, in Chinese sentences computed from the
database, what is still missing, and names the Excel template kinds (data_layer/excel/kinds.py) that
fill it. The last step is done once any month has a figure: from then on the normal pages open.
"""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from data_layer import auth, clock, metrics
from data_layer.auth import Actor
from data_layer.models import BudgetAllocation, Member, Organisation, Task, User, YearParameter
from data_layer.vocab import OrgKind, Role


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    kinds: tuple[str, ...]  # the Excel template kinds of the step
    missing: tuple[str, ...]  # what is still missing, one Chinese sentence each

    @property
    def done(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class FirstRun:
    year: int
    steps: tuple[Step, ...]

    @property
    def done(self) -> bool:
        return all(step.done for step in self.steps)


def _active_branches(session: Session) -> list[Organisation]:
    return list(
        session.exec(
            select(Organisation)
            .where(Organisation.kind == OrgKind.BRANCH, Organisation.active)
            .order_by(Organisation.path)
        ).all()
    )


def _branch_ids_with(session: Session, column, *where) -> set[int]:
    return set(session.exec(select(column).where(*where).distinct()).all())


def _organisation(session: Session, branches: list[Organisation]) -> tuple[str, ...]:
    committee = session.exec(
        select(Organisation.id).where(Organisation.kind == OrgKind.COMMITTEE, Organisation.active)
    ).first()
    return (*(() if committee else ("还没有党委",)), *(() if branches else ("还没有党支部",)))


def _people(session: Session, branches: list[Organisation]) -> tuple[str, ...]:
    with_members = _branch_ids_with(session, Member.branch_id, Member.active)
    secretaries = _branch_ids_with(session, User.branch_id, User.active, User.role == Role.SECRETARY)
    leader = session.exec(select(User.id).where(User.active, User.role == Role.LEADER)).first()
    return (
        *(() if branches else ("还没有党员",)),  # the 党支部 come first (step 1), then their members
        *(f"{branch.name}还没有党员" for branch in branches if branch.id not in with_members),
        *(f"{branch.name}还没有党支部书记账号" for branch in branches if branch.id not in secretaries),
        *(() if leader else ("还没有党委领导账号",)),
    )


def _plan(session: Session, branches: list[Organisation], year: int) -> tuple[str, ...]:
    first, last = f"{year}-01", f"{year}-12"
    with_tasks = _branch_ids_with(
        session, Task.branch_id, Task.active, Task.start_month <= last, Task.due_month >= first
    )
    budget = session.exec(
        select(func.count(col(BudgetAllocation.id))).where(BudgetAllocation.year == year)
    ).one()
    return (
        *(() if session.get(YearParameter, year) else (f"还没有{year}年度参数",)),
        *(() if with_tasks else (f"还没有{year}年度任务",)),
        *(
            f"{branch.name}还没有{year}年度任务"
            for branch in branches
            if with_tasks and branch.id not in with_tasks
        ),
        *(() if budget else (f"还没有{year}年度经费预算",)),
    )


def first_run_status(*, session: Session, actor: Actor | None) -> FirstRun:
    """The four steps and what each still misses (administrators only)."""
    auth.require_admin(session=session, actor=actor)
    year = int(clock.this_month()[:4])
    branches = _active_branches(session)
    figures = metrics.latest_month(session=session) is not None
    return FirstRun(
        year=year,
        steps=(
            Step(1, "组织架构", ("组织架构",), _organisation(session, branches)),
            Step(2, "党员与账号", ("党员名册",), _people(session, branches)),
            Step(
                3,
                "任务与预算",
                ("年度参数", "支出类别", "任务清单", "经费预算"),
                _plan(session, branches, year),
            ),
            Step(
                4,
                "第一个月",
                ("任务进展", "学习情况", "经费支出", "三会一课"),
                () if figures else ("还没有任何月度数据",),
            ),
        ),
    )
