"""README screenshots: ``uv run python -m tests.e2e.screenshots`` starts the dashboard on a fresh copy of
the mine demo and writes PNGs of the main pages, for a leader and a secretary, and of meeting mode into
``docs/screenshots/``. Same Chromium, flags and route guard as the browser tests."""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from seed import DEMO_PASSWORD
from tests.e2e import browser, demo, server

OUT = server.PROJECT_ROOT / "docs" / "screenshots"
MONTH = f"month={demo.MONTH}"
LABEL = demo.LABEL
# (file, user, path, text to wait for)
SHOTS = [
    ("leader-overview.png", "leader", f"?{MONTH}", f"总览 · {LABEL}"),
    ("leader-tasks.png", "leader", f"tasks?{MONTH}", f"任务完成 · {LABEL}"),
    ("leader-study.png", "leader", f"study?{MONTH}", f"学习进度 · {LABEL}"),
    ("leader-budget.png", "leader", f"budget?{MONTH}", f"经费使用 · {LABEL}"),
    ("leader-meetings.png", "leader", f"meetings?{MONTH}", f"三会一课 · {LABEL}"),
    ("leader-board.png", "leader", f"board?{MONTH}", "填报进度"),
    ("leader-stars.png", "leader", f"stars?{MONTH}", f"对标评星 · {LABEL}"),
    ("leader-ideas.png", "leader", f"ideas?{MONTH}", f"金点子 · {LABEL}"),
    ("leader-pairs.png", "leader", f"pairs?{MONTH}", f"帮扶结对 · {LABEL}"),
    ("leader-dues.png", "leader", f"dues?{MONTH}", f"党费 · {LABEL}"),
    ("meeting-mode.png", "leader", f"meeting?{MONTH}", "1 / 10"),
    ("secretary-overview.png", "zongcai2", f"?{MONTH}", f"总览 · {LABEL}"),
    ("secretary-entry.png", "zongcai2", "entry", "月度填报"),
]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        dashboard, process = server.start(Path(folder))
        try:
            with sync_playwright() as playwright:
                chromium = browser.launch(playwright)
                guard = browser.RouteGuard()
                login = chromium.new_context(viewport=browser.VIEWPORT, locale="zh-CN")
                login.route("**/*", guard)
                first = login.new_page()
                first.goto(dashboard.base_url)
                first.get_by_label("用户名").wait_for()
                browser.settle(first)
                first.screenshot(path=str(OUT / "login.png"))
                for name, user, path, expect in SHOTS:
                    context = chromium.new_context(viewport=browser.VIEWPORT, locale="zh-CN")
                    context.route("**/*", guard)
                    page = context.new_page()
                    browser.log_in(page, dashboard.base_url, user, DEMO_PASSWORD, path=path)
                    page.get_by_text(expect).first.wait_for()
                    browser.settle(page)
                    page.wait_for_timeout(1500)  # charts finish drawing after the run
                    page.screenshot(path=str(OUT / name))
                    print(f"已写入 {OUT / name}")
                    context.close()
                chromium.close()
        finally:
            server.stop(process)
    if guard.blocked:
        print(f"有请求离开了 127.0.0.1：{guard.blocked}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
