"""Bad configuration fails at start-up with a message naming the setting."""
import pytest

from config import ConfigError, load_config
from wellbeing import create_app


STRONG_KEY = "3f9c1a7e5b2d8046c1e9a7f3b5d2086e4c1a9f7e3b5d2c08"


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "ANONYMITY_MIN", "RETENTION_DAYS", "ROTAWELL_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_needs_a_secret_key(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", "postgresql://db/rotawell")
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_config(str(tmp_path), "production")


@pytest.mark.parametrize("key", ["x", "dev", "change-me", "x" * 40, "short-but-varied-key-1234"])
def test_production_refuses_a_short_or_made_up_secret_key(clean_env, tmp_path, key):
    clean_env.setenv("DATABASE_URL", "postgresql://db/rotawell")
    clean_env.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigError, match="SECRET_KEY is too weak"):
        load_config(str(tmp_path), "production")


def test_production_needs_a_database_url(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", STRONG_KEY)
    with pytest.raises(ConfigError, match="DATABASE_URL must be set"):
        load_config(str(tmp_path), "production")


def test_production_with_both_uses_psycopg(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", STRONG_KEY)
    clean_env.setenv("DATABASE_URL", "postgres://u@db/rotawell")
    assert load_config(str(tmp_path), "production").SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@db/rotawell"


def test_development_keeps_its_generated_key(clean_env, tmp_path):
    first = load_config(str(tmp_path), "development").SECRET_KEY
    assert len(first) == 64 and (tmp_path / "secret_key").read_text() == first
    assert load_config(str(tmp_path), "development").SECRET_KEY == first


def test_development_defaults_to_sqlite_in_the_instance_folder(clean_env, tmp_path):
    config = load_config(str(tmp_path), "development")
    assert config.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path}/rotawell.sqlite"
    assert config.ANONYMITY_MIN == 5 and config.RETENTION_DAYS == 90


@pytest.mark.parametrize("name, value, message", [
    ("ANONYMITY_MIN", "five", "ANONYMITY_MIN must be a whole number"),
    ("ANONYMITY_MIN", "1", "ANONYMITY_MIN must be at least 2"),
    ("RETENTION_DAYS", "0", "RETENTION_DAYS must be at least 1"),
    ("DATABASE_URL", "mysql://x/y", "DATABASE_URL must be a sqlite:// or postgresql:// URL"),
    ("ROTAWELL_CONFIG", "staging", "ROTAWELL_CONFIG must be one of"),
])
def test_bad_settings_are_named(clean_env, tmp_path, name, value, message):
    clean_env.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        load_config(str(tmp_path))


def test_create_app_fails_at_start_up_on_bad_config(clean_env):
    clean_env.setenv("ANONYMITY_MIN", "-3")
    with pytest.raises(ConfigError, match="ANONYMITY_MIN"):
        create_app()


def test_a_redis_url_that_is_not_one_stops_start_up(clean_env, tmp_path):
    clean_env.setenv("REDIS_URL", "http://cache:6379")
    with pytest.raises(ConfigError, match="REDIS_URL must be a redis://"):
        load_config(str(tmp_path), "development")


def test_tests_ignore_the_shells_redis_url(clean_env, tmp_path):
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_config(str(tmp_path), "development").REDIS_URL == "redis://127.0.0.1:6379/0"
    assert load_config(str(tmp_path), "testing").REDIS_URL is None
