#include "core/checksum.hpp"

#include "core/errors.hpp"

#include <retort/canonical.hpp>
#include <retort/operations.hpp>

#include <openssl/evp.h>

#include <exception>

namespace retort {

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw error("OpenSSL could not compute a SHA-256 digest");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string revision_checksum(const std::string& id, const revision_body& body) {
    try {
        return sha256_hex("upgrade\n" + canonical_text(record(body.upgrade)) + "downgrade\n" +
                          canonical_text(record(body.downgrade)));
    } catch (const std::exception& e) {
        throw error("revision " + id + ": cannot take its checksum, its body threw: " + e.what());
    }
}

}  // namespace retort
