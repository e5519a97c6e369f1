// Passwords in connection strings: masked where they stand, as libpq reads the string, and never
// shown from a string libpq cannot parse (issue 13, items 2-4).
#include "core/errors.hpp"
#include "core/redact.hpp"
#include "db/conninfo.hpp"

#include <doctest/doctest.h>

using retort::db::check_conninfo;
using retort::db::mask_conninfo;

namespace {
/// The message check_conninfo throws, or "" when the string is valid.
std::string refusal(const std::string& conninfo) {
    try {
        check_conninfo(conninfo);
    } catch (const retort::usage_error& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("a valid connection string shows its password masked where libpq reads it") {
    CHECK(mask_conninfo("host=127.0.0.1 port=5 user=kv1 password = secret1 dbname=k1") ==
          "host=127.0.0.1 port=5 user=kv1 password = *** dbname=k1");
    CHECK(mask_conninfo("password='se cret\\' x' host=h") == "password=*** host=h");
    CHECK(mask_conninfo("postgresql://q1:sec'ret6@127.0.0.1:5/k1") == "postgresql://q1:***@127.0.0.1:5/k1");
    CHECK(mask_conninfo("postgresql://u:p%40ss%2Fw@h/db") == "postgresql://u:***@h/db");
    CHECK(mask_conninfo("postgres://u@h/db?sslmode=disable&password=pw&application_name=x") ==
          "postgres://u@h/db?sslmode=disable&password=***&application_name=x");
    CHECK(mask_conninfo("postgresql://u:p@h:5/db") == "postgresql://u:***@h:5/db");
    // Nothing to mask: the string stays as written.
    CHECK(mask_conninfo("postgresql://u@h/db") == "postgresql://u@h/db");
    CHECK(mask_conninfo("host=h user=password") == "host=h user=password");
}

TEST_CASE("a connection string libpq cannot parse has its userinfo and password= values masked") {
    CHECK(mask_conninfo("postgresql://pct:Pa%ss@127.0.0.1:5/k1") == "postgresql://***@127.0.0.1:5/k1");
    CHECK(mask_conninfo("postgresql://u:p@ss:w/o?r#d% x@127.0.0.1:5/k1") == "postgresql://***@127.0.0.1:5/k1");
    CHECK(mask_conninfo("host=h password = 'unterminated") == "host=h password = ***");
    CHECK(mask_conninfo("postgresql://u@h/db?password=s%zz") == "postgresql://***@h/db?password=***");
}

TEST_CASE("libpq's refusal of a connection string never quotes its password") {
    for (const auto& [url, parts] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"postgresql://pct:Pa%ss@127.0.0.1:5/k1", {"Pa%ss", "Pa%", "%ss", "pct"}},
             {"postgresql://u:p@ss:w/o?r#d% x@127.0.0.1:5/k1", {"ss:w", "w/o", "r#d", "d% x", "%25 x", "r#d%25"}},
             {"host=h password='unterminated", {"unterminated"}},
         }) {
        CAPTURE(url);
        auto message = refusal(url);
        CHECK(message.rfind("invalid database URL: ", 0) == 0);
        for (const auto& part : parts) CHECK_MESSAGE(message.find(part) == std::string::npos, message);
    }
    CHECK(refusal("postgresql://pct:Pa%ss@127.0.0.1:5/k1").find("percent-encode") != std::string::npos);
    CHECK(refusal("host=h password='unterminated").find("write it as password='...'") != std::string::npos);
    CHECK(refusal("postgresql://u@h/db?frobnicate=1").find("frobnicate") != std::string::npos);
}

TEST_CASE("a short password is masked where it stands, not inside other words") {
    check_conninfo("postgresql://u:p@127.0.0.1:5/db");
    CHECK(retort::redact("invalid connection option \"port\"") == "invalid connection option \"port\"");
    CHECK(retort::redact("could not connect to postgresql://u:p@127.0.0.1:5/db") ==
          "could not connect to postgresql://u:***@127.0.0.1:5/db");
    CHECK(retort::redact("role \"nobody_p\" does not exist") == "role \"nobody_***\" does not exist");
}
