"""Settings defaults and the rule that demo logins show only on the embedded demo database."""

from sqlmodel import Session

from data_layer.store import settings


def test_defaults_apply_until_a_setting_is_stored(empty_engine):
    with Session(empty_engine) as session:
        assert settings.get(session=session, key="submission_deadline_day") == "5"
        settings.put(session=session, key="submission_deadline_day", value="8")
        session.commit()
        assert settings.get(session=session, key="submission_deadline_day") == "8"
        assert settings.get(session=session, key="no_such_setting") is None


def test_demo_logins_only_on_the_embedded_demo_database(fresh_engine):
    with Session(fresh_engine) as session:
        assert settings.demo_logins(session=session, embedded=True) is None  # not seeded as a demo
        settings.put(session=session, key=settings.DEMO_MARKER, value="mine")
        settings.put(session=session, key=settings.DEMO_PASSWORD, value="demo2026")
        session.flush()

        demo = settings.demo_logins(session=session, embedded=True)
        assert demo.password == "demo2026"
        assert ("sec_a", "sec_a", "secretary") in demo.users
        assert settings.demo_logins(session=session, embedded=False) is None
