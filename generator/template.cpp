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
    // As Alembic: the message's words joined by '_', lower-cased, at most 40 characters.
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
        // Whole words only: up to the last '_' within the first 40 characters, unless a word ends
        // exactly at 40 (Alembic cuts that word too and leaves a trailing '_'). A first word longer
        // than 40 characters is cut at 40.
        auto cut = slug[40] == '_' ? std::string::size_type(40) : slug.rfind('_', 40);
        slug.resize(cut == std::string::npos || cut == 0 ? 40 : cut);
    }
    return slug.empty() ? id + ".cpp" : id + "_" + slug + ".cpp";
}

std::string header_block(const revision_header& h) {
    std::string msg = one_line(h.message);
    return "// " + msg +
           "\n//\n"
           "// revision: " + h.id + "\n"
           "// parents:" + comma(h.parents) + "\n"
           "// branch_labels:" + comma(h.branch_labels) + "\n"
           "// depends_on:" + comma(h.depends_on) + "\n"
           "// created: " + h.created + "\n"
           "// message: " + msg;
}

std::string default_template() {
    return "@HEADER@\n"
           "#include <retort/migration.hpp>\n\n"
           "using namespace retort;\n\n"
           "RETORT_REVISION(@SYMBOL@);\n\n"
           "void upgrade(ops& op) {\n"
           "@UPGRADE@}\n\n"
           "void downgrade(ops& op) {\n"
           "@DOWNGRADE@}\n";
}

std::string revision_source(const revision_header& h, const std::string& template_text,
                            const std::string& upgrade_body, const std::string& downgrade_body) {
    const std::pair<std::string, std::string> fields[] = {
        {"@HEADER@", header_block(h)},      {"@SYMBOL@", symbol_for(h.id)},      {"@REVISION@", h.id},
        {"@MESSAGE@", one_line(h.message)}, {"@CREATED@", h.created},            {"@UPGRADE@", upgrade_body},
        {"@DOWNGRADE@", downgrade_body}};
    std::string out;
    for (std::size_t i = 0; i < template_text.size();) {
        bool replaced = false;
        for (const auto& [name, value] : fields)
            if (template_text.compare(i, name.size(), name) == 0) {
                out += value;
                i += name.size();
                replaced = true;
                break;
            }
        if (!replaced) out += template_text[i++];
    }
    return out;
}

std::string new_revision_id() {
    std::random_device rd;
    std::uniform_int_distribution<int> digit(0, 15);
    std::string id;
    for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[digit(rd)];
    return id;
}

}  // namespace retort::gen
