#include "generate/sinks.hpp"

namespace migrator::test {

void ChecksumSink::mix(std::uint64_t x) {
  for (int i = 0; i < 8; ++i) {
    checksum ^= (x >> (8 * i)) & 0xffU;
    checksum *= 1099511628211ULL;
  }
}

void ChecksumSink::row(std::span<const db::Value> values) {
  ++rows;
  for (const auto& v : values) {
    mix(v.index());
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      mix(static_cast<std::uint64_t>(*i));
    } else if (const auto* d = std::get_if<db::Decimal>(&v)) {
      mix(static_cast<std::uint64_t>(d->units));
      mix(static_cast<std::uint64_t>(d->scale));
    } else if (const auto* date = std::get_if<db::Date>(&v)) {
      mix(static_cast<std::uint64_t>(date->year * 10000 + date->month * 100 + date->day));
    } else if (const auto* s = std::get_if<std::string_view>(&v)) {
      for (const char c : *s) {
        mix(static_cast<unsigned char>(c));
      }
    }
  }
}

}  // namespace migrator::test
