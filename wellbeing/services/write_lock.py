"""One writer at a time for a check-then-write use case (a day's total, one job per rotation), enforced
by the database itself, so it holds across threads, processes and servers."""
from sqlalchemy import select

from wellbeing.extensions import db


def lock_for_write(model, row_id: int) -> None:
    """Hold the write lock that guards `model` row `row_id` until the session's transaction ends.

    PostgreSQL: the row is locked (SELECT ... FOR UPDATE), so writers for other rows go on in parallel.
    SQLite has only a database-wide write lock: take it now (BEGIN IMMEDIATE), before the check reads,
    rather than at the first INSERT, when another writer may already have read the same total.
    """
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:  # a write already holds the lock
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    connection.execute(select(model.id).where(model.id == row_id).with_for_update())
