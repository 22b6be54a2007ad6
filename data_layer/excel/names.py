"""Members found by name, for a 学习情况 sheet with no 党员编号 (the export of the 学习强国 back end:
姓名, 所在组织, 总积分, 本月积分), and the hours and sessions such a points-only sheet keeps.

A member is the one active member of that name in the 党支部 that 所在组织 names ("南山煤矿党委/综采队党支部"
names 综采队党支部), or, with no 所在组织 column, the one active member of that name. The members and
organisations of the database are read once; those of the same workbook's 组织架构 and 党员名册 sheets,
checked before, count too (a new organisation imports its roster and its first month together).
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session, col, select

from data_layer import parse
from data_layer.errors import Refused
from data_layer.excel.kinds import normal
from data_layer.models import Member, Organisation, StudyRecord
from data_layer.schemas import MemberIn, OrganisationIn
from data_layer.vocab import OrgKind


class MemberNames:
    """(党支部, 姓名) → 党员编号, from the database and the rows of the workbook checked before."""

    def __init__(
        self, *, session: Session, organisations: Iterable[OrganisationIn], members: Iterable[MemberIn]
    ):
        self._session = session
        branches = dict(
            session.exec(
                select(Organisation.id, Organisation.name).where(
                    Organisation.kind == OrgKind.BRANCH, Organisation.active
                )
            ).all()
        )
        self.branches = set(branches.values()) | {o.name for o in organisations if o.kind == OrgKind.BRANCH}
        by_number = {
            number: (branches.get(branch_id), name)
            for number, name, branch_id in session.exec(
                select(Member.member_no, Member.name, Member.branch_id).where(Member.active)
            ).all()
        }
        by_number.update({member.member_no: (member.branch, member.name) for member in members})
        self._numbers: dict[tuple[str | None, str], list[str]] = defaultdict(list)
        self._anywhere: dict[str, list[str]] = defaultdict(list)
        for number, (branch, name) in sorted(by_number.items()):
            self._numbers[(branch, name)].append(number)
            self._anywhere[name].append(number)
        self._kept: dict[str, dict[str, tuple[int, Decimal]]] = {}

    def branch_in(self, text: str) -> str | None:
        """The 党支部 an organisation's text names: the longest branch name it contains."""
        cleaned = normal(text)
        named = [name for name in self.branches if normal(name) in cleaned]
        return max(named, key=len) if named else None

    def member_no(self, *, name: str, organisation: str | None, has_organisation: bool) -> str:
        """The 党员编号 of the member called ``name`` in ``organisation``; Refused naming 姓名 or 所在组织."""
        if has_organisation:
            if parse.blank(organisation):
                raise Refused("请填写所在组织（党员所在的党支部）", field="所在组织")
            branch = self.branch_in(str(organisation))
            if branch is None:
                raise Refused(f"“{organisation}”中没有可识别的党支部名称", field="所在组织")
            found = self._numbers.get((branch, name), [])
            where = branch
        else:
            found = self._anywhere.get(name, [])
            where = "全部党支部"
        if not found:
            raise Refused(f"在{where}中找不到党员“{name}”", field="姓名")
        if len(found) > 1:
            raise Refused(
                f"{where}中有 {len(found)} 名党员叫“{name}”（{'、'.join(found)}），请改用带党员编号的表",
                field="姓名",
            )
        return found[0]

    def kept(self, *, member_no: str, month: str) -> tuple[int, Decimal]:
        """The sessions and hours already recorded for a member's month (0 and 0 when none)."""
        if month not in self._kept:
            rows = self._session.exec(
                select(Member.member_no, StudyRecord.sessions, col(StudyRecord.hours))
                .join(Member, col(Member.id) == StudyRecord.member_id)
                .where(StudyRecord.month == month)
            ).all()
            self._kept[month] = {number: (sessions, hours) for number, sessions, hours in rows}
        return self._kept[month].get(member_no, (0, Decimal(0)))
