#pragma once
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace migrator::util {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Line endings normalized to "\n" first, so a checkout with CRLF keeps the same checksum.
std::string sha256_hex_normalized(std::string_view text);

// A SHA-256 fed piece by piece whose digest can be read at any point: Atlas's atlas.sum
// records the digest of everything up to each file.
class RunningSha256 {
 public:
  RunningSha256();
  void update(std::string_view data);
  std::string base64() const;  // of the digest so far (standard alphabet, padded)

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> m_ctx;
};

}  // namespace migrator::util
