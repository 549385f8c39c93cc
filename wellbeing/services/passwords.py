"""The one password policy: at least 12 characters and not easy to guess (zxcvbn score 3 of 4 or more)."""
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 200
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable: moderate protection from offline slow-hash scenario"


def password_problem(password: str, user_inputs=()) -> str | None:
    """Why this password is refused, in words, or None when it is acceptable.

    `user_inputs` (name, e-mail) count as easy to guess, as zxcvbn treats them like dictionary words.
    """
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters (this one has {len(password)})."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    # zxcvbn's matching grows with length; the first 100 characters decide whether it is guessable.
    result = zxcvbn(password[:100], user_inputs=[str(value) for value in user_inputs if value])
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    why = (feedback["warning"] or "It follows a pattern that password-guessing tools try early.").rstrip(".")
    advice = " ".join(feedback["suggestions"]) or "Try a few unrelated words."
    return f"This password is too easy to guess. {why}. {advice}"
