"""parse.py: what people type in forms and Excel cells → one canonical value, or a Chinese refusal.

Every expected value below is written out by hand. Excel serials: 1 = 1900-01-01, 61 = 1900-03-01,
36526 = 2000-01-01, 46023 = 2026-01-01, so 46082 = 2026-03-01 and 46086 = 2026-03-05.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_layer import parse
from data_layer.errors import Refused
from data_layer.vocab import MeetingKind, TaskMode

FIELD = "测试项"
QUICK = settings(max_examples=150, deadline=None)


def refused(function, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as caught:
        function(*args, field=FIELD, **kwargs)
    assert caught.value.field == FIELD
    assert caught.value.row is None
    return caught.value


def fullwidth(text: str) -> str:
    """ASCII digits, letters and punctuation as their full-width forms (what a Chinese IME types)."""
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


# ---------------------------------------------------------------- blank


@pytest.mark.parametrize(
    "value", [None, "", "   ", "\u3000", "\u200b", " \ufeff\u2060 ", "\t\n", float("nan")]
)
def test_blank_values(value):
    assert parse.blank(value)


@pytest.mark.parametrize("value", ["0", 0, 0.0, Decimal(0), False, "-", date(2026, 3, 5), "a"])
def test_values_that_are_not_blank(value):
    assert not parse.blank(value)


# ---------------------------------------------------------------- text and name


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("学习贯彻二十大精神", "学习贯彻二十大精神"),
        ("  两端有空格  ", "两端有空格"),
        ("中间  多个\t空白\n换行", "中间 多个 空白 换行"),
        ("全角\u3000空格", "全角 空格"),
        ("不换行\u00a0空格", "不换行 空格"),
        ("零\u200b宽\u200c字\u200d符\ufeff去\u2060掉", "零宽字符去掉"),
        ("ＡＢＣ１２３", "ＡＢＣ１２３"),  # free text is kept as typed
        ("党课（第一讲）：“两学一做”", "党课（第一讲）：“两学一做”"),
        (1001, "1001"),
        (1001.0, "1001"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.3"),
        (Decimal("12.50"), "12.5"),
        (date(2026, 3, 5), "2026-03-05"),
        (datetime(2026, 3, 5), "2026-03-05"),
        (datetime(2026, 3, 5, 9, 30), "2026-03-05 09:30:00"),
    ],
)
def test_text_accepts(raw, expected):
    assert parse.text(raw, field=FIELD) == expected


@pytest.mark.parametrize("raw", [None, "", "  ", "\u200b"])
def test_text_blank(raw):
    assert parse.text(raw, field=FIELD, required=False) is None
    assert refused(parse.text, raw).message == f"请填写{FIELD}"


@pytest.mark.parametrize(
    "raw, options, message",
    [
        ("一" * 6, {"max_length": 5}, "最多 5 个字（现在 6 个字）"),
        ("a\x00b", {}, "含有无法识别的控制字符，请删除后重新填写"),
        ("a\x07", {}, "含有无法识别的控制字符，请删除后重新填写"),
        ("右到左\u202e覆盖", {}, "含有无法识别的控制字符，请删除后重新填写"),
        (True, {}, "应为文字"),
        (float("inf"), {}, "应为文字"),
        ([1, 2], {}, "应为文字"),
    ],
)
def test_text_refuses(raw, options, message):
    assert refused(parse.text, raw, **options).message == message


def test_text_length_counts_after_cleaning():
    assert parse.text("  一二三四五\u200b  ", field=FIELD, max_length=5) == "一二三四五"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("综采一队 党支部", "综采一队党支部"),
        (" 张　三 ", "张三"),
        ("综采\u200b一队\n党支部", "综采一队党支部"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("ＡＢ队党支部", "AB队党支部"),
        ("E¨", "Ë"),  # NFKC makes "¨" a space and a combining mark; with the space gone they compose
    ],
)
def test_name_removes_all_whitespace(raw, expected):
    assert parse.name(raw, field=FIELD) == expected


def test_name_blank_and_length():
    assert parse.name(" ", field=FIELD, required=False) is None
    assert refused(parse.name, None).message == f"请填写{FIELD}"
    assert refused(parse.name, "张 三 丰", max_length=2).message == "最多 2 个字（现在 3 个字）"


# ---------------------------------------------------------------- code


@pytest.mark.parametrize(
    "raw, options, expected",
    [
        ("bs0012", {}, "BS0012"),
        (" ＢＳ００１２ ", {}, "BS0012"),
        ("BS 0012", {}, "BS0012"),
        (1024, {}, "1024"),
        (1024.0, {}, "1024"),
        ("2026-zc1-01", {"punctuation": "-_"}, "2026-ZC1-01"),
        ("2026－ZC1—01", {"punctuation": "-_"}, "2026-ZC1-01"),
        ("a_1", {"punctuation": "-_"}, "A_1"),
    ],
)
def test_code_accepts(raw, options, expected):
    assert parse.code(raw, field=FIELD, **options) == expected


@pytest.mark.parametrize(
    "raw, options, message",
    [
        ("BS-0012", {}, "只能包含字母和数字，例如 DY0012"),
        ("党员1", {"example": "BS0012"}, "只能包含字母和数字，例如 BS0012"),
        (
            "A/1",
            {"punctuation": "-_", "example": "2026-ZC1-01"},
            "只能包含字母、数字和“-”“_”，例如 2026-ZC1-01",
        ),
        ("A" * 31, {}, "最多 30 个字（现在 31 个字）"),
        ("", {}, f"请填写{FIELD}"),
    ],
)
def test_code_refuses(raw, options, message):
    assert refused(parse.code, raw, **options).message == message


def test_code_optional():
    assert parse.code(" ", field=FIELD, required=False) is None


# ---------------------------------------------------------------- choice


@pytest.mark.parametrize(
    "raw, options, expected",
    [
        ("定制", TaskMode, "定制"),
        (" 领 办 ", TaskMode, "领办"),
        ("党\u200b课", MeetingKind, "党课"),
        ("次", ("次", "人"), "次"),
        ("admin", ["Admin", "leader"], "Admin"),
    ],
)
def test_choice_accepts(raw, options, expected):
    result = parse.choice(raw, options, field=FIELD)
    assert result == expected
    assert type(result) is str


@pytest.mark.parametrize(
    "raw, options, message",
    [
        ("指派", TaskMode, "应为以下之一：定制、领办"),
        ("", TaskMode, f"请填写{FIELD}"),
        ("场次", ("次", "人", "场"), "应为以下之一：次、人、场"),
    ],
)
def test_choice_refuses(raw, options, message):
    assert refused(parse.choice, raw, options).message == message


# ---------------------------------------------------------------- decimal


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1,234.50", "1234.50"),
        ("1234.5", "1234.50"),
        ("１２３４.５", "1234.50"),
        ("１，２３４．５０", "1234.50"),
        ("¥1,234.50", "1234.50"),
        ("￥1234.5", "1234.50"),
        ("1234.50元", "1234.50"),
        (" 12 ", "12.00"),
        ("1 234.5", "1234.50"),
        ("+7", "7.00"),
        (".5", "0.50"),
        ("12.", "12.00"),
        ("1234.500", "1234.50"),
        ("0", "0.00"),
        ("-0", "0.00"),
        (-0.0, "0.00"),
        ("\u200b88\u200b", "88.00"),
        (1234, "1234.00"),
        (1234.5, "1234.50"),
        (3.0, "3.00"),
        (0.1 + 0.2, "0.30"),
        (1234.5000000000002, "1234.50"),
        (1234567890123.45, "1234567890123.45"),
        (1234567.8900000001, "1234567.89"),  # Excel's 15 significant digits
        (Decimal("1234.5"), "1234.50"),
        (Decimal("1E+2"), "100.00"),
    ],
)
def test_decimal_accepts(raw, expected):
    result = parse.decimal(raw, field=FIELD)
    assert result == Decimal(expected)
    assert str(result) == expected  # always exactly two places


@pytest.mark.parametrize(
    "raw, places, expected",
    [("12.5", 1, "12.5"), (7, 0, "7"), ("0.125", 3, "0.125"), (2.25, 4, "2.2500")],
)
def test_decimal_places(raw, places, expected):
    assert str(parse.decimal(raw, field=FIELD, places=places)) == expected


@pytest.mark.parametrize(
    "raw, options, message",
    [
        ("abc", {}, "应为数字，例如 1234.50"),
        ("1.2.3", {}, "应为数字，例如 1234.50"),
        ("1,23", {}, "应为数字，例如 1234.50"),
        ("1234,50", {}, "应为数字，例如 1234.50"),
        ("1_000", {}, "应为数字，例如 1234.50"),
        ("1e3", {}, "应为数字，例如 1234.50"),
        ("1.5万", {}, "应为数字，例如 1234.50"),
        ("85%", {}, "应为数字，例如 1234.50"),
        ("--5", {}, "应为数字，例如 1234.50"),
        ("-", {}, "应为数字，例如 1234.50"),
        ("NaN", {}, "应为数字，例如 1234.50"),
        ("abc", {"places": 1}, "应为数字，例如 1234.5"),
        (True, {}, "应为数字，例如 1234.50"),
        (False, {}, "应为数字，例如 1234.50"),
        (float("inf"), {}, "应为数字，例如 1234.50"),
        (float("-inf"), {}, "应为数字，例如 1234.50"),
        (Decimal("NaN"), {}, "应为数字，例如 1234.50"),
        (Decimal("Infinity"), {}, "应为数字，例如 1234.50"),
        (date(2026, 3, 5), {}, "应为数字，例如 1234.50"),
        (None, {}, f"请填写{FIELD}"),
        (" ", {}, f"请填写{FIELD}"),
        (float("nan"), {}, f"请填写{FIELD}"),
        ("1.005", {"money": True}, "金额最多两位小数，例如 1234.50"),
        (1.005, {"money": True}, "金额最多两位小数，例如 1234.50"),
        ("1.005", {}, "最多 2 位小数，例如 1234.50"),
        ("1.25", {"places": 1}, "最多 1 位小数，例如 1234.5"),
        ("1.5", {"places": 0}, "应为整数，例如 12"),
        ("0.30000000000000004", {}, "最多 2 位小数，例如 1234.50"),  # typed text is taken as typed
        ("-0.01", {}, "不能为负数"),
        ("−5", {}, "不能为负数"),
        (-5, {"positive": True}, "不能为负数"),
        ("-¥12", {"money": True}, "不能为负数"),
        (0, {"positive": True}, "应大于 0"),
        ("0.00", {"positive": True}, "应大于 0"),
        ("4", {"minimum": 5}, "不能小于 5"),
        ("0.4", {"minimum": Decimal("0.5")}, "不能小于 0.5"),
        ("200.01", {"maximum": 200}, "数值过大，最多 200"),
        ("100000001", {"maximum": Decimal("1e8")}, "数值过大，最多 100,000,000"),
        (1e14, {"maximum": Decimal("1e13")}, "数值过大，最多 10,000,000,000,000"),
        ("1.5", {"maximum": Decimal("1.25")}, "数值过大，最多 1.25"),
        ("9" * 40, {}, "数值过大"),
        (Decimal("1E+100000"), {}, "数值过大"),
    ],
)
def test_decimal_refuses(raw, options, message):
    assert refused(parse.decimal, raw, **options).message == message


def test_decimal_limits_are_inclusive():
    assert parse.decimal("200", field=FIELD, maximum=200) == Decimal(200)
    assert parse.decimal("5", field=FIELD, minimum=5) == Decimal(5)
    assert parse.decimal("-3", field=FIELD, minimum=None) == Decimal("-3.00")
    assert parse.decimal("0.01", field=FIELD, positive=True) == Decimal("0.01")


def test_money_is_decimal_with_the_money_message():
    assert parse.money("¥1,234.5", field=FIELD) == Decimal("1234.50")
    assert refused(parse.money, "12.345").message == "金额最多两位小数，例如 1234.50"


# ---------------------------------------------------------------- integer


@pytest.mark.parametrize(
    "raw, expected",
    [(3, 3), (3.0, 3), ("3", 3), ("３", 3), ("1,200", 1200), (" 12 ", 12), ("3.0", 3), (Decimal("7.00"), 7)],
)
def test_integer_accepts(raw, expected):
    result = parse.integer(raw, field=FIELD)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    "raw, options, message",
    [
        (3.5, {}, "应为整数，例如 12"),
        ("3.5", {}, "应为整数，例如 12"),
        ("三", {}, "应为整数，例如 12"),
        ("3次", {}, "应为整数，例如 12"),
        (True, {}, "应为整数，例如 12"),
        (float("nan"), {}, f"请填写{FIELD}"),
        ("", {}, f"请填写{FIELD}"),
        (-1, {}, "不能为负数"),
        (0, {"minimum": 1}, "不能小于 1"),
        (10001, {"maximum": 10000}, "数值过大，最多 10,000"),
        (10**40, {}, "数值过大"),
    ],
)
def test_integer_refuses(raw, options, message):
    assert refused(parse.integer, raw, **options).message == message


# ---------------------------------------------------------------- year


@pytest.mark.parametrize(
    "raw, expected",
    [(2026, 2026), (2026.0, 2026), ("2026", 2026), ("２０２６", 2026), ("2026年", 2026), ("2026年度", 2026)],
)
def test_year_accepts(raw, expected):
    assert parse.year(raw, field=FIELD) == expected


@pytest.mark.parametrize(
    "raw, message",
    [
        ("二〇二六", "年度应为四位数字，例如 2026"),
        (2026.5, "年度应为四位数字，例如 2026"),
        (True, "年度应为四位数字，例如 2026"),
        (1999, "年度应在 2000–2100 之间，例如 2026"),
        ("2101", "年度应在 2000–2100 之间，例如 2026"),
        (None, f"请填写{FIELD}"),
    ],
)
def test_year_refuses(raw, message):
    assert refused(parse.year, raw).message == message


# ---------------------------------------------------------------- month


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026-03", "2026-03"),
        ("2026-3", "2026-03"),
        ("2026/3", "2026-03"),
        ("2026.3", "2026-03"),
        ("2026年3月", "2026-03"),
        ("2026年03月", "2026-03"),
        ("2026 年 3 月", "2026-03"),
        ("2026年3月份", "2026-03"),
        ("2026年12", "2026-12"),
        ("202603", "2026-03"),
        ("２０２６－０３", "2026-03"),
        ("２０２６年３月", "2026-03"),
        (" 2026-03\u200b ", "2026-03"),
        (202603, "2026-03"),
        (202603.0, "2026-03"),
        (date(2026, 3, 5), "2026-03"),
        (datetime(2026, 3, 1, 0, 0), "2026-03"),
        (46082, "2026-03"),  # Excel turned "2026-3" into the date 2026-03-01
        (46086.75, "2026-03"),
        (Decimal(46082), "2026-03"),
        (36526, "2000-01"),
        ("2100-12", "2100-12"),
    ],
)
def test_month_accepts(raw, expected):
    assert parse.month(raw, field=FIELD) == expected


@pytest.mark.parametrize(
    "raw, message",
    [
        ("2026-13", "月份应在 1–12 之间，例如 2026-03"),
        ("2026-00", "月份应在 1–12 之间，例如 2026-03"),
        ("202613", "月份应在 1–12 之间，例如 2026-03"),
        ("1999-12", "年份应在 2000–2100 之间，例如 2026-03"),
        ("2101-01", "年份应在 2000–2100 之间，例如 2026-03"),
        (date(1999, 12, 31), "年份应在 2000–2100 之间，例如 2026-03"),
        ("26-03", "月份格式应为 YYYY-MM，例如 2026-03"),
        ("2026", "月份格式应为 YYYY-MM，例如 2026-03"),
        ("3月", "月份格式应为 YYYY-MM，例如 2026-03"),
        ("2026-03-01", "月份格式应为 YYYY-MM，例如 2026-03"),
        ("2026-003", "月份格式应为 YYYY-MM，例如 2026-03"),
        ("三月", "月份格式应为 YYYY-MM，例如 2026-03"),
        (3, "月份格式应为 YYYY-MM，例如 2026-03"),
        (True, "月份格式应为 YYYY-MM，例如 2026-03"),
        (-46082, "月份格式应为 YYYY-MM，例如 2026-03"),
        (10**12, "月份格式应为 YYYY-MM，例如 2026-03"),
        (float("inf"), "月份格式应为 YYYY-MM，例如 2026-03"),
        (None, f"请填写{FIELD}"),
        ("", f"请填写{FIELD}"),
    ],
)
def test_month_refuses(raw, message):
    assert refused(parse.month, raw).message == message


# ---------------------------------------------------------------- day


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/3/5", date(2026, 3, 5)),
        ("2026.3.5", date(2026, 3, 5)),
        ("2026年3月5日", date(2026, 3, 5)),
        ("2026年3月5号", date(2026, 3, 5)),
        ("2026 年 3 月 5 日", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
        ("２０２６年３月５日", date(2026, 3, 5)),
        ("２０２６／０３／０５", date(2026, 3, 5)),
        ("2026-03-05 00:00:00", date(2026, 3, 5)),
        ("2026-03-05T14:30", date(2026, 3, 5)),
        ("2024-02-29", date(2024, 2, 29)),
        (date(2026, 3, 5), date(2026, 3, 5)),
        (datetime(2026, 3, 5, 23, 59), date(2026, 3, 5)),
        (46086, date(2026, 3, 5)),
        (46086.5, date(2026, 3, 5)),
        (Decimal(46086), date(2026, 3, 5)),
        (20260305, date(2026, 3, 5)),
        (36526, date(2000, 1, 1)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),  # Excel's serial 60 is the 1900-02-29 that never was
        ("1985-07-01", date(1985, 7, 1)),
    ],
)
def test_day_accepts(raw, expected):
    assert parse.day(raw, field=FIELD) == expected


@pytest.mark.parametrize(
    "raw, message",
    [
        ("2026-02-30", "日期不存在：2026年2月只有 28 天"),
        ("2025-02-29", "日期不存在：2025年2月只有 28 天"),
        ("2026-04-31", "日期不存在：2026年4月只有 30 天"),
        ("2026-12-32", "日期不存在：2026年12月只有 31 天"),
        ("2026-03-00", "日期不存在：2026年3月只有 31 天"),
        (20260230, "日期不存在：2026年2月只有 28 天"),
        ("2026-13-01", "月份应在 1–12 之间，例如 2026-03-05"),
        ("1899-12-31", "年份应在 1900–2100 之间，例如 2026-03-05"),
        (date(2101, 1, 1), "年份应在 1900–2100 之间，例如 2026-03-05"),
        ("2026-03", "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        ("3/5/2026", "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        ("昨天", "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        ("2026-03-05 下午", "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        (60, "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        (0, "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        (-1, "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        (False, "日期格式应为 YYYY-MM-DD，例如 2026-03-05"),
        (float("nan"), f"请填写{FIELD}"),
        ("\u3000", f"请填写{FIELD}"),
    ],
)
def test_day_refuses(raw, message):
    assert refused(parse.day, raw).message == message


def test_day_not_after_today():
    today = date(2026, 11, 24)
    assert parse.day("2026-11-24", field=FIELD, not_after=today) == today
    assert refused(parse.day, "2026-11-25", not_after=today).message == "日期不能晚于今天（2026-11-24）"
    assert (
        refused(parse.day, "2026-12-01", not_after=date(2026, 11, 30), not_after_label="本月月底").message
        == "日期不能晚于本月月底（2026-11-30）"
    )


def test_day_not_before():
    assert parse.day("1921-07-01", field=FIELD, not_before=date(1921, 7, 1)) == date(1921, 7, 1)
    assert refused(parse.day, "1921-06-30", not_before=date(1921, 7, 1)).message == "日期不能早于 1921-07-01"


# ---------------------------------------------------------------- properties

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.text(),
    st.text(alphabet="0123456789０１２３４５６７８９,.，．-/年月日¥元 \u3000\u200b"),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=2),
)
ALWAYS_ON = [
    lambda value: parse.text(value, field=FIELD, required=False),
    lambda value: parse.name(value, field=FIELD, required=False),
    lambda value: parse.code(value, field=FIELD, required=False, punctuation="-_"),
    lambda value: parse.choice(value, TaskMode, field=FIELD),
    lambda value: parse.month(value, field=FIELD),
    lambda value: parse.day(value, field=FIELD, not_after=date(2026, 11, 24)),
    lambda value: parse.decimal(value, field=FIELD, maximum=Decimal("1e13")),
    lambda value: parse.decimal(value, field=FIELD, minimum=None),
    lambda value: parse.money(value, field=FIELD, positive=True),
    lambda value: parse.integer(value, field=FIELD, minimum=None),
    lambda value: parse.year(value, field=FIELD),
]


@QUICK
@given(value=anything, which=st.integers(min_value=0, max_value=len(ALWAYS_ON) - 1))
def test_anything_is_accepted_or_refused_with_the_field(value, which):
    try:
        ALWAYS_ON[which](value)
    except Refused as refusal:
        assert refusal.field == FIELD
        assert refusal.message
        assert any("\u4e00" <= char <= "\u9fff" for char in refusal.message)  # Chinese, not pydantic's


two_places = st.decimals(
    min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
)


@QUICK
@given(two_places)
def test_decimal_round_trips_two_place_text(number):
    assert parse.decimal(str(number), field=FIELD, minimum=None) == number
    assert parse.decimal(f"{number:,}", field=FIELD, minimum=None) == number
    assert parse.decimal(fullwidth(str(number)), field=FIELD, minimum=None) == number


@QUICK
@given(two_places)
def test_decimal_round_trips_excel_floats(number):
    """A two-place amount stored by Excel as a float comes back exactly."""
    assert parse.decimal(float(number), field=FIELD, minimum=None, money=True) == number


@QUICK
@given(st.lists(st.decimals(min_value=0, max_value=10**5, places=2), min_size=1, max_size=10))
def test_excel_sums_of_money_keep_two_places(amounts):
    """=SUM() of two-place amounts is a float with noise in the far decimals; it is still money."""
    total = sum(float(amount) for amount in amounts)
    assert parse.money(total, field=FIELD) == sum(amounts)


@QUICK
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integer_round_trips(number):
    assert parse.integer(number, field=FIELD, minimum=None) == number
    assert parse.integer(f"{number:,}", field=FIELD, minimum=None) == number
    assert (
        parse.integer(float(number) if abs(number) < 2**53 else number, field=FIELD, minimum=None) == number
    )


def excel_serial(day: date) -> int:
    serial = (day - date(1899, 12, 30)).days
    return serial if serial > 60 else serial - 1


@QUICK
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_spelling_of_a_month(day):
    expected = f"{day.year:04d}-{day.month:02d}"
    spellings = [
        expected,
        f"{day.year}-{day.month}",
        f"{day.year}/{day.month}",
        f"{day.year}.{day.month}",
        f"{day.year}年{day.month}月",
        f"{day.year}{day.month:02d}",
        fullwidth(expected),
        day,
        datetime(day.year, day.month, day.day, 12),
        excel_serial(day),
        day.year * 100 + day.month,
    ]
    assert {parse.month(spelling, field=FIELD) for spelling in spellings} == {expected}


@QUICK
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_spelling_of_a_day(day):
    spellings = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y%m%d"),
        fullwidth(day.isoformat()),
        day,
        datetime(day.year, day.month, day.day, 8, 15),
        excel_serial(day),
        excel_serial(day) + 0.25,
        int(day.strftime("%Y%m%d")),
    ]
    assert {parse.day(spelling, field=FIELD) for spelling in spellings} == {day}


@QUICK
@given(st.dates(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_day_never_after_the_bound(day, bound):
    try:
        result = parse.day(day, field=FIELD, not_after=bound)
    except Refused:
        assert day > bound or not 1900 <= day.year <= 2100
    else:
        assert result == day <= bound


@QUICK
@given(st.text())
def test_text_and_name_are_idempotent(raw):
    for function in (parse.text, parse.name):
        try:
            once = function(raw, field=FIELD, required=False, max_length=None)
        except Refused:
            continue
        assert function(once, field=FIELD, required=False, max_length=None) == once
        if once is not None:
            assert once == once.strip()
            assert "\u200b" not in once
            assert function is parse.text or not any(char.isspace() for char in once)


def test_serial_helper_matches_the_docstring():
    assert excel_serial(date(2026, 3, 5)) == 46086
    assert excel_serial(date(1900, 1, 1)) == 1
    assert excel_serial(date(1900, 3, 1)) == 61
    assert date(1899, 12, 30) + timedelta(days=46082) == date(2026, 3, 1)
