"""Anonymised mode: member names masked for demos to visitors (张三 → 张*, 欧阳明 → 欧阳*); 党员编号 hidden.

Branch names stay. The same masking serves the screens and the report files.
"""

import pandas as pd

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
