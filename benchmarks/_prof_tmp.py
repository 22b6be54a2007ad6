import cProfile, pstats, sys, os
os.environ.setdefault("DASHBOARD_TODAY", "2026-12-07")
from sqlmodel import Session
from benchmarks import after_saves, pages
from data_layer.store import db
from ui import data
url = "sqlite:////tmp/bench_group.db"
engine = db.get_engine(url)
month = "2026-11"
branch = after_saves.the_branch(engine, month)
kinds = {k.name: k for k in after_saves.kinds(engine, month, branch)}
with Session(engine) as s:
    leader = pages.user_actor(s, "leader")
view, kind = sys.argv[1], sys.argv[2]
from datetime import date
calls = {
  "overview": lambda: (data.overview(url, leader, month, ()), data.lean_figures(url, leader, month, (), date(2026,12,7))),
  "study": lambda: data.study_view(url, leader, month, ()),
  "budget": lambda: data.budget_view(url, leader, month, ()),
  "stars": lambda: data.star_view(url, leader, month, "月度", (), date(2026,12,7)),
  "tasks": lambda: data.tasks_view(url, leader, month, ()),
}
calls[view](); calls[view]()
with db.write_scope(engine) as s: kinds[kind].change(s)
p = cProfile.Profile(); p.enable(); calls[view](); p.disable()
with db.write_scope(engine) as s: kinds[kind].back(s)
st = pstats.Stats(p); st.sort_stats("cumulative").print_stats(35)
