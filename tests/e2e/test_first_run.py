"""A new organisation's first hour, in Chromium, timed: ``init-db`` on an empty database, an administrator
account, the first-run guide, the organisation's own workbook (tests/other_mine.py: title rows, near-miss
headers, 元 amounts, a 学习强国 export) uploaded, its month confirmed in the preview, and the overview with
the organisation's own numbers. The seconds of each step are printed (``-s``) and written down in
docs/first-run.md."""

import os
import subprocess
import sys
import time

from data_layer import clock
from tests.e2e import browser, server
from tests.other_mine import EXPORT_MONTH, EXPORT_SHEET, TODAY, other_mine_workbook
from ui import text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PASSWORD = "nanshan-2026"


def _cli(database_url: str, *args: str) -> None:
    environment = {"DATABASE_URL": database_url, clock.VARIABLE: TODAY.isoformat()}
    subprocess.run(
        [sys.executable, "-m", "data_layer", *args],
        cwd=server.PROJECT_ROOT,
        env={**os.environ, **environment},
        check=True,
        capture_output=True,
    )


def test_from_init_db_to_the_first_chart_of_ones_own_numbers(page, tmp_path):
    seconds: dict[str, float] = {}
    started = time.monotonic()

    def lap(step: str) -> None:
        seconds[step] = round(time.monotonic() - started - sum(seconds.values()), 1)
        if os.environ.get("FIRST_RUN_SHOTS"):  # a picture of each step, to look at (not kept in the repo)
            page.screenshot(path=f"{os.environ['FIRST_RUN_SHOTS']}/{len(seconds)}.png", full_page=True)

    database_url = f"sqlite:///{tmp_path / 'nanshan.db'}"
    _cli(database_url, "init-db")
    _cli(database_url, "create-user", "admin", "--role", "admin", "--name", "管理员", "--password", PASSWORD)
    lap("init-db 与管理员账号")
    dashboard, process = server.start(
        tmp_path, {clock.VARIABLE: TODAY.isoformat(), "WARM_UP": "0"}, database_url=database_url
    )
    try:
        lap("启动看板")
        browser.log_in(page, dashboard.base_url, "admin", PASSWORD)
        page.get_by_text(text.FIRST_RUN_TITLE).first.wait_for()
        page.get_by_text("还没有党支部").first.wait_for()
        lap("登录，看到首次使用向导")

        page.locator("input[type='file']").first.set_input_files(
            files=[{"name": "南山煤矿党建台账.xlsx", "mimeType": XLSX, "buffer": other_mine_workbook()}]
        )
        page.get_by_text(text.PLAN_HELP[:10]).first.wait_for()
        browser.settle(page)
        month = page.get_by_label(text.PLAN_MONTH.format(sheet=EXPORT_SHEET))
        month.fill(EXPORT_MONTH)
        month.press("Enter")
        browser.settle(page)
        lap("上传自己的工作簿，核对识别结果，填写月份")

        page.get_by_role("button", name=text.IMPORT_RUN_CONFIRMED).first.click()
        page.get_by_text(text.TASK_COMPLETION).first.wait_for(timeout=60_000)
        browser.settle(page)
        assert browser.metric_value(page, text.TASK_COMPLETION).startswith("46.3")
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
        lap("确认导入，总览显示本组织的指标和图表")
        assert not browser.errors(page)
    finally:
        server.stop(process)
    total = round(sum(seconds.values()), 1)
    print("\n".join([*(f"{step}: {value} s" for step, value in seconds.items()), f"合计: {total} s"]))
