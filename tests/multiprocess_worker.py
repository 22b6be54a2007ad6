"""One dashboard process for tests/test_multiprocess.py, driven through stdin and stdout.

    DATABASE_URL=… python -m tests.multiprocess_worker [--frozen-version]

It runs the app under AppTest as the leader on 经费使用 for 2026-03 of the hand-made fixture, in a
process of its own, so its Streamlit caches are its own, as in one replica of a deployment. It answers
each line read from stdin with one line, a word and JSON (``READY`` and its process id once started):

- ``render``: rerun the page and answer ``FIGURES``: its title and the metrics shown (label → value);
- ``write``: save an expense of 机关党支部 (组织活动, 1,000.00 on 2026-03-20) through data_layer in one
  write transaction, as a page's form does, and answer ``WRITTEN`` with the data version after it.

``--frozen-version`` makes the process believe the data version never changes: the control showing
that without the version in the cache keys, this process keeps showing what it cached.
"""

import json
import os
import sys
from datetime import date

from sqlmodel import Session

from data_layer import entry
from data_layer.schemas import ExpenseIn
from data_layer.store import db, version
from tests.actors import actor
from tests.handmade import MONTH
from tests.pages.apptest import app_as, metrics_by_label
from ui import data, navigation

EXPENSE = {
    "spent_on": "2026-03-20",
    "branch": "机关党支部",
    "category": "组织活动",
    "amount": "1000.00",
    "purpose": "购买党旗",
}


def _answer(kind: str, value) -> None:
    print(kind, json.dumps(value, ensure_ascii=False), flush=True)


def _write(engine) -> int:
    item = ExpenseIn.model_validate(EXPENSE, context={"today": date(2026, 4, 20)})
    with db.write_scope(engine) as session:
        entry.save_expense(session=session, actor=actor(session, "admin"), item=item)
    with db.session_scope(engine) as session:
        return version.data_version(session=session)


def main() -> None:
    if "--frozen-version" in sys.argv:
        data.MEMO.versions = lambda *, session: {"*": 0}  # every remembered answer stays current
    engine = db.get_engine(os.environ["DATABASE_URL"])
    with Session(engine) as session:
        app = app_as(session, "leader")
    app.switch_page(navigation.script("budget"))
    app.run()
    app.selectbox(key="month").set_value(MONTH)
    _answer("READY", os.getpid())
    for line in sys.stdin:
        command = line.strip()
        if command == "render":
            app.run()
            shown = {label: value for label, (value, _) in metrics_by_label(app).items()}
            _answer("FIGURES", {"title": app.title[0].value, "metrics": shown})
        elif command == "write":
            _answer("WRITTEN", _write(engine))


if __name__ == "__main__":
    main()
