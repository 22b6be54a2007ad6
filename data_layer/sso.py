"""Single sign-on: the identity an OpenID Connect provider vouches for, mapped to a login of this app.

The provider's claims (``st.user`` after ``st.login``) name the person; the app's own ``app_user`` row of
the same username decides the role and the 党支部. Nobody gets in through single sign-on who has no
active account here.
"""

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from data_layer.auth import Actor, actor_of
from data_layer.errors import Refused
from data_layer.models import User


def username_from_claims(claims: Mapping[str, Any]) -> str | None:
    """``preferred_username``, or else the part of ``email`` before the @; None when neither is given."""
    preferred = str(claims.get("preferred_username") or "").strip()
    if preferred:
        return preferred
    local_part = str(claims.get("email") or "").partition("@")[0].strip()
    return local_part or None


def actor_for_claims(*, session: Session, claims: Mapping[str, Any]) -> Actor:
    """The actor of the active account whose username the claims name, or a refusal."""
    username = username_from_claims(claims)
    if username is None:
        raise Refused("统一身份认证未提供用户名（preferred_username 或 email），请联系管理员")
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise Refused(f"统一身份认证账号“{username}”未在本系统开通，请联系管理员")
    if not user.active:
        raise Refused("该账号已停用，请联系管理员")
    return actor_of(user)
