"""开始新年度 on the 基础数据 page as an administrator: preview with its reasons, then confirm; the figures
are those worked out by hand in tests/data_layer/test_new_year.py."""

from sqlmodel import func, select

from data_layer.models import BudgetAllocation, Goal, Task
from tests.pages.apptest import table
from tests.pages.test_setup import open_setup


def preview(at, payroll: str):
    at.text_input(key="new-year-payroll").input(payroll)
    at.button(key="FormSubmitter:new-year-预览").click()
    return at.run()


def tasks_of(session, year: int) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Task).join(Goal).where(Goal.year == year)).one()


def test_the_admin_previews_and_starts_the_new_year(writable):
    at = open_setup(writable)
    assert at.number_input(key="new-year-year").value == 2027  # the year after the newest with tasks
    assert at.number_input(key="new-year-from").value == 2026
    at = preview(at, "2,100,000.00")

    assert not at.exception
    summary = at.markdown[[m.value for m in at.markdown].index("**将复制的任务**") - 1].value
    assert "- 2027年度预算 ¥14,400.00，按2026年度各党支部、各支出类别的比例分为 4 条" in summary
    assert "超出上限，按规定减少本年度安排 ¥6,600.00" in summary
    assert table(at, "new-year-tasks")["code"].tolist() == [
        "2027-A1",
        "2027-A2",
        "2027-B1",
        "2027-B2",
        "2027-C1",
    ]
    assert table(at, "new-year-allocations")["amount"].tolist() == [4320.0, 2880.0, 3600.0, 3600.0]
    assert tasks_of(writable, 2027) == 0  # nothing written by the preview

    at.button(key="new-year-start").click()
    at.run()
    assert (
        at.success[0].value
        == "已开始2027年度：5 项任务、4 条预算分配，预算合计 ¥14,400.00；复制生产指标 4 个"
    )
    assert tasks_of(writable, 2027) == 5
    assert (
        writable.exec(select(func.sum(BudgetAllocation.amount)).where(BudgetAllocation.year == 2027)).one()
        == 14400
    )


def test_a_payroll_that_is_not_a_number_is_refused_by_name(writable):
    at = preview(open_setup(writable), "一亿")
    assert at.error[0].value == "“上年度职工工资总额(元)”：应为数字，例如 1234.50"
    assert tasks_of(writable, 2027) == 0
