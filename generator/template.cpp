#include "template.hpp"

#include <cctype>
#include <random>

namespace retort::gen {

namespace {
/// " a, b" (with the leading space), or "" so header lines carry no trailing blanks.
std::string comma(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? " " : ", ") + s;
    return out;
}

std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}
}  // namespace

std::string revision_file_name(const std::string& id, const std::string& message) {
    // Alembic's rule: the message's words joined by '_', lower-cased; past 40 characters, cut at
    // 40, drop the last partial word and end with '_'.
    std::string slug, word;
    auto flush = [&] {
        if (word.empty()) return;
        slug += (slug.empty() ? "" : "_") + word;
        word.clear();
    };
    for (char c : message) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '_') word += static_cast<char>(std::tolower(u));
        else flush();
    }
    flush();
    if (slug.size() > 40) {
        slug.resize(40);
        auto cut = slug.rfind('_');
        if (cut != std::string::npos) slug.resize(cut);
        slug += '_';
    }
    return slug.empty() ? id + ".cpp" : id + "_" + slug + ".cpp";
}

std::string revision_source(const revision_header& h, const std::string& upgrade_body,
                            const std::string& downgrade_body) {
    std::string msg = one_line(h.message);
    return "// " + msg +
           "\n//\n"
           "// revision: " + h.id + "\n"
           "// parents:" + comma(h.parents) + "\n"
           "// branch_labels:" + comma(h.branch_labels) + "\n"
           "// depends_on:" + comma(h.depends_on) + "\n"
           "// created: " + h.created + "\n"
           "// message: " + msg + "\n"
           "#include <retort/migration.hpp>\n\n"
           "using namespace retort;\n\n"
           "RETORT_REVISION(" + symbol_for(h.id) + ");\n\n"
           "void upgrade(ops& op) {\n" + upgrade_body +
           "}\n\n"
           "void downgrade(ops& op) {\n" + downgrade_body +
           "}\n";
}

std::string new_revision_id() {
    std::random_device rd;
    std::uniform_int_distribution<int> digit(0, 15);
    std::string id;
    for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[digit(rd)];
    return id;
}

}  // namespace retort::gen
