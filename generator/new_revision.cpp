#include "new_revision.hpp"

#include "post_write.hpp"
#include "scanner.hpp"
#include "template.hpp"

#include "core/errors.hpp"
#include "graph/revision_map.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace retort::gen {

namespace {

using rev_index = retort::graph::index;

std::string ids(const retort::graph::revision_graph& g, const std::vector<rev_index>& revs) {
    std::string out;
    for (rev_index i : revs) out += (out.empty() ? "" : ", ") + g[i].id;
    return out;
}

std::string now_text() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

/// The project's revision template (migrations/template.cpp.in) when it has one, else the built-in
/// one; refused (exit 2) when it does not make a revision file the build can read.
std::string project_template(const std::string& dir, const revision_header& h) {
    std::filesystem::path file = std::filesystem::path(dir) / "template.cpp.in";
    if (!std::filesystem::exists(file)) return default_template();
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw retort::error("cannot read " + file.string());
    try {
        auto parsed = parse_revision_source(revision_source(h, text.str()), file.string());
        if (parsed.id == h.id && parsed.parents == h.parents) return text.str();
    } catch (const scan_error&) {
    }
    throw retort::usage_error(file.string() +
                              " does not make a revision file: keep @HEADER@ and RETORT_REVISION(@SYMBOL@) in it");
}

/// The parents, as Alembic's `revision --head` / `merge` choose them: every revision the --head
/// targets name ("head" by default; "base" for a new root; LABEL@head; "heads"), each a head
/// unless --splice.
std::vector<std::string> choose_parents(const retort::graph::revision_map& m, const revision_request& r) {
    std::vector<std::string> targets = r.heads;
    if (r.merge) {
        if (!targets.empty()) throw retort::usage_error("--merge takes the current heads; do not also pass --head");
        targets = {"heads"};
        if (m.real_heads().size() < 2)
            throw retort::usage_error("--merge needs at least two heads; there is " + std::to_string(m.real_heads().size()));
    }
    if (targets.empty()) targets = {"head"};
    std::vector<rev_index> parents;
    try {
        for (auto p : m.get_revisions(targets))
            if (p) parents.push_back(*p);
    } catch (const retort::resolution_error& e) {
        if (targets == std::vector<std::string>{"head"} && m.heads().size() > 1)
            throw retort::usage_error("there are several heads (" + ids(m.graph(), m.heads()) +
                                      "); pass --head REV to choose the parent, or --merge to merge them");
        throw;
    }
    std::vector<std::string> out;
    for (rev_index i : parents) {
        if (std::find(out.begin(), out.end(), m.id(i)) != out.end())
            throw retort::usage_error("revision " + m.id(i) + " is named twice as a parent");
        if (!m.is_head(i) && !r.splice)
            throw retort::usage_error("revision " + m.id(i) +
                                      " is not a head; pass --splice to start a new branch from it");
        out.push_back(m.id(i));
    }
    return out;
}

/// A dependency is kept as written when it is a branch label of the revision it names, and
/// otherwise becomes that revision's full ID (Alembic's rule).
std::string resolve_dependency(const retort::graph::revision_map& m, const std::string& dep) {
    auto r = m.get_revision(dep);
    if (!r) throw retort::usage_error("--depends-on " + dep + " names no revision");
    const auto& labels = m.branch_labels(*r);
    return std::find(labels.begin(), labels.end(), dep) != labels.end() ? dep : m.id(*r);
}

}  // namespace

std::filesystem::path write_new_revision(const std::string& dir, const revision_set& set, const revision_request& r) {
    const auto& g = set.graph;
    revision_header h;
    h.id = r.rev_id.empty() ? new_revision_id() : r.rev_id;
    if (!valid_revision_id(h.id))
        throw retort::usage_error("'" + h.id + "' is not a valid revision ID (letters, digits, '_' or '-', at most 32)");
    if (g.find(h.id)) throw retort::usage_error("revision " + h.id + " already exists in " + g[*g.find(h.id)].path);
    retort::graph::revision_map map(g);
    h.parents = choose_parents(map, r);
    for (const auto& label : r.labels)
        if (auto used = g.find_label(label))
            throw retort::usage_error("branch label '" + label + "' is already used by revision " + g[*used].id);
    h.branch_labels = r.labels;
    for (const auto& d : r.depends_on) h.depends_on.push_back(resolve_dependency(map, d));
    h.message = r.message;
    h.created = now_text();

    std::string text = project_template(dir, h);
    if ((!r.upgrade_body.empty() || !r.downgrade_body.empty()) &&
        (text.find("@UPGRADE@") == std::string::npos || text.find("@DOWNGRADE@") == std::string::npos))
        throw retort::usage_error(dir + "/template.cpp.in has no @UPGRADE@ and @DOWNGRADE@ for the bodies autogenerate "
                                        "writes: put them inside upgrade() and downgrade()");
    std::filesystem::path path = std::filesystem::path(dir) / revision_file_name(h.id, h.message);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << revision_source(h, text, r.upgrade_body, r.downgrade_body);
    out.close();
    if (!out) throw retort::error("cannot write " + path.string());
    format_if_configured(path, std::cerr);  // the project's .clang-format, as Alembic's post-write hooks
    return path;
}

}  // namespace retort::gen
