"""Unit tests of the Alembic importer: each construct's translation, fallbacks and errors."""
import ast
import os
import subprocess
import tempfile
import textwrap
import unittest

from alembic_import import translate

TOOL = os.path.join(os.environ.get("RETORT_SOURCE_DIR", "."), "tools", "retort-import-alembic")


def tr(body):
    return translate.translate_body(ast.parse(textwrap.dedent(body)).body)


class TranslateTest(unittest.TestCase):
    def test_create_table_with_columns_and_constraints(self):
        lines = tr('''
            op.create_table("t",
                sa.Column("id", sa.Integer(), primary_key=True),
                sa.Column("email", sa.String(255), nullable=False, unique=True, index=True),
                sa.Column("at", sa.DateTime(timezone=True), server_default=sa.text("now()")),
                sa.Column("n", sa.Numeric(10, 2), server_default="0", comment="money"),
                sa.Column("u", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
                sa.UniqueConstraint("n", "u", name="uq"),
                sa.CheckConstraint("n > 0", name="ck"),
                sa.ForeignKeyConstraint(["u"], ["auth.users.id"], name="fk"),
                schema="app")
        ''')
        self.assertEqual(lines, ['op.create_table("t", {\n'
                                 '        Column("id", Integer()).primary_key(),\n'
                                 '        Column("email", String(255)).nullable(false).unique().index(),\n'
                                 '        Column("at", DateTime(true)).server_default(sql("now()")),\n'
                                 '        Column("n", Numeric(10, 2)).server_default("0").comment("money"),\n'
                                 '        Column("u", Integer()).foreign_key("users.id", {.ondelete = "CASCADE"}),\n'
                                 '        UniqueConstraint({"n", "u"}, "uq"),\n'
                                 '        CheckConstraint("n > 0", "ck"),\n'
                                 '        ForeignKeyConstraint({"u"}, "users", {"id"}, "fk", '
                                 '{.referent_schema = "auth"}),\n'
                                 '    }, {.schema = "app"});'])

    def test_types(self):
        cases = {
            "sa.BigInteger()": "BigInteger()", "sa.SmallInteger": "SmallInteger()", "sa.Text()": "Text()",
            "sa.String()": "String()", "sa.Unicode(10)": "String(10)", "sa.CHAR(3)": "CHAR(3)",
            "sa.Float()": "Float()", "sa.Boolean()": "Boolean()", "sa.Date()": "Date()", "sa.Time()": "Time()",
            "sa.Interval()": "Interval()", "sa.LargeBinary()": "LargeBinary()", "postgresql.UUID()": "UUID()",
            "postgresql.JSONB()": "JSONB()", "sa.JSON()": "JSON()", "sa.Numeric()": "Numeric()",
            "postgresql.ARRAY(sa.Text())": "ARRAY(Text())", "sa.DateTime()": "DateTime()",
            "postgresql.DOUBLE_PRECISION()": "Double()",
        }
        for source, expected in cases.items():
            with self.subTest(source):
                self.assertEqual(translate.translate_type(ast.parse(source, mode="eval").body), expected)

    def test_index_options_and_op_f(self):
        self.assertEqual(tr('op.create_index(op.f("ix_a"), "t", ["a"], unique=True, '
                            'postgresql_where=sa.text("a > 0"), postgresql_using="gin")'),
                         ['op.create_index("ix_a", "t", {"a"}, {.unique = true, .where = "a > 0", '
                          '.method = "gin"});'])
        self.assertEqual(tr('op.drop_index("ix_a", table_name="t", schema="s")'),
                         ['op.drop_index("ix_a", {.schema = "s"});'])

    def test_foreign_keys_columns_and_raw_sql(self):
        self.assertEqual(tr('op.create_foreign_key("fk", "a", "b", ["x"], ["id"], onupdate="CASCADE", '
                            'deferrable=True)'),
                         ['op.create_foreign_key("fk", "a", "b", {"x"}, {"id"}, {.onupdate = "CASCADE", '
                          '.deferrable = true});'])
        self.assertEqual(tr('op.add_column("t", sa.Column("c", sa.Text()))\nop.drop_column("t", "c")'),
                         ['op.add_column("t", Column("c", Text()));', 'op.drop_column("t", "c");'])
        self.assertEqual(tr('op.execute("SELECT \'a\\\\b\'")'), ['op.execute("SELECT \'a\\\\b\'");'])

    def test_alter_column_autocommit_blocks_and_the_new_catalogue(self):
        self.assertEqual(tr('op.alter_column("t", "c", new_column_name="d", type_=sa.Text(), postgresql_using="c::text", '
                            'nullable=False, server_default=None, comment=None, existing_type=sa.String(5))'),
                         ['op.alter_column("t", "c", {.new_column_name = "d", .type = Text(), '
                          '.using_expression = "c::text", .nullable = false, .server_default = drop_default(), '
                          '.drop_comment = true});'])
        self.assertEqual(tr('with op.get_context().autocommit_block():\n'
                            '    op.create_index("i", "t", ["a"], postgresql_concurrently=True)'),
                         ['{\n        auto block = op.autocommit_block();\n'
                          '        op.create_index("i", "t", {"a"}, {.concurrently = true});\n    }'])
        self.assertEqual(tr('op.create_exclude_constraint("ex", "b", ("during", "&&"), using="gist")'),
                         ['op.create_exclude_constraint("ex", "b", {{"during", "&&"}}, {.using_method = "gist"});'])
        self.assertEqual(tr('op.create_primary_key("pk", "t", ["a", "b"])\nop.rename_table("t", "u")'),
                         ['op.create_primary_key("pk", "t", {"a", "b"});', 'op.rename_table("t", "u");'])
        self.assertEqual(tr('op.create_index("i", "t", [sa.text("lower(a)")], postgresql_include=["b"])'),
                         ['op.create_index("i", "t", {"lower(a)"}, {.include = {"b"}});'])

    def test_offline_sql_keeps_autocommit_statements_apart(self):
        from alembic_import import alembic_sql
        section = "\n\nCREATE TABLE a (x INT);\n\nCOMMIT;\n\nCREATE INDEX CONCURRENTLY i ON a (x);\n\nBEGIN;\n\n" \
                  "UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a';\n\n"
        self.assertEqual(alembic_sql.statements(section),
                         [("CREATE TABLE a (x INT)", False), ("CREATE INDEX CONCURRENTLY i ON a (x)", True)])

    def test_what_is_not_translated_says_where_and_why(self):
        with self.assertRaisesRegex(translate.Untranslatable, r"line 1: Python logic \(a statement of type Assign\)"):
            tr("x = 1\nfor i in range(3):\n    op.execute('x')")
        with self.assertRaisesRegex(translate.Untranslatable, r"'name' is not a literal"):
            tr("op.drop_table(name)")
        with self.assertRaisesRegex(translate.Untranslatable, r"not an op\.\* operation"):
            tr("op.get_bind().execute('x')")
        with self.assertRaisesRegex(translate.Untranslatable, r"argument 'postgresql_ops'"):
            tr('op.create_index("i", "t", ["a"], postgresql_ops={"a": "text_pattern_ops"})')


REVISION = '''"""{msg}

Revision ID: {rev}
Revises: {down}
Create Date: 2026-11-02 09:00:00.123456

"""
from alembic import op
import sqlalchemy as sa

revision = {rev!r}
down_revision = {down_value!r}
branch_labels = {labels!r}
depends_on = None


def upgrade():
{up}


def downgrade():
{down_body}
'''


def write_project(root, revisions):
    versions = os.path.join(root, "versions")
    os.makedirs(versions)
    for rev, down, msg, up, down_body, labels in revisions:
        with open(os.path.join(versions, f"{rev}_x.py"), "w") as f:
            f.write(REVISION.format(rev=rev, down=down or "", down_value=down, msg=msg, labels=labels,
                                    up=textwrap.indent(up, "    "), down_body=textwrap.indent(down_body, "    ")))
    return versions


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def run_tool(*args):
    return subprocess.run([TOOL] + list(args), capture_output=True, text=True)


class ToolTest(unittest.TestCase):
    def test_summary_counts_full_partly_and_sql_and_keeps_the_graph(self):
        with tempfile.TemporaryDirectory() as root:
            versions = write_project(root, [
                ("aaaa00000001", None, "make t", 'op.create_table("t", sa.Column("id", sa.Integer()))',
                 'op.drop_table("t")', ("main",)),
                ("aaaa00000002", "aaaa00000001", "fill t", 'for i in range(2):\n    op.execute("INSERT INTO t VALUES (%d)" % i)',
                 'op.execute("DELETE FROM t")', None),
                ("aaaa00000003", "aaaa00000002", "loops both ways", 'for c in "ab":\n    op.add_column("t", sa.Column(c, sa.Text()))',
                 'for c in "ba":\n    op.drop_column("t", c)', None),
            ])
            out = os.path.join(root, "out")
            r = run_tool(versions, out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("imported 3 revisions: 1 translated fully, 1 partly (one direction as SQL), 1 as SQL only",
                          r.stdout)
            files = sorted(os.listdir(out))
            self.assertEqual(files, ["aaaa00000001_make_t.cpp", "aaaa00000002_fill_t.cpp",
                                     "aaaa00000003_loops_both_ways.cpp"])
            first, second, third = (read(os.path.join(out, name)) for name in files)
            self.assertIn("// revision: aaaa00000001\n// parents:\n// branch_labels: main\n", first)
            self.assertIn("// created: 2026-11-02 09:00:00\n// message: make t\n", first)
            self.assertIn("// parents: aaaa00000001\n", second)
            self.assertIn("BEGIN SQL IMPORTED FROM ALEMBIC", second)
            self.assertIn('op.execute(R"retort_sql(INSERT INTO t VALUES (0))retort_sql");', second)
            self.assertIn('op.execute(R"retort_sql(INSERT INTO t VALUES (1))retort_sql");', second)
            self.assertIn('op.execute("DELETE FROM t");', second)
            self.assertIn("ALTER TABLE t ADD COLUMN a TEXT", third)
            self.assertIn("ALTER TABLE t DROP COLUMN b", third)

    def test_errors_are_one_line(self):
        with tempfile.TemporaryDirectory() as root:
            r = run_tool(os.path.join(root, "missing"), os.path.join(root, "out"))
            self.assertEqual(r.returncode, 1)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            versions = os.path.join(root, "versions")
            os.makedirs(versions)
            with open(os.path.join(versions, "broken.py"), "w") as f:
                f.write("revision = (\n")
            r = run_tool(versions, os.path.join(root, "out"))
            self.assertEqual(r.returncode, 1)
            self.assertRegex(r.stderr.strip(), r"^error: .*broken\.py:\d+: Python syntax error")
            self.assertEqual(len(r.stderr.strip().splitlines()), 1)

    def test_logic_that_reads_the_database_is_refused_clearly(self):
        with tempfile.TemporaryDirectory() as root:
            versions = write_project(root, [
                ("bbbb00000001", None, "read rows", 'rows = op.get_bind().execute(sa.text("SELECT 1")).fetchall()\n'
                 'op.execute("SELECT %d" % len(rows))', "pass", None),
            ])
            r = run_tool(versions, os.path.join(root, "out"))
            self.assertEqual(r.returncode, 1)
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn("bbbb00000001_x.py: upgrade() needs Alembic's offline SQL", r.stderr)


if __name__ == "__main__":
    unittest.main()
