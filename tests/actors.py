"""Actors of the hand-made fixture, looked up by username."""

from sqlmodel import Session, select

from data_layer import auth
from data_layer.models import Organisation, User


def actor(session: Session, username: str) -> auth.Actor:
    return auth.actor_of(session.exec(select(User).where(User.username == username)).one())


def org_id(session: Session, name: str) -> int:
    return session.exec(select(Organisation.id).where(Organisation.name == name)).one()
