#include "locks/catalogue.hpp"

// The examples use designated initializers the way revisions do; the options left out are meant.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace retort::locks {

const char* fixture_sql() {
    return "CREATE TABLE owners (id integer PRIMARY KEY);\n"
           "INSERT INTO owners SELECT g FROM generate_series(1, 10) g;\n"
           "CREATE TABLE accounts (id integer PRIMARY KEY, email text, note varchar(20), owner_id integer, "
           "amount integer, period int4range);\n"
           "INSERT INTO accounts SELECT g, 'u' || g, 'n', 1 + g % 10, g, int4range(g, g + 1) "
           "FROM generate_series(1, 100) g;\n"
           "CREATE INDEX ix_accounts_email ON accounts (email);\n"
           "CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
           "ANALYZE owners; ANALYZE accounts;";
}

const std::vector<example>& catalogue() {
    static const std::vector<example> all = {
        {"create_table", "", [](ops& op) {
             op.create_table("audits", {Column("id", Integer()).primary_key(), Column("note", Text())});
         }},
        {"create_table", "Column.foreign_key", [](ops& op) {
             op.create_table("audits", {Column("id", Integer()).primary_key(),
                                        Column("owner_id", Integer()).foreign_key("owners.id")});
         }},
        {"drop_table", "", [](ops& op) { op.drop_table("accounts"); }},
        {"rename_table", "", [](ops& op) { op.rename_table("accounts", "clients"); }},
        {"create_table_comment", "", [](ops& op) { op.create_table_comment("accounts", "who pays"); }},
        {"add_column", "nullable, no default", [](ops& op) { op.add_column("accounts", Column("nick", Text())); }},
        {"add_column", "server_default(literal)", [](ops& op) {
             op.add_column("accounts", Column("plan", Text()).server_default("free"));
         }},
        {"add_column", "server_default(literal), nullable(false)", [](ops& op) {
             op.add_column("accounts", Column("level", Integer()).server_default("0").nullable(false));
         }},
        {"add_column", "server_default(sql(\"now()\"))", [](ops& op) {
             op.add_column("accounts", Column("created", DateTime(true)).server_default(sql("now()")));
         }},
        {"add_column", "server_default(sql(\"gen_random_uuid()\"))", [](ops& op) {
             op.add_column("accounts", Column("token", UUID()).server_default(sql("gen_random_uuid()")));
         }},
        {"add_column", "nullable(false), no default", [](ops& op) {
             op.add_column("accounts", Column("code", Text()).nullable(false));
         }, "", true},
        {"add_column", "identity()", [](ops& op) {
             op.add_column("accounts", Column("seq", BigInteger()).identity());
         }},
        {"add_column", "unique()", [](ops& op) { op.add_column("accounts", Column("handle", Text()).unique()); }},
        {"add_column", "foreign_key()", [](ops& op) {
             op.add_column("accounts", Column("manager_id", Integer()).foreign_key("owners.id"));
         }},
        {"add_column", "index()", [](ops& op) { op.add_column("accounts", Column("region", Text()).index()); }},
        {"drop_column", "", [](ops& op) { op.drop_column("accounts", "note"); }},
        {"alter_column", "type (varchar(20) to text)", [](ops& op) {
             op.alter_column("accounts", "note", {.type = Text()});
         }},
        {"alter_column", "type (integer to bigint)", [](ops& op) {
             op.alter_column("accounts", "amount", {.type = BigInteger()});
         }},
        {"alter_column", "type with using", [](ops& op) {
             op.alter_column("accounts", "email", {.type = Text(), .using_expression = "lower(email)"});
         }},
        {"alter_column", "nullable(false)", [](ops& op) { op.alter_column("accounts", "email", {.nullable = 0}); }},
        {"alter_column", "nullable(false), valid CHECK (email IS NOT NULL) exists", [](ops& op) {
             op.alter_column("accounts", "email", {.nullable = 0});
         }, "ALTER TABLE accounts ADD CONSTRAINT ck_email CHECK (email IS NOT NULL)"},
        {"alter_column", "nullable(true)", [](ops& op) { op.alter_column("accounts", "id", {.nullable = 1}); },
         "ALTER TABLE accounts DROP CONSTRAINT accounts_pkey"},
        {"alter_column", "server_default", [](ops& op) {
             op.alter_column("accounts", "note", {.server_default = "none"});
         }},
        {"alter_column", "server_default(drop_default())", [](ops& op) {
             op.alter_column("accounts", "note", {.server_default = drop_default()});
         }},
        {"alter_column", "comment", [](ops& op) { op.alter_column("accounts", "note", {.comment = "free text"}); }},
        {"alter_column", "new_column_name", [](ops& op) {
             op.alter_column("accounts", "note", {.new_column_name = "remark"});
         }},
        {"create_enum", "", [](ops& op) { op.create_enum("colour", {"red", "blue"}); }},
        {"drop_enum", "", [](ops& op) { op.drop_enum("mood"); }},
        {"add_enum_value", "", [](ops& op) { op.add_enum_value("mood", "calm"); }},
        {"create_primary_key", "", [](ops& op) { op.create_primary_key("accounts_pkey", "accounts", {"id"}); },
         "ALTER TABLE accounts DROP CONSTRAINT accounts_pkey"},
        {"create_unique_constraint", "", [](ops& op) {
             op.create_unique_constraint("uq_accounts_email", "accounts", {"email"});
         }},
        {"create_check_constraint", "", [](ops& op) {
             op.create_check_constraint("ck_amount", "accounts", "amount >= 0");
         }},
        {"create_check_constraint", "not_valid", [](ops& op) {
             op.create_check_constraint("ck_amount", "accounts", "amount >= 0", {.not_valid = true});
         }},
        {"create_foreign_key", "", [](ops& op) {
             op.create_foreign_key("fk_owner", "accounts", "owners", {"owner_id"}, {"id"});
         }},
        {"create_foreign_key", "not_valid", [](ops& op) {
             op.create_foreign_key("fk_owner", "accounts", "owners", {"owner_id"}, {"id"}, {.not_valid = true});
         }},
        {"create_foreign_key", "not_valid, then validate_constraint (own transaction)", [](ops& op) {
             op.create_foreign_key("fk_owner", "accounts", "owners", {"owner_id"}, {"id"}, {.not_valid = true});
             op.validate_constraint("fk_owner", "accounts");
         }},
        {"set_not_null", "(safe recipe; each step commits)", [](ops& op) { op.set_not_null("accounts", "email"); }},
        {"create_unique_constraint", "concurrently (safe recipe)", [](ops& op) {
             op.create_unique_constraint("uq_accounts_email", "accounts", {"email"}, {.concurrently = true});
         }},
        {"create_unique_constraint", "using_index", [](ops& op) {
             op.create_unique_constraint("uq_accounts_email", "accounts", {}, {.using_index = "ux_accounts_email"});
         }, "CREATE UNIQUE INDEX ux_accounts_email ON accounts (email)"},
        {"backfill", "(safe recipe)", [](ops& op) {
             op.backfill("accounts", "note = 'x'", "note IS NULL", {.batch_rows = 1000});
         }},
        {"create_exclude_constraint", "", [](ops& op) {
             op.create_exclude_constraint("ex_period", "accounts", {{"period", "&&"}});
         }},
        {"validate_constraint", "check", [](ops& op) { op.validate_constraint("ck_amount", "accounts"); },
         "ALTER TABLE accounts ADD CONSTRAINT ck_amount CHECK (amount >= 0) NOT VALID"},
        {"validate_constraint", "foreign key", [](ops& op) { op.validate_constraint("fk_owner", "accounts"); },
         "ALTER TABLE accounts ADD CONSTRAINT fk_owner FOREIGN KEY (owner_id) REFERENCES owners (id) NOT VALID"},
        {"drop_constraint", "", [](ops& op) { op.drop_constraint("ck_amount", "accounts"); },
         "ALTER TABLE accounts ADD CONSTRAINT ck_amount CHECK (amount >= 0)"},
        {"create_index", "", [](ops& op) { op.create_index("ix_accounts_amount", "accounts", {"amount"}); }},
        {"create_index", "unique", [](ops& op) {
             op.create_index("ux_accounts_email", "accounts", {"email"}, {.unique = true});
         }},
        {"create_index", "concurrently", [](ops& op) {
             auto block = op.autocommit_block();
             op.create_index("ix_accounts_amount", "accounts", {"amount"}, {.concurrently = true});
         }},
        {"drop_index", "", [](ops& op) { op.drop_index("ix_accounts_email"); }},
        {"drop_index", "concurrently", [](ops& op) {
             auto block = op.autocommit_block();
             op.drop_index("ix_accounts_email", {.concurrently = true});
         }},
        {"bulk_insert", "", [](ops& op) { op.bulk_insert("owners", {"id"}, {{11}, {12}}); }},
        {"execute", "UPDATE", [](ops& op) { op.execute("UPDATE accounts SET amount = 0 WHERE id < 10"); }},
        {"execute", "DELETE", [](ops& op) { op.execute("DELETE FROM accounts WHERE id < 10"); }},
        {"execute", "TRUNCATE", [](ops& op) { op.execute("TRUNCATE accounts"); }},
        {"execute", "other SQL", [](ops& op) { op.execute("SELECT do_something()"); }},
    };
    return all;
}

}  // namespace retort::locks
