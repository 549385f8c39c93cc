"""Configuration classes, read from the environment when the app is created.

`ROTAWELL_CONFIG` picks the class (development, production, testing; default development).
Every value can be overridden by an environment variable of the same name.
"""
import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """Raised at start-up when the configuration cannot work; the message says which setting."""


def _int_env(name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    """Read an integer setting, failing with a message that names it."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum}, got {value}")
    return value


class Config:
    """Settings shared by every environment."""

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    WTF_CSRF_TIME_LIMIT = None  # a tired person may leave a form open for hours
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_KEY_PREFIX = "rotawell-limits"
    RATELIMIT_HEADERS_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # the largest valid API batch (500 sessions, long notes) fits; more is a 413

    def __init__(self, instance_path: str):
        self.INSTANCE_PATH = instance_path
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or self.default_secret_key()
        self.SQLALCHEMY_DATABASE_URI = self.database_url()
        self.ANONYMITY_MIN = _int_env("ANONYMITY_MIN", 5, minimum=2)
        self.RETENTION_DAYS = _int_env("RETENTION_DAYS", 90, minimum=1)
        self.CHECKIN_INTERVAL_DAYS = _int_env("CHECKIN_INTERVAL_DAYS", 14, minimum=1)
        self.SOLVER_TIME_LIMIT_S = _int_env("SOLVER_TIME_LIMIT_S", 10, minimum=1)
        self.WHAT_IF_BUDGET_S = _int_env("WHAT_IF_BUDGET_S", 60, minimum=5)
        self.WELLBEING_CONTACT = os.environ.get("WELLBEING_CONTACT", "wellbeing@example.org")
        self.MAIL_SERVER = os.environ.get("MAIL_SERVER") or None  # unset: in-app notifications only, no e-mail
        self.MAIL_PORT = _int_env("MAIL_PORT", 25, minimum=1)
        self.MAIL_FROM = os.environ.get("MAIL_FROM", "rotawell@localhost")
        self.REDIS_URL = self.redis_url()
        self.RQ_QUEUE = os.environ.get("RQ_QUEUE", "rotawell")
        self.SOLVE_HEARTBEAT_S = _int_env("SOLVE_HEARTBEAT_S", 5, minimum=1)
        self.SOLVE_TIMEOUT_MARGIN_S = _int_env("SOLVE_TIMEOUT_MARGIN_S", 60, minimum=0)
        # A failed statement's message would otherwise carry its values (a check-in's answers) into the logs.
        self.SQLALCHEMY_ENGINE_OPTIONS = {"hide_parameters": True}
        # Sessions (OWASP ASVS V7): ended after this long without a request, and this long after sign-in.
        self.SESSION_IDLE_MINUTES = _int_env("SESSION_IDLE_MINUTES", 30, minimum=1)
        self.SESSION_ABSOLUTE_HOURS = _int_env("SESSION_ABSOLUTE_HOURS", 12, minimum=1)
        self.REMEMBER_DAYS = _int_env("REMEMBER_DAYS", 14, minimum=1, maximum=14)
        self.RESET_LINK_HOURS = _int_env("RESET_LINK_HOURS", 24, minimum=1, maximum=72)
        # Links in e-mails are built on this address, never on the Host header a request happened to send.
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL") or None
        # Failed sign-ins allowed per window (Flask-Limiter syntax); past it, sign-in pauses for the window.
        self.LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
        self.LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
        self.FORGOT_LIMIT_PER_ADDRESS = os.environ.get("FORGOT_LIMIT_PER_ADDRESS", "10 per hour")
        # How many proxies in front of the app set X-Forwarded-For/-Proto/-Host; 0 ignores those headers,
        # which anyone can send (a forged address would otherwise escape the per-address sign-in limit).
        self.TRUSTED_PROXIES = _int_env("TRUSTED_PROXIES", 0, minimum=0, maximum=10)
        # Sign-in counters in Redis when there is one (shared by every worker), else in this process's memory.
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"

    def default_secret_key(self) -> str:
        """Outside development a secret key must be given; see DevelopmentConfig."""
        raise ConfigError("SECRET_KEY must be set (e.g. `export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex())')`)")

    def database_url(self) -> str:
        """DATABASE_URL, normalised to a driver SQLAlchemy has; SQLite in the instance folder by default."""
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(self.INSTANCE_PATH) / 'rotawell.sqlite'}"
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        if not url.startswith(("sqlite:", "postgresql+psycopg:")):
            raise ConfigError(f"DATABASE_URL must be a sqlite:// or postgresql:// URL, got {url.split(':')[0]!r}")
        return url

    def redis_url(self) -> str | None:
        """REDIS_URL (unset: solves run in the web process), checked to be a URL redis-py can open."""
        url = os.environ.get("REDIS_URL") or None
        if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError(f"REDIS_URL must be a redis://, rediss:// or unix:// URL, got {url.split(':')[0]!r}")
        return url


MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_DISTINCT = 10  # "x" * 32 or "changemechangeme..." is long but guessable


def _refuse_weak_secret_key(key: str) -> None:
    """Signed session cookies are only as strong as this key; a short or made-up one is refused."""
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_DISTINCT:
        raise ConfigError(f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters "
                          "(e.g. `python -c 'import secrets; print(secrets.token_hex())'`)")


class DevelopmentConfig(Config):
    """Local use: a secret key generated once and kept in the instance folder."""

    DEBUG = False

    def default_secret_key(self) -> str:
        """Generate the key on first start so sessions survive restarts."""
        key_file = Path(self.INSTANCE_PATH) / "secret_key"
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_hex(32))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


class ProductionConfig(Config):
    """Production: SECRET_KEY and DATABASE_URL must both be given."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    def __init__(self, instance_path: str):
        super().__init__(instance_path)
        _refuse_weak_secret_key(self.SECRET_KEY)

    def database_url(self) -> str:
        """Refuse to fall back to a SQLite file in production."""
        if not os.environ.get("DATABASE_URL"):
            raise ConfigError("DATABASE_URL must be set in production")
        return super().database_url()


class TestConfig(Config):
    """Tests: an in-memory database unless the test gives one; CSRF on unless a test turns it off."""

    TESTING = True

    def default_secret_key(self) -> str:
        """A fixed key is fine: test sessions never leave the process."""
        return "test-secret-key"

    def database_url(self) -> str:
        """In-memory SQLite; conftest overrides it for PostgreSQL."""
        return "sqlite://"

    def redis_url(self) -> None:
        """No Redis unless a test gives one (TEST_REDIS_URL), whatever the shell exports."""
        return None


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig, "testing": TestConfig}


def load_config(instance_path: str, name: str | None = None) -> Config:
    """Build the configuration object named by `name` or ROTAWELL_CONFIG."""
    name = name or os.environ.get("ROTAWELL_CONFIG", "development")
    if name not in CONFIGS:
        raise ConfigError(f"ROTAWELL_CONFIG must be one of {', '.join(CONFIGS)}, got {name!r}")
    return CONFIGS[name](instance_path)
