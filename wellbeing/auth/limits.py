"""Sign-in throttling: failed attempts are counted per account and per address, then refused for a while.

Only failures count (a successful sign-in redirects), so a person who types their password right is
never slowed down. The per-account counter is keyed by the address typed, whether or not an account
uses it, so the lockout itself reveals nothing about which addresses exist.
"""
from flask import current_app, request
from flask_limiter.util import get_remote_address

from wellbeing.extensions import limiter

LOCKED = ("Too many failed sign-ins for this account or from this network. Sign-in is paused for "
          "{minutes} minutes; try again then, or use \u201cForgot your password?\u201d.")


def _typed_email() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _minutes(setting: str) -> int:
    # "5 per 15 minutes" -> 15; the lockout lasts as long as the window the failures are counted in.
    value = current_app.config[setting].split(" per ")[-1].split()
    return int(value[0]) if value[0].isdigit() else 1


def _failed(response) -> bool:
    return response.status_code != 302


def _limit(setting: str, key_func):
    return limiter.limit(lambda: current_app.config[setting], key_func=key_func, methods=["POST"],
                         deduct_when=_failed, scope=setting.lower(),
                         error_message=lambda: LOCKED.format(minutes=_minutes(setting)))


per_account = _limit("LOGIN_LIMIT_PER_ACCOUNT", _typed_email)
per_address = _limit("LOGIN_LIMIT_PER_ADDRESS", get_remote_address)

# Reset e-mails cost the person an inbox message each: a few per hour from one address is plenty.
forgot_per_address = limiter.limit(lambda: current_app.config["FORGOT_LIMIT_PER_ADDRESS"], methods=["POST"],
                                   key_func=get_remote_address, scope="forgot",
                                   error_message="Too many reset requests from this network; try again in an hour.")
