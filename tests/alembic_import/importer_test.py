"""Unit tests of the Alembic importer: each construct's translation, fallbacks and errors."""
import ast
import os
import subprocess
import tempfile
import textwrap
import unittest

from alembic_import import naming, sql_split, translate

TOOL = os.path.join(os.environ.get("RETORT_SOURCE_DIR", "."), "tools", "retort-import-alembic")


def tr(body, ctx=None):
    return translate.translate_body(ast.parse(textwrap.dedent(body)).body, ctx)


def expr(source):
    return ast.parse(source, mode="eval").body


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
        section = "\n\nCREATE TABLE a (x INT);\n\nCOMMIT;\n\nCREATE INDEX CONCURRENTLY i ON a (x);\n\nBEGIN;\n\n"
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


class Issue14ConstructsTest(unittest.TestCase):
    """The constructs a real, long-lived history used that stopped the importer (issue 14)."""

    def test_unnamed_constraints_are_named_by_postgresql_or_the_convention(self):
        self.assertEqual(tr('op.create_unique_constraint(None, "t", ["a", "b"])\n'
                            'op.create_foreign_key(None, "t", "u", ["a"], ["id"])\n'
                            'op.create_primary_key(None, "t", ["a"])\n'
                            'op.create_check_constraint(None, "t", "a > 0")'),
                         ['op.create_unique_constraint("", "t", {"a", "b"});',
                          'op.create_foreign_key("", "t", "u", {"a"}, {"id"});',
                          'op.create_primary_key("", "t", {"a"});',
                          'op.create_check_constraint("", "t", "a > 0");'])
        convention = translate.Context(convention={"uq": "uq_%(table_name)s_%(column_0_N_name)s",
                                                   "pk": "pk_%(table_name)s"})
        self.assertEqual(tr('op.create_unique_constraint(None, "t", ["a", "b"])\n'
                            'op.drop_constraint(None, "t", type_="primary")', convention),
                         ['op.create_unique_constraint("uq_t_a_b", "t", {"a", "b"});',
                          'op.drop_constraint("pk_t", "t");'])

    def test_an_unnamed_drop_finds_the_name_of_what_the_other_direction_created(self):
        upgrade = ast.parse('op.create_unique_constraint(None, "t", ["a", "b"])\n'
                            'op.create_check_constraint(None, "orders", sa.text("amount > 0"))\n'
                            'op.create_foreign_key(None, "t", "u", ["user_id"], ["id"])').body
        from alembic_import.operations import unnamed_constraints
        ctx = translate.Context(unnamed=unnamed_constraints(upgrade))
        self.assertEqual(tr('op.drop_constraint(None, "t", type_="unique")\n'
                            'op.drop_constraint(None, "orders", type_="check")\n'
                            'op.drop_constraint(None, "t", type_="foreignkey")', ctx),
                         ['op.drop_constraint("t_a_b_key", "t");', 'op.drop_constraint("orders_amount_check", "orders");',
                          'op.drop_constraint("t_user_id_fkey", "t");'])
        with self.assertRaisesRegex(translate.Untranslatable, r"line 1: drop_constraint\(None, 'x', type_='unique'\).*review"):
            tr('op.drop_constraint(None, "x", type_="unique")', ctx)

    def test_postgresql_default_names_are_truncated_like_postgresql(self):
        self.assertEqual(naming.postgres_default("unique", "t", ["a", "b"]), "t_a_b_key")
        long = naming.postgres_default("unique", "t" * 40, ["c" * 40])
        self.assertEqual(len(long), 63)
        self.assertEqual(long, "t" * 29 + "_" + "c" * 29 + "_key")
        self.assertEqual(naming.read_convention('md = MetaData(naming_convention={"pk": "%(table_name)s_pkey"})'),
                         {"pk": "%(table_name)s_pkey"})

    def test_a_malformed_call_names_what_is_missing(self):
        with self.assertRaisesRegex(translate.Malformed, r"^line 1: op\.drop_constraint\(\) is missing table_name$"):
            tr('op.drop_constraint("ck_x")')
        with self.assertRaisesRegex(translate.Malformed, r"^line 2: op\.create_index\(\) is missing columns$"):
            tr('pass\nop.create_index("ix", "t")')

    def test_raise_as_the_whole_downgrade_is_irreversible(self):
        self.assertEqual(tr('"""No way back."""\nraise NotImplementedError("data is lost")'),
                         ['op.irreversible("data is lost");'])
        self.assertEqual(tr('raise RuntimeError'), ['op.irreversible("RuntimeError raised: this revision cannot be '
                                                    'reverted");'])
        with self.assertRaisesRegex(translate.Untranslatable, "Python logic"):
            tr('op.drop_table("t")\nraise RuntimeError("x")')

    def test_commit_before_an_autocommit_block_is_a_no_op(self):
        self.assertEqual(tr('op.get_bind().commit()\nwith op.get_context().autocommit_block():\n'
                            '    op.execute("VACUUM t")'),
                         ['{\n        auto block = op.autocommit_block();\n        op.execute("VACUUM t");\n    }'])
        with self.assertRaisesRegex(translate.Untranslatable, "commit\\(\\) that is not followed"):
            tr('op.get_bind().commit()\nop.execute("x")')

    def test_enum_sync_moves_the_default_out_of_the_way(self):
        lines = tr('op.sync_enum_values("public", "mood", ["a", "b"], [TableReference(table_schema="public", '
                   'table_name="t", column_name="m", existing_server_default="\'a\'::mood")], '
                   'enum_values_to_rename=[("c", "b")])')
        self.assertEqual(lines, [
            'op.execute("ALTER TYPE public.mood RENAME TO mood_old");',
            'op.create_enum("mood", {"a", "b"}, {.schema = "public"});',
            'op.alter_column("t", "m", {.schema = "public", .server_default = drop_default()});',
            'op.alter_column("t", "m", {.schema = "public", .type = Enum("public.mood", {}), .using_expression = '
            '"CASE m::text WHEN \'c\' THEN \'b\' ELSE m::text END::public.mood"});',
            'op.alter_column("t", "m", {.schema = "public", .server_default = sql("\'a\'::mood")});',
            'op.drop_enum("mood_old", {.schema = "public"});'])
        unknown_default = tr('op.sync_enum_values("public", "mood", ["a"], [("t", "m")])')
        self.assertIn("pg_get_expr", unknown_default[2])
        self.assertIn("DROP DEFAULT", unknown_default[2])

    def test_other_plugin_operations_are_named(self):
        with self.assertRaises(translate.PluginOperation) as caught:
            tr('op.create_view("v", "SELECT 1")')
        self.assertEqual(caught.exception.name, "op.create_view")
        with self.assertRaises(translate.PluginOperation):
            tr('op.replace_sp(my_function)')

    def test_sql_is_split_where_postgresql_would(self):
        self.assertEqual(sql_split.split_statements(
            "CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  x := 1;\n\n  RETURN NEW;\nEND;\n$body$ "
            "LANGUAGE plpgsql;\n\nSELECT 'a;\n\nb', \"c;d\" /* e; */ FROM t; -- f;\n\nSELECT $$;$$"),
            ["CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  x := 1;\n\n  RETURN NEW;\nEND;\n$body$ "
             "LANGUAGE plpgsql", "SELECT 'a;\n\nb', \"c;d\" /* e; */ FROM t", "-- f;\n\nSELECT $$;$$"])

    def test_types_and_defaults_of_item_7(self):
        cases = {
            'sa.Enum("a", "b", name="mood")': 'Enum("mood", {"a", "b"})',
            'postgresql.ENUM("a", name="mood", create_type=False)': 'Enum("mood", {})',
            'postgresql.ENUM(name="mood", create_type=False, schema="s")': 'Enum("s.mood", {})',
            "postgresql.CITEXT()": 'raw_type("CITEXT")',
            "postgresql.DOUBLE_PRECISION(precision=53)": "Double()",
        }
        for source, expected in cases.items():
            with self.subTest(source):
                self.assertEqual(translate.translate_type(expr(source)), expected)
        self.assertEqual(tr('op.add_column("t", sa.Column("a", sa.DateTime(), server_default=sa.func.now()))\n'
                            'op.add_column("t", sa.Column("b", sa.Date(), server_default=sa.func.current_date()))\n'
                            'op.alter_column("t", "c", server_default=sa.func.coalesce("x", 1))'),
                         ['op.add_column("t", Column("a", DateTime()).server_default(sql("now()")));',
                          'op.add_column("t", Column("b", Date()).server_default(sql("CURRENT_DATE")));',
                          'op.alter_column("t", "c", {.server_default = sql("coalesce(\'x\', 1)")});'])

    def test_enum_create_and_drop_through_the_bind(self):
        self.assertEqual(tr('sa.Enum("a", "b", name="mood").create(op.get_bind())\n'
                            'kind = postgresql.ENUM("x", name="kind", schema="s")\n'
                            'bind = op.get_bind()\nkind.create(bind, checkfirst=False)\n'
                            'op.add_column("t", sa.Column("k", kind))\n'
                            'postgresql.ENUM(name="old").drop(op.get_bind(), checkfirst=True)'),
                         ['op.create_enum("mood", {"a", "b"});', 'op.create_enum("kind", {"x"}, {.schema = "s"});',
                          'op.add_column("t", Column("k", Enum("s.kind", {"x"})));',
                          'op.drop_enum("old", {.if_exists = true});'])

    def test_keyword_arguments_op_f_and_include(self):
        self.assertEqual(tr('op.create_check_constraint(constraint_name="ck", table_name="t", condition="a > 0")\n'
                            'op.create_index(op.f("ix_t_a"), table_name="t", columns=["a"], postgresql_include=["b"])\n'
                            'op.drop_index(index_name=op.f("ix_t_a"), table_name="t")'),
                         ['op.create_check_constraint("ck", "t", "a > 0");',
                          'op.create_index("ix_t_a", "t", {"a"}, {.include = {"b"}});',
                          'op.drop_index("ix_t_a");'])

    def test_type_decorators_become_their_impl(self):
        from alembic_import.sqltypes import TypeScope
        source = "class Money(sa.types.TypeDecorator):\n    impl = sa.Numeric\n    cache_ok = True\n"
        from alembic_import.project_types import _decorators
        ctx = translate.Context(TypeScope(_decorators(ast.parse(source))))
        self.assertEqual(tr('op.add_column("t", sa.Column("m", Money(12, 2)))\n'
                            'op.add_column("t", sa.Column("n", types.Money))', ctx),
                         ['op.add_column("t", Column("m", Numeric(12, 2)));',
                          'op.add_column("t", Column("n", Numeric()));'])

    def test_sqlalchemy_2_only_constructs_are_read_from_source(self):
        # SQLAlchemy 1.4 (Debian 12) has neither; the importer only reads the source text.
        self.assertEqual(tr('op.add_column("u", sa.Column("email", postgresql.CITEXT(), nullable=False))'),
                         ['op.add_column("u", Column("email", raw_type("CITEXT")).nullable(false));'])
        with self.assertRaisesRegex(translate.Untranslatable, "postgresql_nulls_not_distinct"):
            tr('op.create_index("ix", "t", ["a"], unique=True, postgresql_nulls_not_distinct=True)')

    def test_reading_data_is_found_in_the_source(self):
        from alembic_import.reads_data import reads_data
        self.assertEqual(reads_data(ast.parse('rows = op.get_bind().execute(sa.text("SELECT 1")).fetchall()').body),
                         (1, "op.get_bind().execute(sa.text('SELECT 1')).fetchall()"))
        self.assertEqual(reads_data(ast.parse('conn = op.get_bind()\nres = conn.execute(q)\nfor r in res:\n'
                                              '    op.execute("x")').body)[0], 3)
        self.assertIsNone(reads_data(ast.parse('op.get_bind().execute(sa.text("UPDATE t SET a = 1"))').body))


REVISION = '''"""{msg}

Revision ID: {rev}
Revises: {down}
Create Date: 2026-11-02 09:00:00.123456

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

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
    def test_every_revision_ends_in_one_state_and_the_summary_counts_them(self):
        with tempfile.TemporaryDirectory() as root:
            versions = write_project(root, [
                ("aaaa00000001", None, "make t", 'op.create_table("t", sa.Column("id", sa.Integer()))',
                 'op.drop_table("t")', ("main",)),
                ("aaaa00000002", "aaaa00000001", "fill t", 'for i in range(2):\n    op.execute("INSERT INTO t VALUES (%d)" % i)',
                 'op.execute("DELETE FROM t")', None),
                ("aaaa00000003", "aaaa00000002", "loops both ways", 'for c in "ab":\n    op.add_column("t", sa.Column(c, sa.Text()))',
                 'for c in "ba":\n    op.drop_column("t", c)', None),
                ("aaaa00000004", "aaaa00000003", "read rows", 'n = op.get_bind().execute(sa.text("SELECT 1")).scalar()\n'
                 'op.execute("SELECT %d" % n)', 'raise NotImplementedError("no way back")', None),
                ("aaaa00000005", "aaaa00000004", "malformed", 'op.drop_constraint("ck_x")', "pass", None),
                ("aaaa00000006", "aaaa00000005", "plugin", 'op.create_view("v", "SELECT 1")', 'op.execute("DROP VIEW v")', None),
            ])
            out = os.path.join(root, "out")
            r = run_tool("-q", versions, out)
            self.assertEqual(r.returncode, 10, r.stderr)
            self.assertEqual(r.stderr, "")
            lines = r.stdout.strip().splitlines()
            self.assertEqual(lines[-1], "imported 6 revisions: 1 translated, 1 partly, 1 captured, 1 to-port, 2 refused")
            self.assertEqual([l.split()[:2] for l in lines[:-1]],
                             [["partly", "aaaa00000002"], ["captured", "aaaa00000003"], ["to-port", "aaaa00000004"],
                              ["refused", "aaaa00000005"], ["refused", "aaaa00000006"]])
            self.assertIn("aaaa00000004_x.py:19: upgrade() reads data: op.get_bind().execute(", lines[2])
            self.assertIn("aaaa00000005_x.py:19: op.drop_constraint() is missing table_name", lines[3])
            self.assertIn("aaaa00000006_x.py:19: op.create_view is a plugin operation; its SQL depends on the live "
                          "database: import with --online", lines[4])
            files = sorted(os.listdir(out))
            self.assertEqual(len(files), 6)
            first, second, third, fourth, fifth, _ = (read(os.path.join(out, name)) for name in files)
            self.assertIn("// revision: aaaa00000001\n// parents:\n// branch_labels: main\n", first)
            self.assertIn("// created: 2026-11-02 09:00:00\n// message: make t\n", first)
            self.assertIn("// parents: aaaa00000001\n", second)
            self.assertIn("BEGIN SQL IMPORTED FROM ALEMBIC", second)
            self.assertIn('op.execute(R"retort_sql(INSERT INTO t VALUES (0))retort_sql");', second)
            self.assertIn('op.execute("DELETE FROM t");', second)
            self.assertIn("ALTER TABLE t ADD COLUMN a TEXT", third)
            self.assertIn("ALTER TABLE t DROP COLUMN b", third)
            self.assertIn('    //     n = op.get_bind().execute(sa.text("SELECT 1")).scalar()\n', fourth)
            self.assertIn('#error "revision aaaa00000004: port upgrade() by hand, it reads data (aaaa00000004_x.py:19: ',
                          fourth)
            self.assertIn('op.irreversible("no way back");', fourth)
            self.assertIn('#error "revision aaaa00000005: upgrade() was refused by the importer', fifth)

    def test_a_translated_project_exits_0(self):
        with tempfile.TemporaryDirectory() as root:
            versions = write_project(root, [("cccc00000001", None, "t", 'op.create_table("t", sa.Column("id", sa.Integer()))',
                                             'op.drop_table("t")', None)])
            r = run_tool(versions, os.path.join(root, "out"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(r.stdout.endswith("imported 1 revisions: 1 translated, 0 partly, 0 captured, 0 to-port, "
                                              "0 refused\n"), r.stdout)

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

    def test_online_captures_plugin_operations_on_a_throwaway_server(self):
        with tempfile.TemporaryDirectory() as root:
            versions = write_project(root, [
                ("dddd00000001", None, "enum", 'op.execute("CREATE TYPE mood AS ENUM (\'a\', \'b\')")\n'
                 'op.create_table("t", sa.Column("m", postgresql.ENUM(name="mood", create_type=False), server_default="a"))',
                 'op.drop_table("t")\nop.execute("DROP TYPE mood")', None),
                ("dddd00000002", "dddd00000001", "sync", 'op.sync_moods(["a", "b", "c"])', 'op.sync_moods(["a", "b"])',
                 None),
            ])
            with open(os.path.join(root, "env.py"), "w") as f:
                f.write("import mood_plugin\n")
            with open(os.path.join(root, "mood_plugin.py"), "w") as f:
                f.write(MOOD_PLUGIN)
            out = os.path.join(root, "out")
            r = run_tool("-q", versions, out)
            self.assertEqual(r.returncode, 10)
            self.assertIn("op.sync_moods is a plugin operation", r.stdout)
            r = run_tool("-q", "--online", versions, out)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertTrue(r.stdout.endswith("1 translated, 0 partly, 1 captured, 0 to-port, 0 refused\n"), r.stdout)
            sync = read(os.path.join(out, "dddd00000002_sync.cpp"))
            # What the plugin read from the live catalog is there: the default moves out of the way.
            self.assertIn("ALTER TABLE t ALTER COLUMN m DROP DEFAULT", sync)
            self.assertIn("ALTER TABLE t ALTER COLUMN m SET DEFAULT 'a'::mood", sync)
            self.assertIn("--online", sync)


MOOD_PLUGIN = '''
import sqlalchemy as sa
from alembic.operations import MigrateOperation, Operations


@Operations.register_operation("sync_moods")
class SyncMoods(MigrateOperation):
    def __init__(self, values):
        self.values = values

    @classmethod
    def sync_moods(cls, operations, values):
        return operations.invoke(cls(values))


@Operations.implementation_for(SyncMoods)
def sync_moods(operations, operation):
    default = operations.get_bind().execute(sa.text(
        "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 't'::regclass")).scalar()
    operations.execute("ALTER TYPE mood RENAME TO mood_old")
    operations.execute("CREATE TYPE mood AS ENUM (%s)" % ", ".join("'%s'" % v for v in operation.values))
    if default:
        operations.execute("ALTER TABLE t ALTER COLUMN m DROP DEFAULT")
    operations.execute("ALTER TABLE t ALTER COLUMN m TYPE mood USING m::text::mood")
    if default:
        operations.execute("ALTER TABLE t ALTER COLUMN m SET DEFAULT " + default.replace("mood_old", "mood"))
    operations.execute("DROP TYPE mood_old")
'''


if __name__ == "__main__":
    unittest.main()
