"""Charts drawn from remembered specs (ui/charts/drawing.py) and what pages derive from remembered answers
(ui/derived.py): the spec is Streamlit's own for the chart, built once per distinct input."""

import gc
import threading

import altair as alt
import pandas as pd
import pytest

from ui.charts import drawing
from ui.derived import derived
from ui.streamlit_internals import vega_lite_spec

built: list[str] = []


@pytest.fixture(autouse=True)
def no_specs_yet():
    drawing._specs.clear()
    built.clear()


def bars(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    built.append(title)
    return alt.Chart(frame, title=title).mark_bar().encode(x="rate:Q", y="branch:N")


def frame(rate: float = 0.75) -> pd.DataFrame:
    return pd.DataFrame({"branch": ["综采一队党支部", "机关党支部"], "rate": [rate, 0.5]})


def test_the_spec_is_streamlits_own_and_built_once_for_equal_inputs():
    built.clear()
    first = drawing._spec(bars, (frame(),), {"title": "完成率"})
    again = drawing._spec(bars, (frame(),), {"title": "完成率"})  # equal content, another object
    assert again is first
    assert built == ["完成率"]
    assert first == vega_lite_spec(bars(frame(), title="完成率"))


def test_a_changed_value_or_title_builds_a_new_spec():
    built.clear()
    first = drawing._spec(bars, (frame(0.75),), {"title": "完成率"})
    other_value = drawing._spec(bars, (frame(0.80),), {"title": "完成率"})
    other_title = drawing._spec(bars, (frame(0.75),), {"title": "十月完成率"})
    assert len({id(first), id(other_value), id(other_title)}) == 3
    assert built == ["完成率", "完成率", "十月完成率"]


def test_only_the_most_recent_specs_are_kept(monkeypatch):
    monkeypatch.setattr(drawing, "MAX_SPECS", 2)
    built.clear()
    for title in ("一", "二", "三"):
        drawing._spec(bars, (frame(),), {"title": title})
    drawing._spec(bars, (frame(),), {"title": "一"})  # the oldest was dropped: built again
    assert built == ["一", "二", "三", "一"]


class Answer:
    """Stands for a remembered view (dataclasses can be weakly referenced)."""

    def __init__(self, rows: int) -> None:
        self.rows = rows


counted: list[int] = []


def labels(answer: Answer, prefix: str) -> list[str]:
    counted.append(answer.rows)
    return [f"{prefix}{number}" for number in range(answer.rows)]


def test_derived_is_built_once_per_answer_and_arguments_and_dropped_with_the_answer():
    counted.clear()
    answer = Answer(3)
    assert derived(answer, labels, "党员") == ["党员0", "党员1", "党员2"]
    assert derived(answer, labels, "党员") is derived(answer, labels, "党员")
    derived(answer, labels, "匿名")
    assert counted == [3, 3]
    newer = Answer(2)  # the answer after a write: another object, built afresh
    assert derived(newer, labels, "党员") == ["党员0", "党员1"]
    assert counted == [3, 3, 2]
    from ui import derived as module

    of_answer = [key for key in module._kept if key[0] == id(answer) and key[2] == "labels"]
    assert len(of_answer) == 2
    del answer
    gc.collect()
    assert not any(key in module._kept for key in of_answer)
    assert all(reference() is not None for reference, _ in module._kept.values())


def test_sessions_asking_for_the_same_new_chart_at_once_build_it_once():
    """The first session builds; the second, arriving while it does, waits and gets the same spec."""
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow_bars(frame: pd.DataFrame, *, title: str) -> alt.Chart:
        calls.append(title)
        started.set()
        release.wait(10)
        return bars(frame, title=title)

    specs: list[dict] = []
    first = threading.Thread(
        target=lambda: specs.append(drawing._spec(slow_bars, (frame(),), {"title": "完成率"}))
    )
    first.start()
    assert started.wait(10)
    second = threading.Thread(
        target=lambda: specs.append(drawing._spec(slow_bars, (frame(),), {"title": "完成率"}))
    )
    second.start()
    second.join(0.2)
    assert second.is_alive()  # waiting for the first session's spec, not building its own
    release.set()
    first.join(10)
    second.join(10)
    assert calls == ["完成率"]
    assert len(specs) == 2 and specs[0] is specs[1]
