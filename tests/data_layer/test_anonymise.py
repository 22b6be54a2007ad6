import pandas as pd
import pytest

from data_layer.reports import mask_frame, mask_name


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
