// The dotted-version code (see the header). Below the marker bit, a key is a string of bits
// read from bit 61 down: for each part a 1, then the part's bit width in 6 bits, then the
// part's bits after its leading 1 (0 has width 0 and 1 has width 1, so neither needs
// more); a 0 ends the list, and the rest is 0. Compared as integers, two such strings compare as
// Flyway compares versions: a longer list with the same leading parts is the greater
// (1.1 > 1), a wider part is the greater, and equal widths compare by their bits.
#include "core/migration_version.hpp"

#include <bit>
#include <charconv>

namespace migrator::core {
namespace {

constexpr int k_code_bits = 62;  // bits 61..0; bit 62 marks a dotted key, bit 63 stays 0
constexpr Version k_dotted_mark = Version{1} << k_code_bits;
constexpr int k_width_bits = 6;

// Writes bits into the code from the top down.
class BitWriter {
 public:
  bool put(std::uint64_t value, int count) {
    if (count > m_free) {
      return false;
    }
    m_free -= count;
    if (count > 0) {
      m_code |= (value & ((std::uint64_t{1} << count) - 1)) << m_free;
    }
    return true;
  }
  std::uint64_t code() const { return m_code; }

 private:
  std::uint64_t m_code = 0;
  int m_free = k_code_bits;
};

class BitReader {
 public:
  explicit BitReader(std::uint64_t code) : m_code(code) {}
  std::uint64_t take(int count) {
    if (count > m_left) {
      count = m_left;  // only a key that was never made by dotted_version gets here
    }
    m_left -= count;
    return count == 0 ? 0 : (m_code >> m_left) & ((std::uint64_t{1} << count) - 1);
  }
  bool empty() const { return m_left == 0; }

 private:
  std::uint64_t m_code;
  int m_left = k_code_bits;
};

}  // namespace

bool is_dotted(Version version) { return (version & k_dotted_mark) != 0; }

std::optional<std::vector<std::uint64_t>> version_parts(std::string_view text) {
  std::vector<std::uint64_t> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find_first_of("._", start);
    const auto piece = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::uint64_t value = 0;
    const auto [stop, error] = std::from_chars(piece.data(), piece.data() + piece.size(), value);
    if (piece.empty() || error != std::errc{} || stop != piece.data() + piece.size() ||
        std::bit_width(value) > k_code_bits) {
      return std::nullopt;
    }
    parts.push_back(value);
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

std::optional<Version> dotted_version(std::span<const std::uint64_t> parts) {
  BitWriter out;
  for (const auto part : parts) {
    const auto width = static_cast<int>(std::bit_width(part));
    if (!out.put(1, 1) || !out.put(static_cast<std::uint64_t>(width), k_width_bits) ||
        !out.put(part, std::max(width - 1, 0))) {
      return std::nullopt;
    }
  }
  if (!out.put(0, 1)) {
    return std::nullopt;
  }
  return k_dotted_mark | static_cast<Version>(out.code());
}

Version as_dotted(Version version) {
  if (is_dotted(version) || version < 0) {
    return version;
  }
  const std::uint64_t part = static_cast<std::uint64_t>(version);
  return dotted_version(std::span(&part, 1)).value_or(version);
}

std::string version_text(Version version) {
  if (!is_dotted(version) || version < 0) {
    return std::to_string(version);
  }
  BitReader in(static_cast<std::uint64_t>(version & (k_dotted_mark - 1)));
  std::string text;
  while (!in.empty() && in.take(1) == 1) {
    const auto width = static_cast<int>(in.take(k_width_bits));
    const auto part = width == 0 ? 0 : (std::uint64_t{1} << (width - 1)) | in.take(width - 1);
    text += (text.empty() ? "" : ".") + std::to_string(part);
  }
  return text;
}

std::string version_heading(Version version) {
  auto text = version_text(version);
  return is_dotted(version) || text.size() >= 3 ? text : std::string(3 - text.size(), '0') + text;
}

}  // namespace migrator::core
