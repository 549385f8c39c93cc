"""The Alembic migrations build exactly the schema the models describe, and run both ways."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tests.conftest import _make_app
from wellbeing.extensions import db


@pytest.fixture
def empty_app(database_url, tmp_path):
    """An app on an empty database (a file, for SQLite, so Alembic's connections share it)."""
    url = f"sqlite:///{tmp_path / 'migrate.sqlite'}" if database_url == "sqlite://" else database_url
    app = _make_app(url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_models_and_migrations_agree(empty_app):
    upgrade()
    assert _differences() == []


def test_upgrade_downgrade_upgrade(empty_app):
    upgrade()
    downgrade(revision="base")
    assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert _differences() == []
    assert "exposure_log" in db.inspect(db.engine).get_table_names()


def test_migrations_create_every_check_constraint(empty_app):
    """Autogenerate does not compare CHECK constraints, so compare their names here."""
    upgrade()
    inspector = db.inspect(db.engine)
    for table in db.metadata.sorted_tables:
        wanted = {str(c.name) for c in table.constraints if isinstance(c, sa.CheckConstraint)}
        present = {c["name"] for c in inspector.get_check_constraints(table.name)}
        assert wanted <= present, f"{table.name}: missing {wanted - present}"
