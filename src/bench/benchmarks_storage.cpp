// Storage: bytes per table and its indexes, the normalized tables against the wide copy.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "generate/statistics.hpp"
#include "report/text_table.hpp"
#include "util/interrupt.hpp"

namespace migrator::bench::benchmarks {
namespace {

// The normalized tables receipt_items_wide copies, then the two derived relations.
constexpr std::string_view k_normalized[] = {"vendors",   "product_categories", "products",
                                             "job_sites", "receipts",           "receipt_items"};
constexpr std::string_view k_wide = "receipt_items_wide";
constexpr std::string_view k_summary = "spend_summary";

struct Size {
  std::int64_t table = 0;
  std::int64_t indexes = 0;
  std::int64_t total() const { return table + indexes; }
};

std::int64_t number(const db::Cell& cell) { return cell ? std::stoll(*cell) : 0; }

std::string quoted_list() {
  std::string out;
  for (const auto name : k_normalized) {
    out += fmt::format("'{}', ", name);
  }
  return out + fmt::format("'{}', '{}'", k_wide, k_summary);
}

// pg_total_relation_size: the heap, its TOAST and every index.
std::map<std::string, Size> postgres_sizes(db::Connection& db) {
  std::map<std::string, Size> sizes;
  for (const auto& row : db.query("SELECT relname, pg_table_size(oid), pg_total_relation_size(oid) - "
                                  "pg_table_size(oid) FROM pg_class WHERE relname IN (" +
                                  quoted_list() + ") AND relkind IN ('r', 'm')")
                             .rows) {
    sizes[*row[0]] = {number(row[1]), number(row[2])};
  }
  return sizes;
}

// The dbstat virtual table: the pages of every table and index, indexes added to their table.
std::map<std::string, Size> sqlite_sizes(db::Connection& db) {
  std::map<std::string, Size> sizes;
  for (const auto& row : db.query("SELECT s.tbl_name, s.type, sum(d.pgsize) FROM dbstat d "
                                  "JOIN sqlite_schema s ON s.name = d.name WHERE s.tbl_name IN (" +
                                  quoted_list() + ") GROUP BY s.tbl_name, s.type")
                             .rows) {
    auto& size = sizes[*row[0]];
    (*row[1] == "index" ? size.indexes : size.table) += number(row[2]);
  }
  return sizes;
}

std::string megabytes(std::int64_t bytes) { return fmt::format("{:.2f}", static_cast<double>(bytes) / (1024.0 * 1024.0)); }

}  // namespace

void measure_storage(BenchContext& ctx, db::Connection& db) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  std::map<std::string, Size> sizes;
  std::string method = postgres ? "pg_table_size + indexes = pg_total_relation_size" : "dbstat";
  if (postgres) {
    sizes = postgres_sizes(db);
  } else {
    try {
      sizes = sqlite_sizes(db);
    } catch (const db::SqlError&) {
      util::stop_if_interrupted();  // a cancelled statement is not a missing dbstat
      method.clear();  // this SQLite was built without dbstat
    }
  }
  if (method.empty()) {
    const auto file = number(db.query("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
                                 .rows.at(0).at(0));
    ctx.print(fmt::format("Storage: this SQLite has no dbstat table, so no size per table; the whole file is {} MB\n",
                          megabytes(file)));
    ctx.results["storage"] = {{"method", "file"}, {"file_bytes", file}};
    return;
  }

  report::TextTable table({{"TABLE"},
                           {"ROWS", report::Align::right},
                           {"TABLE MB", report::Align::right},
                           {"INDEXES MB", report::Align::right},
                           {"TOTAL MB", report::Align::right}});
  auto tables = nlohmann::json::array();
  const auto add = [&](std::string_view name, std::optional<std::int64_t> rows, const Size& size) {
    table.add_row({std::string(name), rows ? generate::format_count(static_cast<std::uint64_t>(*rows)) : "",
                   megabytes(size.table), megabytes(size.indexes), megabytes(size.total())});
  };
  const auto measure = [&](std::string_view name) {
    const auto rows = number(db.query(fmt::format("SELECT count(*) FROM {}", name)).rows.at(0).at(0));
    const auto size = sizes[std::string(name)];
    add(name, rows, size);
    tables.push_back({{"table", name},
                      {"rows", rows},
                      {"table_bytes", size.table},
                      {"index_bytes", size.indexes},
                      {"total_bytes", size.total()}});
    return size;
  };
  Size normalized;
  for (const auto name : k_normalized) {
    const auto size = measure(name);
    normalized.table += size.table;
    normalized.indexes += size.indexes;
  }
  add("normalized, these 6 tables", std::nullopt, normalized);
  const auto wide = measure(k_wide);
  measure(k_summary);
  const double ratio =
      normalized.total() > 0 ? static_cast<double>(wide.total()) / static_cast<double>(normalized.total()) : 0.0;
  ctx.print(fmt::format("Storage ({}): the receipt lines as one wide table take {:.1f} times the space of "
                        "the normalized tables",
                        method, ratio));
  ctx.print(table.render());
  ctx.results["storage"] = {{"method", method},
                            {"tables", tables},
                            {"normalized_bytes", normalized.total()},
                            {"denormalized_bytes", wide.total()},
                            {"denormalized_over_normalized", ratio}};
}

}  // namespace migrator::bench::benchmarks
