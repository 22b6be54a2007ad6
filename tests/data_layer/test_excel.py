"""Workbooks open in openpyxl with the headers, values and formats written, and no formulas."""

from decimal import Decimal
from io import BytesIO

import pandas as pd
from openpyxl import load_workbook

from data_layer.excel import Sheet, workbook_bytes


def test_a_table_round_trips_with_chinese_headers_and_formats():
    frame = pd.DataFrame(
        {
            "branch": ["综采一队党支部", '=HYPERLINK("http://x")'],
            "rate": [0.853, None],
            "spent": [Decimal("1234.5"), 0],
        }
    )
    data = workbook_bytes(
        [
            Sheet(
                "经费",
                frame,
                {"branch": "党支部", "rate": "执行率", "spent": "已支出"},
                {"rate": "percent", "spent": "money"},
            )
        ]
    )

    sheet = load_workbook(BytesIO(data))["经费"]
    assert [cell.value for cell in sheet[1]] == ["党支部", "执行率", "已支出"]
    assert [cell.value for cell in sheet[2]] == ["综采一队党支部", 0.853, 1234.5]
    assert sheet["B2"].number_format == "0.0%"
    assert sheet["C2"].number_format == "¥#,##0.00"
    assert sheet["A3"].value == '=HYPERLINK("http://x")'
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value is None
    assert sheet.freeze_panes == "A2"
