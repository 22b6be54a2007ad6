"""Column specs for components.table, shared by the pages: {frame column: (Chinese header, kind)}."""

from ui import text

BRANCH = {"branch": (text.BRANCH, "text")}
BUDGET_RATE = {"budget_execution_rate": (text.BUDGET_EXECUTION, "percent")}
STUDY_RATE = {"study_on_track_rate": (text.STUDY_ON_TRACK, "percent")}
SUBMISSION = {"submission_status": (text.SUBMISSION_STATUS, "text")}

OVERDUE_TASKS = {
    "code": (text.TASK_CODE, "text"),
    "title": (text.TASK_TITLE, "text"),
    "branch": (text.BRANCH, "text"),
    "owner": (text.OWNER, "text"),
    "due_month": (text.DUE_MONTH, "text"),
    "months_late": (text.MONTHS_LATE, "int"),
    "ratio": (text.RATIO, "percent"),
}

BRANCH_FIGURES = {
    "branch": (text.BRANCH, "text"),
    "completion_rate": (text.TASK_COMPLETION, "percent"),
    "plan_progress": (text.PLAN_PROGRESS, "percent"),
    "status": (text.STATUS, "text"),
    "study_on_track_rate": (text.STUDY_ON_TRACK, "percent"),
    "budget_execution_rate": (text.BUDGET_EXECUTION, "percent"),
    "submission_status": (text.SUBMISSION_STATUS, "text"),
}

RANKING = {
    "branch": (text.BRANCH, "text"),
    "score": (text.SCORE, "percent"),
    "completion_rate": (text.TASK_COMPLETION, "percent"),
    "study_on_track_rate": (text.STUDY_ON_TRACK, "percent"),
    "budget_score": (text.BUDGET_SCORE, "percent"),
}

TASK_DETAIL = {
    "code": (text.TASK_CODE, "text"),
    "title": (text.TASK_TITLE, "text"),
    "target": (text.TARGET, "decimal"),
    "done": (text.DONE, "decimal"),
    "unit": (text.UNIT, "text"),
    "ratio": (text.RATIO, "percent"),
    "plan": (text.PLAN_PROGRESS, "percent"),
    "status": (text.STATUS, "text"),
    "owner": (text.OWNER, "text"),
    "mode": (text.MODE, "text"),
    "due_month": (text.DUE_MONTH, "text"),
}

WORKLOAD_OWNERS = {
    "owner": (text.OWNER, "text"),
    "branch": (text.BRANCH, "text"),
    "tasks": (text.TASK_COUNT, "int"),
    "weight": (text.LOAD, "decimal"),
    "flag": (text.FLAG, "text"),
}

WORKLOAD_BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "tasks": (text.TASK_COUNT, "int"),
    "weight": (text.LOAD, "decimal"),
    "assigned_share": (text.ASSIGNED_SHARE, "percent"),
    "claimed_share": (text.CLAIMED_SHARE, "percent"),
}

STUDY_BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "members": (text.STUDY_MEMBERS, "int"),
    "on_track": (text.STUDY_ON_TRACK_COUNT, "int"),
    "on_track_rate": (text.STUDY_ON_TRACK, "percent"),
    "avg_points": (text.STUDY_AVG_POINTS, "decimal"),
}

LAGGARDS = {
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "branch": (text.BRANCH, "text"),
    "hours": (text.STUDY_YTD_HOURS, "decimal"),
    "points": (text.STUDY_YTD_POINTS, "int"),
    "hours_short": (text.STUDY_HOURS_SHORT, "decimal"),
    "points_short": (text.STUDY_POINTS_SHORT, "int"),
}

MEMBER_HISTORY = {
    "month": (text.MONTH, "text"),
    "hours": (text.STUDY_HOURS, "decimal"),
    "points": (text.STUDY_POINTS, "int"),
    "sessions": (text.STUDY_SESSIONS, "int"),
}

BOARD_REMIND = {
    "branch": (text.BRANCH, "text"),
    "month": (text.MONTH, "text"),
    "status": (text.SUBMISSION_STATUS, "text"),
    "deadline": (text.DEADLINE, "text"),
    "secretary": (text.SECRETARY, "text"),
    "username": (text.USERNAME_SHORT, "text"),
}

PROGRESS_SHEET = {
    "code": (text.TASK_CODE, "text"),
    "title": (text.TASK_TITLE, "text"),
    "unit": (text.UNIT, "text"),
    "target": (text.TARGET, "decimal"),
    "done_before": (text.DONE_BEFORE, "decimal"),
    "quantity": (text.THIS_MONTH, "decimal"),
    "note": (text.NOTE, "text"),
}

STUDY_SHEET = {
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "points": (text.STUDY_POINTS, "int"),
    "hours": (text.STUDY_HOURS, "decimal"),
    "sessions": (text.STUDY_SESSIONS, "int"),
}

EXPENSES = {
    "spent_on": (text.SPENT_ON, "text"),
    "category": (text.CATEGORY, "text"),
    "amount": (text.AMOUNT, "money"),
    "purpose": (text.PURPOSE, "text"),
    "voucher_no": (text.VOUCHER, "text"),
    "over_flag": (text.OVER_ALLOCATION, "text"),
}

MEETINGS = {
    "held_on": (text.HELD_ON, "text"),
    "group": (text.GROUP, "text"),
    "kind": (text.MEETING_KIND, "text"),
    "expected": (text.EXPECTED, "int"),
    "actual": (text.ACTUAL, "int"),
    "topic": (text.TOPIC, "text"),
}

ALLOCATION_LEFT = {
    "category": (text.CATEGORY, "text"),
    "allocated": (text.ALLOCATED, "money"),
    "spent": (text.SPENT, "money"),
    "remaining": (text.REMAINING, "money"),
}

HISTORY = {
    "at": (text.HISTORY_AT, "text"),
    "actor": (text.HISTORY_ACTOR, "text"),
    "action": (text.HISTORY_ACTION, "text"),
    "record": (text.HISTORY_RECORD_COLUMN, "text"),
    "field": (text.HISTORY_FIELD, "text"),
    "before": (text.HISTORY_BEFORE, "text"),
    "after": (text.HISTORY_AFTER, "text"),
}

ORGANISATIONS = {
    "name": (text.ORG_NAME, "text"),
    "kind": (text.ORG_KIND, "text"),
    "parent": (text.ORG_PARENT, "text"),
    "grid": (text.GRID, "text"),
    "state": (text.STATE, "text"),
}
MEMBERS = {
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "branch": (text.BRANCH, "text"),
    "group": (text.GROUP, "text"),
    "category": (text.MEMBER_CATEGORY, "text"),
    "joined_on": (text.JOINED_ON, "text"),
    "post": (text.POST, "text"),
    "arrived_on": (text.ARRIVED_ON, "text"),
    "left_on": (text.LEFT_ON, "text"),
    "died_on": (text.DIED_ON, "text"),
    "moved_on": (text.MOVED_ON, "text"),
    "state": (text.STATE, "text"),
}
USERS = {
    "username": (text.USERNAME, "text"),
    "display_name": (text.SETUP_DISPLAY_NAME, "text"),
    "role": (text.SETUP_ROLE, "text"),
    "branch": (text.BRANCH, "text"),
    "state": (text.STATE, "text"),
    "last_login_at": (text.LAST_LOGIN, "text"),
}
TASKS = {
    "code": (text.TASK_CODE, "text"),
    "title": (text.TASK_TITLE, "text"),
    "goal": (text.GOAL, "text"),
    "goal_category": (text.GOAL_CATEGORY, "text"),
    "branch": (text.BRANCH, "text"),
    "owner": (text.OWNER, "text"),
    "unit": (text.UNIT, "text"),
    "target": (text.TARGET, "decimal"),
    "weight": (text.WEIGHT, "decimal"),
    "start_month": (text.START_MONTH, "text"),
    "due_month": (text.DUE_MONTH, "text"),
    "mode": (text.MODE, "text"),
    "state": (text.STATE, "text"),
}
BUDGETS = {
    "branch": (text.BRANCH, "text"),
    "category": (text.CATEGORY, "text"),
    "amount": (text.ALLOCATED, "money"),
}
NEW_YEAR_TASKS = {
    "code": (text.TASK_CODE, "text"),
    "from_code": (text.NEW_YEAR_FROM_CODE, "text"),
    **{name: TASKS[name] for name in ("title", "branch", "owner", "unit", "target", "weight")},
    **{name: TASKS[name] for name in ("start_month", "due_month")},
}
NEW_YEAR_ALLOCATIONS = {
    **BUDGETS,
    "last_year": (text.NEW_YEAR_LAST_YEAR, "money"),
}
PARAMETERS = {
    "year": (text.SETUP_YEAR, "int"),
    "last_year_payroll": (text.PAYROLL, "money"),
    "monthly_hours_target": (text.HOURS_TARGET, "decimal"),
    "monthly_points_target": (text.POINTS_TARGET, "int"),
}
CATEGORIES = {
    "name": (text.CATEGORY, "text"),
    "sort_order": (text.SORT_ORDER, "int"),
    "state": (text.STATE, "text"),
}

# --- 金点子 and 帮扶结对 ---
IDEA_BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "proposed": (text.IDEAS_PROPOSED, "int"),
    "adopted": (text.IDEAS_ADOPTED, "int"),
    "adoption_rate": (text.IDEAS_ADOPTION_RATE, "percent"),
    "effective": (text.IDEAS_EFFECTIVE, "int"),
    "benefit_amount": (text.IDEAS_BENEFIT_AMOUNT, "money"),
}
IDEAS = {
    "title": (text.IDEAS_TITLE, "text"),
    "branch": (text.BRANCH, "text"),
    "proposer": (text.IDEAS_PROPOSER, "text"),
    "proposed_on": (text.IDEAS_PROPOSED_ON, "text"),
    "status": (text.IDEAS_STATUS, "text"),
    "status_month": (text.IDEAS_STATUS_MONTH, "text"),
    "benefit_amount": (text.IDEAS_BENEFIT_AMOUNT, "money"),
    "benefit_text": (text.IDEAS_BENEFIT_TEXT, "text"),
}
PAIR_BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "pairs": (text.PAIRS_COUNT, "int"),
    "visited": (text.PAIRS_VISITED, "int"),
    "visit_rate": (text.PAIRS_VISIT_RATE, "percent"),
    "idle": (text.PAIRS_IDLE, "int"),
}
PAIRS = {
    "branch": (text.BRANCH, "text"),
    "kind": (text.PAIRS_KIND, "text"),
    "helper": (text.PAIRS_HELPER, "text"),
    "target": (text.PAIRS_TARGET, "text"),
    "started_month": (text.PAIRS_STARTED, "text"),
    "month_visits": (text.PAIRS_MONTH_VISITS, "int"),
    "last_visit": (text.PAIRS_LAST_VISIT, "text"),
    "idle_months": (text.PAIRS_IDLE_MONTHS, "int"),
}
# --- end of 金点子 and 帮扶结对 ---

# --- 党费 ---
DUES_BRANCHES = {
    "branch": (text.BRANCH, "text"),
    "members": (text.DUES_MEMBERS, "int"),
    "due_ytd": (text.DUES_DUE, "money"),
    "paid_ytd": (text.DUES_PAID, "money"),
    "paid_rate": (text.DUES_PAID_RATE, "percent"),
    "arrears_members": (text.DUES_ARREARS_MEMBERS, "int"),
}
DUES_ARREARS = {
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "branch": (text.BRANCH, "text"),
    "unpaid_months": (text.DUES_UNPAID_MONTHS, "int"),
    "owed": (text.DUES_OWED, "money"),
}
DUES_MEMBERS = {
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "branch": (text.BRANCH, "text"),
    "income": (text.DUES_INCOME, "money"),
    "rate_percent": (text.DUES_RATE, "decimal"),
    "due": (text.DUES_MONTH_DUE, "money"),
    "paid": (text.DUES_MONTH_PAID, "money"),
    "paid_day": (text.DUES_PAID_ON, "text"),
}
DUES_MONTH = {  # one 党支部's month, read only (审核)
    "member_no": (text.MEMBER_NO, "text"),
    "name": (text.MEMBER_NAME, "text"),
    "income": (text.DUES_INCOME, "money"),
    "rate": (text.DUES_RATE, "decimal"),
    "due": (text.DUES_MONTH_DUE, "money"),
    "paid": (text.DUES_MONTH_PAID, "money"),
    "paid_on": (text.DUES_PAID_ON, "text"),
}
# --- end of 党费 ---

# --- 党建+安全生产 (the writes) ---
BRANCH_UNITS = {
    "branch": (text.BRANCH, "text"),
    "unit": (text.SAFETY_UNIT, "text"),
    "unit_kind": (text.SETUP_UNIT_KIND, "text"),
}
PRODUCTION_INDICATORS = {
    "branch": (text.BRANCH, "text"),
    "unit": (text.SAFETY_UNIT, "text"),
    "name": (text.PRODUCTION_INDICATOR, "text"),
    "measure": (text.PRODUCTION_MEASURE, "text"),
    "state": (text.STATE, "text"),
}
PIONEER_POSTS = {
    "kind": (text.PIONEER_KIND, "text"),
    "name": (text.PIONEER_NAME, "text"),
    "member": (text.PIONEER_HOLDER, "text"),
    "member_no": (text.MEMBER_NO, "text"),
    "started_month": (text.PIONEER_STARTED, "text"),
    "ended_month": (text.PIONEER_ENDED, "text"),
}
# --- end of 党建+安全生产 (the writes) ---
