"""Make the database itself refuse to change or delete audit rows.

Only one change stays possible: a foreign key becoming NULL, which is what the
database does when a person, association or edition is deleted (SET_NULL). The
action, the object, the time and the request id can never be rewritten.
"""

from django.db import migrations

FROZEN = ["action", "object_type", "object_id", "request_id", "at"]
NULLABLE = ["actor_id", "association_id", "edition_id"]


def _tampering(old, new, distinct):
    frozen = [f"{new}.{c} {distinct} {old}.{c}" for c in FROZEN]
    keys = [
        f"({new}.{c} IS NOT NULL AND {new}.{c} {distinct} {old}.{c})" for c in NULLABLE
    ]
    return " OR ".join(frozen + keys)


POSTGRES = f"""
CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit entries are never deleted';
    END IF;
    IF {_tampering("OLD", "NEW", "IS DISTINCT FROM")} THEN
        RAISE EXCEPTION 'audit entries are never changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_guard BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard();
"""
POSTGRES_UNDO = """
DROP TRIGGER IF EXISTS core_auditentry_guard ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_guard();
"""
# SQLite has no TRUNCATE: ``flush`` and the test runner empty tables with DELETE,
# so on SQLite only rewriting is refused; the model and its queryset still refuse
# to delete rows there.
SQLITE = [
    f"""CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    WHEN {_tampering("OLD", "NEW", "IS NOT")}
    BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;""",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
]


def _run(statements_for):
    def run(apps, schema_editor):
        statements = statements_for.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_outbox_message")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": [POSTGRES], "sqlite": SQLITE}),
            _run({"postgresql": [POSTGRES_UNDO], "sqlite": SQLITE_UNDO}),
        )
    ]
