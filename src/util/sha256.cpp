#include "util/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace migrator::util {

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0xf];
  }
  return out;
}

std::string sha256_hex_normalized(std::string_view text) {
  auto cr = text.find('\r');
  if (cr == std::string_view::npos) {
    return sha256_hex(text);  // the usual file: nothing to normalize, nothing to copy
  }
  std::string normalized;
  normalized.reserve(text.size());
  std::size_t from = 0;
  for (; cr != std::string_view::npos; cr = text.find('\r', from)) {
    normalized.append(text.substr(from, cr - from));
    normalized += '\n';
    from = cr + (cr + 1 < text.size() && text[cr + 1] == '\n' ? 2 : 1);
  }
  normalized.append(text.substr(from));
  return sha256_hex(normalized);
}

void RunningSha256::Free::operator()(evp_md_ctx_st* ctx) const {
  EVP_MD_CTX_free(ctx);
}

RunningSha256::RunningSha256() : m_ctx(EVP_MD_CTX_new()) {
  if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}

void RunningSha256::update(std::string_view data) {
  if (EVP_DigestUpdate(m_ctx.get(), data.data(), data.size()) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
}

std::string RunningSha256::base64() const {
  // Finishing a digest ends its context: finish a copy, and this one goes on.
  std::unique_ptr<evp_md_ctx_st, Free> copy(EVP_MD_CTX_new());
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!copy || EVP_MD_CTX_copy_ex(copy.get(), m_ctx.get()) != 1 ||
      EVP_DigestFinal_ex(copy.get(), digest.data(), &length) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::string out(4 * ((length + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest.data(), static_cast<int>(length));
  return out;
}

}  // namespace migrator::util
