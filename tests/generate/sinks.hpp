#pragma once
// Row sinks for generator tests: call a function per row, or count rows and fold them into a
// checksum. Values are read in the call, as RowSink promises nothing beyond it.
#include <cstdint>
#include <functional>
#include <span>
#include <variant>

#include "generate/generator.hpp"

namespace migrator::test {

class FunctionSink : public generate::RowSink {
 public:
  explicit FunctionSink(std::function<void(std::span<const db::Value>)> fn) : m_fn(std::move(fn)) {}
  void row(std::span<const db::Value> values) override { m_fn(values); }

 private:
  std::function<void(std::span<const db::Value>)> m_fn;
};

// Counts rows and hashes every value (FNV-1a over a canonical encoding); allocates nothing.
class ChecksumSink : public generate::RowSink {
 public:
  void row(std::span<const db::Value> values) override;
  std::uint64_t rows = 0;
  std::uint64_t checksum = 14695981039346656037ULL;

 private:
  void mix(std::uint64_t x);
};

inline std::int64_t as_int(const db::Value& v) { return std::get<std::int64_t>(v); }
inline std::int64_t as_cents(const db::Value& v) {
  const auto d = std::get<db::Decimal>(v);
  return d.scale == 2 ? d.units : -1;  // -1 fails any range check: money has two decimals
}

}  // namespace migrator::test
