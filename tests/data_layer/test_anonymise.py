from dataclasses import dataclass

import pandas as pd
import pytest

from data_layer.reports import known_people, mask_frame, mask_name, masker
from data_layer.vocab import Role


@pytest.mark.parametrize(
    "name, masked",
    [
        ("张三", "张*"),
        ("张三丰", "张*"),
        ("欧阳明", "欧阳*"),
        ("司马光", "司马*"),
        ("欧阳", "欧*"),
        (" 李四 ", "李*"),
        ("", ""),
        (None, None),
    ],
)
def test_names_keep_only_the_surname(name, masked):
    assert mask_name(name) == masked


def test_frames_mask_names_and_hide_member_numbers_but_keep_branches():
    frame = pd.DataFrame({"member_no": ["T001"], "name": ["欧阳明"], "branch": ["综采一队党支部"]})
    masked = mask_frame(frame, names=("name",), numbers=("member_no",))
    assert masked.values.tolist() == [["****", "欧阳*", "综采一队党支部"]]
    assert frame["name"].tolist() == ["欧阳明"]  # the original is untouched


MASKER = masker(["张三", "欧阳明", "李四", "王", "li"], ["T001", "BS0012"])


def test_the_masker_replaces_names_and_numbers_wherever_they_stand():
    assert MASKER.text("张三") == "张*"
    assert MASKER.text("王晓明录入：张三 (T001) 与欧阳明结对") == "王晓明录入：张* (****) 与欧阳*结对"
    assert MASKER.text("BS0012，李四") == "****，李*"
    assert MASKER.text("王五") == "王五"  # a one-character name masks nothing
    assert MASKER.text("limit li") == "limit l*"  # a Latin login only as a whole word
    assert MASKER.text("综采一队党支部") == "综采一队党支部"


def test_the_masker_copies_frames_dataclasses_and_containers_and_leaves_numbers_and_enums():
    frame = pd.DataFrame(
        {"owner": ["张三", None], "rate": [0.5, 0.25], "member_no": ["T001", "T009"]},
        index=pd.Index(["李四", "x"]),
    )
    masked = MASKER.mask(frame)
    assert masked.index.tolist() == ["李*", "x"]
    assert masked.loc["李*"].tolist() == ["张*", 0.5, "****"]
    assert masked.loc["x", "member_no"] == "T009" and pd.isna(masked.loc["x", "owner"])
    assert masked.dtypes.tolist() == frame.dtypes.tolist()
    assert frame.loc["李四", "owner"] == "张三"  # the answer others share is untouched

    @dataclass(frozen=True)
    class View:
        who: str
        role: Role
        rows: list
        by_name: dict

    view = MASKER.mask(View("欧阳明", Role.ADMIN, [("李四", 3)], {"张三": "T001"}))
    assert view == View("欧阳*", Role.ADMIN, [("李*", 3)], {"张*": "****"})
    assert view.role is Role.ADMIN


def test_known_people_reads_every_member_and_user(session):
    people = known_people(session=session)
    assert people.text("欧阳明（T005）") == "欧阳*（****）"
    assert people.text("王五") == "王*"  # inactive members too
    assert people.text("sec_a") == "s*"  # users' names and logins
