// What the catalogue fixture leaves out, so the round trip covers every operation and option:
// awkward strings, every type factory, identity options, inline foreign keys, nested autocommit
// blocks, execute parameters of each kind, the safe recipes' options.
#include "printed.hpp"

namespace retort::test {

void every_option_upgrade(ops& op) {
    op.create_table("odd \"name\"",
                    {
                        Column("id", BigInteger()).identity({.always = true, .start = 5000000000LL, .increment = 3}),
                        Column("n", Integer()).identity(),
                        Column("pk", SmallInteger()).primary_key().autoincrement(false),
                        Column("a", Numeric()),
                        Column("b", Numeric(10)),
                        Column("c", Float(24)),
                        Column("d", String()),
                        Column("e", CHAR()),
                        Column("f", ARRAY(String(8), 3)),
                        Column("g", Enum("shop.size", {"s", "m", "it's l"})),
                        Column("h", Enum("known", {})),
                        Column("i", raw_type("numeric(5,1)[]")).nullable(true).server_default(""),
                        Column("j", Text()).server_default("back\\slash\ttab\nnew line").comment("a \"quoted\" comment"),
                        Column("k", Integer()).foreign_key("shop.items.id", {.ondelete = "CASCADE", .onupdate = "SET NULL",
                                                                             .deferrable = true, .initially = "DEFERRED",
                                                                             .match = "FULL", .referent_schema = "shop"}),
                        Column("l", UUID()).unique().index().server_default(sql("gen_random_uuid()")),
                        ForeignKeyConstraint({"k"}, "items", {"id"}, "", {.ondelete = "RESTRICT"}),
                        ForeignKeyConstraint({"k", "n"}, "items", {"id", "n"}),
                        UniqueConstraint({"a", "b"}),
                        CheckConstraint("a > 0"),
                        PrimaryKeyConstraint({"id"}, "odd_pk"),
                    },
                    {.schema = "shop", .comment = "line one\nline two", .if_not_exists = true});
    op.create_table("empty", {});
    op.add_column("t", Column("x", Time(true)), {.schema = "s", .if_not_exists = true});
    op.alter_column("t", "x", {});
    op.alter_column("t", "x", {.schema = "s", .type = DateTime(true), .using_expression = "x::timestamptz",
                               .nullable = true, .server_default = sql("now()"), .drop_comment = true});
    op.create_unique_constraint("uq", "t", {"x"}, {.schema = "s", .deferrable = true, .initially = "IMMEDIATE"});
    op.create_check_constraint("ck", "t", "x IS NOT NULL", {.schema = "s", .not_valid = true});
    op.create_foreign_key("fk", "t", "u", {"x"}, {"y"},
                          {.ondelete = "SET DEFAULT", .onupdate = "NO ACTION", .deferrable = true, .initially = "DEFERRED",
                           .match = "SIMPLE", .source_schema = "s", .referent_schema = "r", .not_valid = true});
    op.create_exclude_constraint("ex", "t", {{"x", "="}, {"tstzrange(a, b)", "&&"}},
                                 {.schema = "s", .using_method = "spgist", .where = "x > 0", .deferrable = true,
                                  .initially = "DEFERRED"});
    op.create_exclude_constraint("ex2", "t", {{"x", "&&"}}, {.using_method = ""});
    op.create_index("ix", "t", {"x", "lower(y)"},
                    {.unique = true, .schema = "s", .where = "x > 0", .method = "btree", .include = {"z", "w"},
                     .if_not_exists = true});
    {
        auto block = op.autocommit_block();
        op.create_index("ix2", "t", {"x"}, {.concurrently = true});
        {
            auto inner = op.autocommit_block();
            op.execute("VACUUM t");
        }
    }
    op.add_enum_value("mood", "meh", {.schema = "s", .before = "sad", .if_not_exists = true});
    op.add_enum_value("mood", "glad", {.after = "happy"});
    op.execute("SELECT $1, $2, $3, $4, $5, $6, $7, $8",
               {nullptr, "text 'quoted'", 42, -7, 5000000000LL, 2.5, false, sql("now()")});
    op.execute("CREATE VIEW v AS\n SELECT 1 AS one\n  WHERE 'a' <> 'b'");
    op.bulk_insert("t", {"x"}, {}, {.schema = "s"});
    op.bulk_insert("t", {"x", "y"}, {{1, "a"}, {nullptr, sql("DEFAULT")}});
    op.create_unique_constraint("uq2", "t", {}, {.schema = "s", .deferrable = true, .using_index = "ux"});
    op.set_not_null("t", "x", {.schema = "s"});
    op.backfill("t", "x = now()", "x IS NULL", {.schema = "s", .key = "k", .batch_rows = 5000000000LL, .pause_ms = 20});
    op.backfill("t", "y = 1", "");
}

void every_option_downgrade(ops& op) {
    op.drop_index("ix", {.schema = "s", .concurrently = true, .if_exists = true, .cascade = true});
    op.drop_constraint("ck", "t", {.schema = "s", .if_exists = true, .cascade = true});
    op.drop_column("t", "x", {.schema = "s", .if_exists = true, .cascade = true});
    op.drop_table("odd \"name\"", {.schema = "shop", .if_exists = true, .cascade = true});
    op.drop_enum("mood", {.schema = "s", .if_exists = true, .cascade = true});
    op.validate_constraint("ck", "t", {.schema = "s"});
    op.rename_table("t", "t2", {.schema = "s"});
    op.create_table_comment("t2", "it's", {.schema = "s"});
    op.drop_table_comment("t2", {.schema = "s"});
    op.create_primary_key("pk", "t2", {"x"}, {.schema = "s"});
    op.create_enum("e", {}, {.schema = "s"});
    op.irreversible("the \"old\" rows are gone");
}

}  // namespace retort::test
