"""Accept what people really type, in forms and in Excel cells, and return one canonical value.

Every function takes the raw value and ``field`` (the Chinese name of the column or form field) and
returns a canonical value or raises :class:`Refused` naming that field, with a message that says what
to write instead. Inputs may be text with stray spaces, full-width characters, thousands separators
or zero-width characters; Excel numbers (``int``/``float``), ``Decimal``; ``date``/``datetime`` (what
openpyxl gives for date cells) or an Excel serial day number in a date column; and blanks
(``None``, ``""``, whitespace, or the NaN/NaT pandas puts in empty cells).

Pure functions: no database, no clock (pass ``not_after`` for "not after today").
"""

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal, localcontext
from enum import Enum
from typing import Any, Literal, overload

from data_layer.errors import Refused

ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
_ZERO_WIDTH_TABLE = {ord(char): None for char in ZERO_WIDTH}
# Blank-looking characters that are not format characters (the other default-ignorables, Hangul fillers,
# the braille blank): inside a name they make a look-alike of another name, so names refuse them.
_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
_DASHES = {ord(char): "-" for char in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"}

MONTH_FORMAT = "月份格式应为 YYYY-MM，例如 2026-03"
MONTH_NUMBER = "月份应在 1–12 之间，例如 2026-03"
MONTH_YEAR = "年份应在 2000–2100 之间，例如 2026-03"
DAY_FORMAT = "日期格式应为 YYYY-MM-DD，例如 2026-03-05"
DAY_MONTH = "月份应在 1–12 之间，例如 2026-03-05"
DAY_YEAR = "年份应在 1900–2100 之间，例如 2026-03-05"
YEAR_FORMAT = "年度应为四位数字，例如 2026"
YEAR_RANGE = "年度应在 2000–2100 之间，例如 2026"
MONEY_PLACES = "金额最多两位小数，例如 1234.50"
NEGATIVE = "不能为负数"
NOT_POSITIVE = "应大于 0"
NOT_INTEGER = "应为整数，例如 12"
NOT_TEXT = "应为文字"
CONTROL = "含有无法识别的控制字符，请删除后重新填写"
INVISIBLE = "含有看不见的字符，请删除后重新填写"

MONTH_YEARS = (2000, 2100)
DAY_YEARS = (1900, 2100)

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the 1900-02-29 that never was.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
# Numbers with this many digits before the point are refused outright (nothing here is that large).
_MAX_DIGITS = 30


# ---------------------------------------------------------------- cleaning


def _clean(text: str) -> str:
    """NFKC (full-width digits, letters, punctuation and spaces become ASCII), no zero-width, stripped."""
    return unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH_TABLE).strip()


def _is_missing_marker(value: Any) -> bool:
    """pandas' NaT and NA, recognised by type name so that this module does not import pandas."""
    return type(value).__name__ in {"NaTType", "NAType"}


def blank(value: Any) -> bool:
    """True for an empty form field or Excel cell: None, "", whitespace or zero-width only, NaN, NaT."""
    if value is None or _is_missing_marker(value):
        return True
    if isinstance(value, str):
        return _clean(value) == ""
    return isinstance(value, float) and math.isnan(value)


def _please_fill(field: str) -> Refused:
    return Refused(f"请填写{field}", field=field)


# ---------------------------------------------------------------- numbers


def _float_decimal(number: float) -> Decimal:
    """The decimal a person typed into Excel: 0.1+0.2 is 0.3 and 1234.5 is 1234.5.

    From the shortest repr, rounded to 10 decimal places and to Excel's 15 significant digits, so the
    noise of float arithmetic (=SUM of amounts) falls away and any 15-digit amount comes back exactly.
    """
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(repr(number))
        exponent = exact.as_tuple().exponent
        assert isinstance(exponent, int), "a finite number (the callers check) has a whole exponent"
        if exponent < -10:
            exact = exact.quantize(Decimal("1E-10"))
        context.prec = 15
        return (+exact).normalize()


_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+")


def _text_number(text: str) -> Decimal | None:
    """A number written as text (already cleaned), or None. Allows ¥ in front, 元 behind, 1,234 groups."""
    text = re.sub(r"\s+", "", text).translate(_DASHES).removeprefix("¥")
    sign = ""
    if text[:1] in ("+", "-"):
        sign, text = text[:1], text[1:]
    text = text.removeprefix("¥").removesuffix("元")
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(sign + text.replace(",", ""))


def _number(value: Any) -> Decimal | None:
    """Any number-like input as an exact, finite Decimal; None when it is not a number."""
    if isinstance(value, bool):
        return None
    number: Decimal | None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, numbers.Integral):
        number = Decimal(int(value))
    elif isinstance(value, numbers.Real):
        as_float = float(value)
        if not math.isfinite(as_float):
            return None
        number = _float_decimal(as_float)
    elif isinstance(value, str):
        number = _text_number(_clean(value))
    else:
        return None
    if number is None or not number.is_finite():
        return None
    return Decimal(0) if number.is_zero() else number  # no "-0.00"


def _places(number: Decimal) -> int:
    """Decimals after the point, trailing zeros aside; exact at any size (no context, no rounding)."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    significant = "".join(map(str, digits)).rstrip("0")
    return max(0, -(exponent + len(digits) - len(significant))) if significant else 0


def _show(number: Decimal | int) -> str:
    """A limit as people write it: 1,000,000 or 0.5."""
    number = Decimal(number)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def _example(places: int) -> str:
    return "1234" if places == 0 else "1234." + "50"[:places].ljust(places, "0")


def _too_large(maximum: Decimal | int | None) -> str:
    return "数值过大" if maximum is None else f"数值过大，最多 {_show(maximum)}"


def _check_range(
    number: Decimal,
    *,
    field: str,
    minimum: Decimal | int | None,
    maximum: Decimal | int | None,
    positive: bool,
) -> None:
    if number < 0 and (positive or minimum == 0):
        raise Refused(NEGATIVE, field=field)
    if positive and number <= 0:
        raise Refused(NOT_POSITIVE, field=field)
    if minimum is not None and number < minimum:
        raise Refused(f"不能小于 {_show(minimum)}", field=field)
    if maximum is not None and number > maximum:
        raise Refused(_too_large(maximum), field=field)


def decimal(
    value: Any,
    *,
    field: str,
    places: int = 2,
    minimum: Decimal | int | None = Decimal(0),
    maximum: Decimal | int | None = None,
    positive: bool = False,
    money: bool = False,
    example: str | None = None,
) -> Decimal:
    """A number with at most ``places`` decimals, returned with exactly ``places`` decimals.

    ``positive`` refuses 0 as well ("应大于 0"); ``money`` words the decimals message for 金额;
    ``example`` is what a refusal suggests typing (by default a sum of money, 1234.50).
    Accepts 1234.5 (Excel), "1,234.50", "１２３４.５", "¥1,234.50", "1234.50元", " 12 ".
    """
    example = example or _example(places)
    if blank(value):
        raise _please_fill(field)
    number = _number(value)
    if number is None:
        raise Refused(f"应为数字，例如 {example}", field=field)
    if number.adjusted() >= _MAX_DIGITS:
        raise Refused(_too_large(maximum), field=field)
    if _places(number) > places:
        if money and places == 2:
            raise Refused(MONEY_PLACES, field=field)
        raise Refused(NOT_INTEGER if places == 0 else f"最多 {places} 位小数，例如 {example}", field=field)
    _check_range(number, field=field, minimum=minimum, maximum=maximum, positive=positive)
    with localcontext() as context:
        context.prec = _MAX_DIGITS + places + 5
        return number.quantize(Decimal(1).scaleb(-places))


def money(
    value: Any,
    *,
    field: str,
    minimum: Decimal | int | None = Decimal(0),
    maximum: Decimal | int | None = None,
    positive: bool = False,
) -> Decimal:
    """An amount in 元: at most two decimals ("金额最多两位小数，例如 1234.50")."""
    return decimal(
        value, field=field, places=2, minimum=minimum, maximum=maximum, positive=positive, money=True
    )


def integer(value: Any, *, field: str, minimum: int | None = 0, maximum: int | None = None) -> int:
    """A whole number: 3, 3.0, "3", "３", "1,200"; 3.5 is refused ("应为整数")."""
    if blank(value):
        raise _please_fill(field)
    number = _number(value)
    if number is None or _places(number) > 0:
        raise Refused(NOT_INTEGER, field=field)
    if number.adjusted() >= _MAX_DIGITS:
        raise Refused(_too_large(maximum), field=field)
    _check_range(number, field=field, minimum=minimum, maximum=maximum, positive=False)
    return int(number)


def year(value: Any, *, field: str) -> int:
    """A year from 2000 to 2100: 2026, "2026", "2026年", "２０２６"."""
    if blank(value):
        raise _please_fill(field)
    if isinstance(value, str):
        value = _clean(value).removesuffix("年度").removesuffix("年")
    number = _number(value)
    if number is None or _places(number) > 0 or not -(10**9) < number < 10**9:
        raise Refused(YEAR_FORMAT, field=field)
    if not MONTH_YEARS[0] <= number <= MONTH_YEARS[1]:
        raise Refused(YEAR_RANGE, field=field)
    return int(number)


# ---------------------------------------------------------------- text


def _as_text(value: Any, field: str) -> str:
    """What a cell holds, as text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise Refused(NOT_TEXT, field=field)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, numbers.Real | Decimal):
        number = _number(value)
        if number is None or abs(number.adjusted()) >= _MAX_DIGITS:
            raise Refused(NOT_TEXT, field=field)
        with localcontext() as context:
            context.prec = len(number.as_tuple().digits)  # exact: only trailing zeros go
            return f"{number.normalize():f}"
    raise Refused(NOT_TEXT, field=field)


def _refuse_control(text: str, field: str) -> None:
    if any(unicodedata.category(char) in {"Cc", "Cf", "Cs"} for char in text):
        raise Refused(CONTROL, field=field)


def _limit(text: str, field: str, max_length: int | None) -> str:
    if max_length is not None and len(text) > max_length:
        raise Refused(f"最多 {max_length} 个字（现在 {len(text)} 个字）", field=field)
    return text


@overload
def text(value: Any, *, field: str, required: Literal[True] = ..., max_length: int | None = ...) -> str: ...
@overload
def text(value: Any, *, field: str, required: bool, max_length: int | None = ...) -> str | None: ...
def text(value: Any, *, field: str, required: bool = True, max_length: int | None = 200) -> str | None:
    """Free text as typed: full-width punctuation such as （）、“” is kept (NFC only, never NFKC, which
    would turn "（" into "("); zero-width characters taken out, stripped, whitespace runs made one space."""
    if blank(value):
        if required:
            raise _please_fill(field)
        return None
    typed = unicodedata.normalize("NFC", _as_text(value, field)).translate(_ZERO_WIDTH_TABLE)
    result = unicodedata.normalize("NFC", " ".join(typed.split()))
    _refuse_control(result, field)
    return _limit(result, field, max_length)


@overload
def name(value: Any, *, field: str, required: Literal[True] = ..., max_length: int | None = ...) -> str: ...
@overload
def name(value: Any, *, field: str, required: bool, max_length: int | None = ...) -> str | None: ...
def name(value: Any, *, field: str, required: bool = True, max_length: int | None = 100) -> str | None:
    """A person's or organisation's name: like ``text`` but with no whitespace at all.

    "综采一队 党支部" and "综采一队党支部" are the same organisation; "张 三" is 张三. So are names with
    zero-width characters pasted in ("综采一队\u200b党支部" is 综采一队党支部): they are taken out. Any other
    character that shows nothing (right-to-left marks, the combining grapheme joiner, Hangul fillers,
    variation selectors) is refused, so that no name can be a look-alike of another.
    """
    if blank(value):
        if required:
            raise _please_fill(field)
        return None
    # NFKC once more: taking out spaces can let a combining mark (NFKC turns "¨" into " ̈") compose
    result = unicodedata.normalize("NFKC", "".join(_clean(_as_text(value, field)).split()))
    _refuse_control(result, field)
    if _INVISIBLE.search(result):
        raise Refused(INVISIBLE, field=field)
    return _limit(result, field, max_length)


@overload
def code(
    value: Any,
    *,
    field: str,
    required: Literal[True] = ...,
    max_length: int = ...,
    punctuation: str = ...,
    example: str = ...,
) -> str: ...
@overload
def code(
    value: Any,
    *,
    field: str,
    required: bool,
    max_length: int = ...,
    punctuation: str = ...,
    example: str = ...,
) -> str | None: ...
def code(
    value: Any,
    *,
    field: str,
    required: bool = True,
    max_length: int = 30,
    punctuation: str = "",
    example: str = "DY0012",
) -> str | None:
    """An identifier such as 党员编号: letters and digits (plus ``punctuation``), upper-cased.

    Dashes of every width become "-"; Excel's number 1024 is "1024".
    """
    result = name(value, field=field, required=required, max_length=None)
    if result is None:
        return None
    result = result.translate(_DASHES).upper()
    allowed = re.escape(punctuation)
    if not re.fullmatch(rf"[A-Z0-9{allowed}]+", result, flags=re.ASCII):
        if punctuation:
            marks = "".join(f"“{mark}”" for mark in punctuation)
            raise Refused(f"只能包含字母、数字和{marks}，例如 {example}", field=field)
        raise Refused(f"只能包含字母和数字，例如 {example}", field=field)
    return _limit(result, field, max_length)


def choice(value: Any, options: Iterable[str] | type[Enum], *, field: str) -> str:
    """One of ``options`` (strings, or a StrEnum class whose values are the words), as written there.

    Compared after ``name`` normalisation (so spaces and full-width letters do not matter).
    """
    allowed = [str(option.value) if isinstance(option, Enum) else str(option) for option in options]
    typed = name(value, field=field, max_length=None)
    assert typed is not None
    for option in allowed:
        if "".join(_clean(option).split()).casefold() == typed.casefold():
            return option
    raise Refused(f"应为以下之一：{'、'.join(allowed)}", field=field)


# ---------------------------------------------------------------- dates


def _from_serial(serial: Decimal) -> date | None:
    """The day of an Excel serial number (1900 date system), None when out of range or 1900-02-29."""
    if serial.adjusted() > 10:
        return None
    days = int(serial.to_integral_value(rounding=ROUND_FLOOR))
    if not 1 <= days <= _EXCEL_MAX_SERIAL or days == 60:
        return None
    return _EXCEL_EPOCH + timedelta(days=days + (1 if days < 60 else 0))


def _numeric(value: Any) -> Decimal | None:
    """An Excel number (not text): the cell of a date column that Excel stored as a number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        return None
    return _number(value)


_MONTH_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月份?)?")
_MONTH_DIGITS = re.compile(r"(\d{4})(\d{2})")


def month(value: Any, *, field: str) -> str:
    """``YYYY-MM`` from 2026-03, 2026-3, 2026/3, 2026.3, 2026年3月, 202603, a date, an Excel serial."""
    if blank(value):
        raise _please_fill(field)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        year_number, month_number = value.year, value.month
    elif isinstance(value, str):
        cleaned = " ".join(_clean(value).split())  # one space per run: the patterns never backtrack long
        match = _MONTH_TEXT.fullmatch(cleaned) or _MONTH_DIGITS.fullmatch(re.sub(r"\s+", "", cleaned))
        if not match:
            raise Refused(MONTH_FORMAT, field=field)
        year_number, month_number = int(match.group(1)), int(match.group(2))
    else:
        number = _numeric(value)
        if number is None:
            raise Refused(MONTH_FORMAT, field=field)
        if _places(number) == 0 and 200001 <= number <= 210012:
            year_number, month_number = divmod(int(number), 100)
        else:
            day_of_serial = _from_serial(number)
            if day_of_serial is None or not MONTH_YEARS[0] <= day_of_serial.year <= MONTH_YEARS[1]:
                raise Refused(MONTH_FORMAT, field=field)
            year_number, month_number = day_of_serial.year, day_of_serial.month
    if not MONTH_YEARS[0] <= year_number <= MONTH_YEARS[1]:
        raise Refused(MONTH_YEAR, field=field)
    if not 1 <= month_number <= 12:
        raise Refused(MONTH_NUMBER, field=field)
    return f"{year_number:04d}-{month_number:02d}"


_DAY_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DAY_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _make_day(year_number: int, month_number: int, day_number: int, field: str) -> date:
    if not DAY_YEARS[0] <= year_number <= DAY_YEARS[1]:
        raise Refused(DAY_YEAR, field=field)
    if not 1 <= month_number <= 12:
        raise Refused(DAY_MONTH, field=field)
    try:
        return date(year_number, month_number, day_number)
    except ValueError:
        last = (date(year_number + month_number // 12, month_number % 12 + 1, 1) - timedelta(days=1)).day
        raise Refused(f"日期不存在：{year_number}年{month_number}月只有 {last} 天", field=field) from None


def day(
    value: Any,
    *,
    field: str,
    not_after: date | None = None,
    not_before: date | None = None,
    not_after_label: str = "今天",
) -> date:
    """A day from 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, a date, an Excel serial.

    ``not_after`` is usually today ("日期不能晚于今天（2026-11-24）"); the caller passes it, so that
    tests can fix it. Years outside 1900–2100 are refused.
    """
    if blank(value):
        raise _please_fill(field)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        result = _make_day(value.year, value.month, value.day, field)
    elif isinstance(value, str):
        cleaned = " ".join(_clean(value).split())  # one space per run: the patterns never backtrack long
        match = _DAY_TEXT.fullmatch(cleaned) or _DAY_DIGITS.fullmatch(re.sub(r"\s+", "", cleaned))
        if not match:
            raise Refused(DAY_FORMAT, field=field)
        result = _make_day(int(match.group(1)), int(match.group(2)), int(match.group(3)), field)
    else:
        number = _numeric(value)
        if number is None:
            raise Refused(DAY_FORMAT, field=field)
        if _places(number) == 0 and 19000101 <= number <= 21001231:
            digits = int(number)
            result = _make_day(digits // 10000, digits // 100 % 100, digits % 100, field)
        else:
            serial_day = _from_serial(number)
            if serial_day is None or not DAY_YEARS[0] <= serial_day.year <= DAY_YEARS[1]:
                raise Refused(DAY_FORMAT, field=field)
            result = serial_day
    if not_before is not None and result < not_before:
        raise Refused(f"日期不能早于 {not_before.isoformat()}", field=field)
    if not_after is not None and result > not_after:
        raise Refused(f"日期不能晚于{not_after_label}（{not_after.isoformat()}）", field=field)
    return result
