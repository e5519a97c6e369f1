// Acknowledged lint rules: kept apart from the operations, so acknowledging a warning does not
// change a revision's checksum.
#include <retort/operations.hpp>

#include <utility>

namespace retort {

void ops::acknowledge(std::string rule, std::string reason, here where) {
    m_list->acknowledgements.push_back(
        {std::move(rule), std::move(reason), {where.file_name(), static_cast<unsigned>(where.line())}});
}

std::vector<acknowledgement> record_acknowledgements(void (*fn)(ops&)) {
    detail::op_list list;
    ops recorder{list};
    fn(recorder);
    return std::move(list.acknowledgements);
}

}  // namespace retort
