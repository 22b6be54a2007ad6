"""The organisation tree 党委 → 党总支 → 党支部 → 党小组, kept as materialised paths."""

from dataclasses import dataclass

from sqlmodel import Session, select

from data_layer.auth import Actor, readable_scope
from data_layer.errors import Refused
from data_layer.models import Organisation
from data_layer.store import db, remembered
from data_layer.vocab import OrgKind

_CHILD_KINDS = {
    None: {OrgKind.COMMITTEE},
    OrgKind.COMMITTEE: {OrgKind.GENERAL_BRANCH, OrgKind.BRANCH},
    OrgKind.GENERAL_BRANCH: {OrgKind.BRANCH},
    OrgKind.BRANCH: {OrgKind.GROUP},
    OrgKind.GROUP: set(),
}


@dataclass(frozen=True)
class OrgNode:
    id: int
    name: str
    kind: str
    parent_id: int | None
    path: str
    active: bool

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


def check_placement(kind: str, parent: Organisation | None) -> None:
    """The tree's shape rules: 党委 at the top, 党总支 or 党支部 under a 党委, 党支部 under a 党总支, 党小组 under a 党支部."""
    if kind not in _CHILD_KINDS[OrgKind(parent.kind) if parent else None]:
        under = parent.name if parent else "顶层"
        raise Refused(f"{under}下不能设立{kind}", field="组织类型")


def add_organisation(
    *,
    session: Session,
    name: str,
    kind: OrgKind,
    parent: Organisation | None = None,
    sort_order: int = 0,
    grid: str | None = None,
) -> Organisation:
    """Insert a node under ``parent`` and set its path; the tree's shape rules are checked here."""
    check_placement(kind, parent)
    node = Organisation(
        name=name, kind=kind, parent_id=parent.id if parent else None, sort_order=sort_order, grid=grid
    )
    session.add(node)
    session.flush()
    node.path = f"{parent.path if parent else '/'}{node.id}/"
    session.flush()
    return node


def _in_tree_order(session: Session, *conditions) -> list[OrgNode]:
    """The nodes matching ``conditions`` (which must keep every kept node's parent) in tree order."""
    rows = session.exec(
        db.select_columns(
            Organisation.id,
            Organisation.name,
            Organisation.kind,
            Organisation.parent_id,
            Organisation.path,
            Organisation.active,
            Organisation.sort_order,
        ).where(*conditions)
    ).all()
    children: dict[int | None, list[OrgNode]] = {}
    for *fields, _sort_order in sorted(rows, key=lambda row: (row[6], row[1])):
        node = OrgNode(*fields)
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[OrgNode] = []

    def visit(parent_id: int | None) -> None:
        for node in children.get(parent_id, ()):
            ordered.append(node)
            visit(node.id)

    visit(None)
    return ordered


def all_nodes(*, session: Session) -> list[OrgNode]:
    """Every node in tree order (parents before children, siblings by sort order and name)."""
    return _in_tree_order(session)


@remembered(kept=True)
def tree_positions(*, session: Session) -> dict[int, int]:
    """Each 党委, 党总支 and 党支部's place in tree order, for sorting lists of branches the way the filter
    shows them (党小组, the leaves, are left out: they change no other node's order)."""
    nodes = _in_tree_order(session, Organisation.kind != OrgKind.GROUP)
    return {node.id: position for position, node in enumerate(nodes)}


def by_name(*, session: Session, name: str, field: str = "组织名称") -> Organisation:
    node = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if node is None:
        raise Refused(f"找不到组织“{name}”", field=field)
    return node


def visible_nodes(*, session: Session, actor: Actor) -> list[OrgNode]:
    """The 党委, 党总支 and 党支部 an actor may choose in the filters, in tree order."""
    scope = readable_scope(session=session, actor=actor)
    return [
        node
        for node in _in_tree_order(session, Organisation.kind != OrgKind.GROUP)
        if node.active and scope.contains(node.path)
    ]
