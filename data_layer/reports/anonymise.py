"""Anonymised mode: people's names masked for demos to visitors (张三 → 张*, 欧阳明 → 欧阳*); 党员编号 hidden.

Branch names stay. The same masking serves the screens and the report files. ``known_people`` reads every
member's name and number and every user's name from the database; its ``Masker`` replaces them wherever
they stand in an answer — a table cell, a heading's words, a tooltip's text — so the screens mask at one
place (ui/masking.py) instead of naming the columns that hold people on every page.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast, overload

import pandas as pd
from sqlmodel import Session, select

from data_layer.models import Member, User

# Two-character surnames common enough to keep whole; everything else keeps its first character.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "令狐",
        "夏侯",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "呼延",
    ]
)
HIDDEN_NUMBER = "****"


@overload
def mask_name(name: str) -> str: ...
@overload
def mask_name(name: str | None) -> str | None: ...
def mask_name(name: str | None) -> str | None:
    """张三 → 张*, 张三丰 → 张*, 欧阳明 → 欧阳*; blank stays blank."""
    if name is None or pd.isna(name) or not str(name).strip():
        return name
    name = str(name).strip()
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return f"{surname}*"


def mask_frame(
    frame: pd.DataFrame, *, names: tuple[str, ...] = (), numbers: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A copy with the ``names`` columns masked and the ``numbers`` columns (党员编号) hidden."""
    masked = frame.copy()
    for column in names:
        if column in masked:
            masked[column] = masked[column].map(mask_name)
    for column in numbers:
        if column in masked:
            masked[column] = HIDDEN_NUMBER
    return masked


SHORTEST = 2  # a one-character "name" would mask that character everywhere


@dataclass(frozen=True)
class Masker:
    """What each known name and 党员编号 becomes; ``mask`` applies it to any answer a page is given."""

    replacements: Mapping[str, str]
    _lengths: tuple[int, ...] = dataclasses.field(init=False, repr=False)
    _starts: frozenset[str] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Computed here, not on first use: a remembered answer must not change after it is given.
        object.__setattr__(
            self, "_lengths", tuple(sorted({len(key) for key in self.replacements}, reverse=True))
        )
        object.__setattr__(self, "_starts", frozenset(key[0] for key in self.replacements))

    def text(self, value: str) -> str:
        """``value`` with every known name and number in it replaced, longest first; a Latin name
        (a login such as ``li``) only where it stands as a whole word."""
        if value in self.replacements:
            return self.replacements[value]
        parts, start, at = [], 0, 0
        while at < len(value):
            found = value[at] in self._starts and self._match(value, at)
            if found:
                parts += [value[start:at], self.replacements[found]]
                at = start = at + len(found)
            else:
                at += 1
        return "".join(parts) + value[start:] if parts else value

    def _match(self, value: str, at: int) -> str | None:
        for length in self._lengths:
            key = value[at : at + length]
            if len(key) == length and key in self.replacements and _whole_word(value, at, key):
                return key
        return None

    def mask(self, value: Any) -> Any:
        """A copy of ``value`` (text, frames, dataclasses, lists, dicts of them) with names masked;
        numbers, dates and vocabulary (enums) stay as they are."""
        if isinstance(value, Enum) or not self.replacements:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, pd.DataFrame):
            return self._frame(value)
        if isinstance(value, pd.Series):
            return self._column(value).rename(self.mask(value.name))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changed = {
                field.name: self.mask(getattr(value, field.name)) for field in dataclasses.fields(value)
            }
            return dataclasses.replace(
                value, **{name: item for name, item in changed.items() if _init(value, name)}
            )
        if isinstance(value, Mapping):
            return {self.mask(key): self.mask(item) for key, item in value.items()}
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            return cast(Any, value)._make(self.mask(item) for item in value)  # a named tuple: it has _fields
        if isinstance(value, list | tuple | set | frozenset):
            return type(value)(self.mask(item) for item in value)
        return value

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        masked = frame.copy()
        for position in range(masked.shape[1]):
            masked.isetitem(position, self._column(masked.iloc[:, position]))
        masked.columns = self._index(masked.columns)
        masked.index = self._index(masked.index)
        return masked

    def _column(self, column: pd.Series) -> pd.Series:
        if isinstance(column.dtype, pd.CategoricalDtype):
            return column.cat.rename_categories(self._index(column.cat.categories))
        if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
            return column
        seen: dict[Any, Any] = {}

        def cell(item: Any) -> Any:
            if isinstance(item, str):
                if item not in seen:
                    seen[item] = self.text(item)
                return seen[item]
            return self.mask(item)

        # Not Series.map: it would turn None into NaN, and pages tell a blank by ``is None``.
        values = [cell(item) for item in column.to_numpy()]
        return pd.Series(values, index=column.index, dtype=column.dtype, name=column.name)

    def _index(self, index: pd.Index) -> pd.Index:
        if isinstance(index, pd.MultiIndex):
            return index.set_levels([self._index(level) for level in index.levels])
        if index.dtype != object and not pd.api.types.is_string_dtype(index.dtype):
            return index
        return index.map(lambda item: self.text(item) if isinstance(item, str) else item)


def _whole_word(value: str, at: int, key: str) -> bool:
    """A Latin key must not be part of a longer Latin word (``li`` in ``limit``)."""
    before = value[at - 1] if at else ""
    after = value[at + len(key) : at + len(key) + 1]
    return not ((_latin(key[0]) and _latin(before)) or (_latin(key[-1]) and _latin(after)))


def _latin(char: str) -> bool:
    return bool(char) and char.isascii() and (char.isalnum() or char == "_")


def _init(value: Any, name: str) -> bool:
    return next(field.init for field in dataclasses.fields(value) if field.name == name)


def masker(names: list[str], numbers: list[str]) -> Masker:
    """Names become their masked form, 党员编号 ``HIDDEN_NUMBER``; blanks and one-character names are left."""
    replacements = {str(number).strip(): HIDDEN_NUMBER for number in numbers if number}
    replacements.update({name.strip(): mask_name(name) for name in names if name})
    return Masker({key: masked for key, masked in replacements.items() if len(key) >= SHORTEST})


def known_people(*, session: Session) -> Masker:
    """The masker of every member's name and 党员编号 and every user's name and login, present or past."""
    members = session.exec(select(Member.name, Member.member_no)).all()
    users = session.exec(select(User.display_name, User.username)).all()
    names = [name for name, _ in members] + [name for pair in users for name in pair]
    return masker(names, [number for _, number in members])
