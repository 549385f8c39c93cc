"""Flask extensions, created without an app and bound in create_app."""
import sqlite3

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

# Named constraints, so Alembic can drop and alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# No models in `flask shell`: the project ships no shortcut to anyone's check-ins (issue #16).
db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION), add_models_to_shell=False)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# Storage, strategy and prefix come from the app's RATELIMIT_* settings (config.py); no default limits.
limiter = Limiter(key_func=get_remote_address)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """SQLite: enforce foreign keys, write-ahead log for concurrent readers, wait on locks."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
