// The canonical text that checksums are taken over, pinned for every operation: any change to it
// would mark applied revisions as modified on every deployed database, so a change must fail here
// first (and then needs a new retort_history schema that rewrites recorded checksums).
// A new operation needs a golden case below; the last test fails until it has one.
#include <retort/canonical.hpp>

#include <doctest/doctest.h>

#include <variant>

using namespace retort;

namespace {

void touch(connection&) {}

struct golden_case {
    const char* what;
    void (*record_into)(ops&);
    const char* text;
};

// Add a case for a new operation (and one for each new option) here.
const std::vector<golden_case>& golden_cases() {
    static const std::vector<golden_case> cases = {
        {"create_table, defaults left out",
         [](ops& op) { op.create_table("t", {Column("id", Integer())}); },
         "create_table:name=t;column=[column:name=id;type=[type:kind=integer;];];\n"},
        {"create_table, every option",
         [](ops& op) {
             op.create_table("t",
                             {Column("id", BigInteger()).primary_key().autoincrement(false).identity({.always = true, .start = 5, .increment = 2}),
                              Column("name", String(40)).nullable(false).unique().index().server_default("x").comment("c"),
                              Column("at", DateTime(true)).server_default(sql("now()")),
                              Column("price", Numeric(10, 2)),
                              Column("tags", ARRAY(Text(), 2)),
                              Column("mood", Enum("mood", {"a", "b"})),
                              Column("raw", raw_type("tsvector")),
                              Column("owner", Integer()).foreign_key("s.users.id", {.ondelete = "CASCADE", .onupdate = "SET NULL", .deferrable = true, .initially = "DEFERRED", .match = "FULL", .source_schema = "a", .referent_schema = "b"}),
                              PrimaryKeyConstraint({"id"}, "pk"), UniqueConstraint({"name"}),
                              CheckConstraint("price > 0", "ck"),
                              ForeignKeyConstraint({"owner"}, "users", {"id"}, "fk", {.ondelete = "RESTRICT"})},
                             {.schema = "s", .comment = "table", .if_not_exists = true});
         },
         "create_table:schema=s;name=t;column=[column:name=id;type=[type:kind=big_integer;];pk=1;autoincrement=0;identity=1;identity_always=1;identity_start=5;identity_increment=2;];column=[column:name=name;type=[type:kind=varchar;length=40;];nullable=0;unique=1;index=1;has_default=1;default=x;comment=c;];column=[column:name=at;type=[type:kind=timestamp;tz=1;];has_default=1;default_is_sql=1;default=now();];column=[column:name=price;type=[type:kind=numeric;precision=10;scale=2;];];column=[column:name=tags;type=[type:kind=text;dims=2;];];column=[column:name=mood;type=[type:kind=enumeration;name=mood;values=a\037b\037;];];column=[column:name=raw;type=[type:kind=raw;name=tsvector;];];column=[column:name=owner;type=[type:kind=integer;];fk_target=s.users.id;fk=[fk:ondelete=CASCADE;onupdate=SET NULL;deferrable=1;initially=DEFERRED;match=FULL;source_schema=a;referent_schema=b;];];constraint=[constraint:kind=primary_key;name=pk;columns=id\037;];constraint=[constraint:kind=unique;columns=name\037;];constraint=[constraint:kind=check;name=ck;expression=price > 0;];constraint=[constraint:kind=foreign_key;name=fk;columns=owner\037;referent_table=users;referent_columns=id\037;fk=[fk:ondelete=RESTRICT;];];comment=table;if_not_exists=1;\n"},
        {"drop_table", [](ops& op) { op.drop_table("t", {.schema = "s", .if_exists = true, .cascade = true}); }, "drop_table:schema=s;name=t;if_exists=1;cascade=1;\n"},
        {"drop_table, defaults", [](ops& op) { op.drop_table("t"); }, "drop_table:name=t;\n"},
        {"rename_table", [](ops& op) { op.rename_table("a", "b", {.schema = "s"}); }, "rename_table:schema=s;old_name=a;new_name=b;\n"},
        {"table_comment", [](ops& op) { op.create_table_comment("t", "hello; = [x]\nnext", {.schema = "s"}); }, "table_comment:schema=s;table=t;comment=hello\\; \\= \\[x\\]\\nnext;\n"},
        {"table_comment dropped", [](ops& op) { op.drop_table_comment("t"); }, "table_comment:table=t;\n"},
        {"add_column", [](ops& op) { op.add_column("t", Column("c", Boolean()).server_default(sql("true")), {.schema = "s", .if_not_exists = true}); }, "add_column:schema=s;table=t;column=[column:name=c;type=[type:kind=boolean;];has_default=1;default_is_sql=1;default=true;];if_not_exists=1;\n"},
        {"drop_column", [](ops& op) { op.drop_column("t", "c", {.schema = "s", .if_exists = true, .cascade = true}); }, "drop_column:schema=s;table=t;column=c;if_exists=1;cascade=1;\n"},
        {"alter_column, every option",
         [](ops& op) {
             op.alter_column("t", "c", {.schema = "s", .new_column_name = "d", .type = Time(true), .using_expression = "c::time",
                                        .nullable = 0, .server_default = "x", .comment = "k"});
         },
         "alter_column:schema=s;table=t;column=c;new_name=d;type=[type:kind=time;tz=1;];using=c::time;nullable=0;default_mode=set_literal;default=x;comment=k;\n"},
        {"alter_column, SQL default and dropped comment",
         [](ops& op) { op.alter_column("t", "c", {.nullable = 1, .server_default = sql("now()"), .drop_comment = true}); },
         "alter_column:table=t;column=c;nullable=1;default_mode=set_sql;default=now();drop_comment=1;\n"},
        {"alter_column, dropped default", [](ops& op) { op.alter_column("t", "c", {.server_default = drop_default()}); }, "alter_column:table=t;column=c;default_mode=drop;\n"},
        {"create_enum", [](ops& op) { op.create_enum("e", {"a", "b"}, {.schema = "s"}); }, "create_enum:schema=s;name=e;values=a\037b\037;\n"},
        {"drop_enum", [](ops& op) { op.drop_enum("e", {.schema = "s", .if_exists = true, .cascade = true}); }, "drop_enum:schema=s;name=e;if_exists=1;cascade=1;\n"},
        {"add_enum_value", [](ops& op) { op.add_enum_value("e", "v", {.schema = "s", .before = "a", .if_not_exists = true}); }, "add_enum_value:schema=s;name=e;value=v;before=a;if_not_exists=1;\n"},
        {"add_enum_value after", [](ops& op) { op.add_enum_value("e", "v", {.after = "a"}); }, "add_enum_value:name=e;value=v;after=a;\n"},
        {"create_index",
         [](ops& op) {
             op.create_index("ix", "t", {"a", "lower(b)"}, {.unique = true, .schema = "s", .where = "a > 0", .method = "gin",
                                                           .include = {"c"}, .if_not_exists = true});
         },
         "create_index:schema=s;name=ix;table=t;columns=a\037lower(b)\037;unique=1;where=a > 0;method=gin;include=c\037;if_not_exists=1;\n"},
        {"create_index concurrently",
         [](ops& op) {
             auto block = op.autocommit_block();
             op.create_index("ix", "t", {"a"}, {.concurrently = true});
         },
         "begin_autocommit:\ncreate_index:name=ix;table=t;columns=a\037;concurrently=1;\nend_autocommit:\n"},
        {"drop_index", [](ops& op) { op.drop_index("ix", {.schema = "s", .concurrently = false, .if_exists = true, .cascade = true}); }, "drop_index:schema=s;name=ix;if_exists=1;cascade=1;\n"},
        {"add_constraint: primary key", [](ops& op) { op.create_primary_key("pk", "t", {"id"}, {.schema = "s"}); }, "add_constraint:schema=s;table=t;constraint=[constraint:kind=primary_key;name=pk;columns=id\037;];\n"},
        {"add_constraint: unique", [](ops& op) { op.create_unique_constraint("u", "t", {"a", "b"}, {.deferrable = true, .initially = "DEFERRED"}); }, "add_constraint:table=t;constraint=[constraint:kind=unique;name=u;columns=a\037b\037;fk=[fk:deferrable=1;initially=DEFERRED;];];\n"},
        {"add_constraint: check", [](ops& op) { op.create_check_constraint("ck", "t", "a > 0", {.not_valid = true}); }, "add_constraint:table=t;constraint=[constraint:kind=check;name=ck;expression=a > 0;];not_valid=1;\n"},
        {"add_constraint: foreign key",
         [](ops& op) {
             op.create_foreign_key("fk", "t", "u", {"a"}, {"id"}, {.ondelete = "CASCADE", .match = "SIMPLE", .not_valid = true});
         },
         "add_constraint:table=t;constraint=[constraint:kind=foreign_key;name=fk;columns=a\037;referent_table=u;referent_columns=id\037;fk=[fk:ondelete=CASCADE;match=SIMPLE;];];not_valid=1;\n"},
        {"add_exclude_constraint",
         [](ops& op) {
             op.create_exclude_constraint("ex", "t", {{"room", "="}, {"during", "&&"}},
                                          {.schema = "s", .where = "active", .deferrable = true, .initially = "IMMEDIATE"});
         },
         "add_exclude_constraint:schema=s;table=t;name=ex;element=[element:expression=room;operator=\\=;];element=[element:expression=during;operator=&&;];where=active;deferrable=1;initially=IMMEDIATE;\n"},
        {"add_exclude_constraint, another method", [](ops& op) { op.create_exclude_constraint("ex", "t", {{"a", "="}}, {.using_method = "btree"}); }, "add_exclude_constraint:table=t;name=ex;element=[element:expression=a;operator=\\=;];using=btree;\n"},
        {"validate_constraint", [](ops& op) { op.validate_constraint("ck", "t", {.schema = "s"}); }, "validate_constraint:schema=s;table=t;name=ck;\n"},
        {"drop_constraint", [](ops& op) { op.drop_constraint("ck", "t", {.schema = "s", .if_exists = true, .cascade = true}); }, "drop_constraint:schema=s;table=t;name=ck;if_exists=1;cascade=1;\n"},
        {"execute", [](ops& op) { op.execute("SELECT 1"); }, "execute:sql=SELECT 1;\n"},
        {"execute with parameters", [](ops& op) { op.execute("SELECT $1, $2, $3, $4", {"a", 1, true, nullptr}); }, "execute:sql=SELECT $1\\, $2\\, $3\\, $4;params=[[value:kind=text;text=a;][value:kind=number;text=1;][value:kind=boolean;text=true;][value:kind=null;]];\n"},
        {"bulk_insert", [](ops& op) { op.bulk_insert("t", {"a", "b"}, {{1, "x"}, {nullptr, sql("now()")}}, {.schema = "s"}); }, "bulk_insert:schema=s;table=t;columns=a\037b\037;row=[[value:kind=number;text=1;][value:kind=text;text=x;]];row=[[value:kind=null;][value:kind=sql;text=now();]];\n"},
        {"run_code", [](ops& op) { op.run_code(touch); }, "run_code:\n"},
        {"irreversible", [](ops& op) { op.irreversible("data is gone"); }, "irreversible:reason=data is gone;\n"},
        {"add_constraint: unique from a concurrent index", [](ops& op) { op.create_unique_constraint("u", "t", {"a"}, {.concurrently = true}); }, "add_constraint:table=t;constraint=[constraint:kind=unique;name=u;columns=a\037;];concurrently=1;\n"},
        {"add_constraint: unique using an existing index", [](ops& op) { op.create_unique_constraint("u", "t", {}, {.schema = "s", .using_index = "ux"}); }, "add_constraint:schema=s;table=t;constraint=[constraint:kind=unique;name=u;];using_index=ux;\n"},
        {"set_not_null", [](ops& op) { op.set_not_null("t", "c", {.schema = "s"}); }, "set_not_null:schema=s;table=t;column=c;\n"},
        {"backfill, defaults", [](ops& op) { op.backfill("t", "a = 1", ""); }, "backfill:table=t;set=a \\= 1;key=id;batch_rows=1000;\n"},
        {"backfill, every option",
         [](ops& op) { op.backfill("t", "a = b", "a IS NULL", {.schema = "s", .key = "k", .batch_rows = 50, .pause_ms = 20}); },
         "backfill:schema=s;table=t;set=a \\= b;where=a IS NULL;key=k;batch_rows=50;pause_ms=20;\n"},
    };
    return cases;
}

}  // namespace

TEST_CASE("the canonical text of every operation and option is pinned") {
    for (const auto& c : golden_cases()) {
        CAPTURE(c.what);
        CHECK(canonical_text(record(c.record_into)) == c.text);
    }
}

TEST_CASE("every operation of the variant has a golden canonical text") {
    std::vector<bool> covered(std::variant_size_v<op::operation>, false);
    for (const auto& c : golden_cases())
        for (const auto& o : record(c.record_into)) covered[o.index()] = true;
    for (std::size_t i = 0; i < covered.size(); ++i)
        CHECK_MESSAGE(covered[i], "alternative " << i << " of op::operation has no golden case in canonical_test.cpp");
}
