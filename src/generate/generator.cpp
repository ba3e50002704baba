#include "generate/generator.hpp"

#include <algorithm>

#include "generate/random.hpp"
#include "generate/reference_data.hpp"

namespace migrator::generate {
namespace {

using namespace std::string_view_literals;

constexpr std::array k_vendor_columns{"id"sv, "name"sv, "vendor_type"sv, "website"sv,
                                      "price_level"sv};
constexpr std::array k_category_columns{"id"sv, "name"sv, "description"sv,
                                        "annual_depreciation_percent"sv};
constexpr std::array k_product_columns{"id"sv,   "category_id"sv, "name"sv,
                                       "unit"sv, "min_price"sv,   "max_price"sv};
constexpr std::array k_job_site_columns{"id"sv, "name"sv, "city"sv, "state"sv, "site_type"sv};
constexpr std::array k_receipt_columns{"id"sv,           "vendor_id"sv,      "job_site_id"sv,
                                       "purchase_date"sv, "payment_method"sv, "total_amount"sv};
constexpr std::array k_receipt_item_columns{"id"sv,       "receipt_id"sv, "product_id"sv,
                                            "quantity"sv, "unit_price"sv, "line_total"sv};
constexpr std::array k_inventory_columns{"id"sv,         "product_id"sv, "job_site_id"sv,
                                         "acquired_on"sv, "quantity"sv,  "unit_cost"sv,
                                         "total_cost"sv,  "book_value"sv};
constexpr std::array k_valuation_columns{"id"sv,        "inventory_id"sv,      "valued_on"sv,
                                         "inflation_percent"sv, "market_unit_price"sv,
                                         "market_value"sv};
constexpr std::array k_movement_columns{"id"sv,      "inventory_id"sv, "from_job_site_id"sv,
                                        "to_job_site_id"sv, "moved_on"sv, "reason"sv};

constexpr std::array k_tables{
    TableSpec{Table::vendors, "vendors", k_vendor_columns},
    TableSpec{Table::product_categories, "product_categories", k_category_columns},
    TableSpec{Table::products, "products", k_product_columns},
    TableSpec{Table::job_sites, "job_sites", k_job_site_columns},
    TableSpec{Table::receipts, "receipts", k_receipt_columns},
    TableSpec{Table::receipt_items, "receipt_items", k_receipt_item_columns},
    TableSpec{Table::inventory, "inventory", k_inventory_columns},
    TableSpec{Table::market_valuations, "market_valuations", k_valuation_columns},
    TableSpec{Table::asset_movements, "asset_movements", k_movement_columns},
};

// Independent random streams, one per table drawn at random.
enum Stream : std::uint64_t { receipt_stream = 1, inventory_stream, valuation_stream, movement_stream };

// Construction season: spring and summer carry most purchases (January .. December).
constexpr std::array k_month_weight{4, 5, 8, 11, 13, 13, 12, 12, 10, 8, 5, 4};
// Monday .. Sunday: crews buy on weekdays, some on Saturday, few on Sunday.
constexpr std::array k_weekday_weight{10, 10, 10, 10, 10, 6, 2};

constexpr int k_bulk_percent = 40;
constexpr std::array k_bulk_payment_weight{20, 45, 35, 0};   // card, account, PO, cash
constexpr std::array k_single_payment_weight{55, 25, 5, 15};
constexpr std::array k_inventory_category_weight{35, 45, 20};  // tools, materials, consumables
constexpr std::array<std::string_view, 4> k_move_reasons{"job_start", "job_complete", "rebalance",
                                                          "repair"};
constexpr std::array k_move_reason_weight{40, 30, 20, 10};

int pick_index(Random& rng, std::size_t count) {
  return static_cast<int>(rng.uniform(0, static_cast<std::int64_t>(count) - 1));
}

int pick_product(Random& rng, std::span<const int> category_weights) {
  const auto category = static_cast<Category>(rng.weighted(category_weights));
  const auto list = products_in(category);
  return list[static_cast<std::size_t>(pick_index(rng, list.size()))];
}

// A price inside the product's range: the vendor's level within it, give or take a tenth of
// the range, never outside it.
std::int64_t price_cents(const ProductInfo& p, int level, Random& rng) {
  const auto range = p.max_cents - p.min_cents;
  const auto base = p.min_cents + range * level / 100;
  const auto spread = range / 10;
  return std::clamp(base + rng.uniform(-spread, spread), p.min_cents, p.max_cents);
}

// Straight-line depreciation at `percent` a year over `days`, rounded half up, never below 0.
std::int64_t depreciated(std::int64_t cents, int percent, std::int64_t days) {
  const auto left = std::max<std::int64_t>(0, 36500 - percent * days);
  return (cents * left + 18250) / 36500;
}

db::Value money(std::int64_t cents) { return db::Decimal{cents, 2}; }
db::Value id(std::uint64_t n) { return static_cast<std::int64_t>(n); }
// The id of a reference row from its index in reference_data.
db::Value key_of(int index) { return static_cast<std::int64_t>(index) + 1; }

}  // namespace

std::span<const TableSpec> tables() { return k_tables; }

const TableSpec& table_spec(Table table) {
  return k_tables[static_cast<std::size_t>(table)];
}

Generator::Generator(const Config& config) : m_config(config) {
  std::int64_t sum = 0;
  for (Day day = config.first_day(); day <= config.last_day(); ++day) {
    const auto date = to_date(day);
    sum += k_month_weight[static_cast<std::size_t>(date.month - 1)] *
           k_weekday_weight[static_cast<std::size_t>(iso_weekday(day) - 1)];
    m_cumulative_weight.push_back(sum);
  }
}

Day Generator::seasonal_day(std::int64_t position) const {
  const auto it =
      std::upper_bound(m_cumulative_weight.begin(), m_cumulative_weight.end(), position);
  return m_config.first_day() + (it - m_cumulative_weight.begin());
}

// Receipts are numbered in date order, as a real system would issue them: receipt i sits at
// the middle of its 1/n share of the year's weight, so the seasons show at any count.
Day Generator::receipt_day(std::uint64_t index) const {
  const auto total = m_cumulative_weight.back();
  const auto n = static_cast<std::int64_t>(m_config.receipts);
  const auto position = (2 * static_cast<std::int64_t>(index) + 1) * total / (2 * n);
  return seasonal_day(position);
}

// The first draws of a receipt, shared with the line count pass of expected_rows().
void Generator::draw_header(Random& rng, Receipt& r) {
  r.vendor = static_cast<int>(rng.weighted(vendor_popularity()));
  r.job_site = pick_index(rng, job_sites().size());
  r.bulk = rng.chance(k_bulk_percent);
  r.line_count = static_cast<int>(r.bulk ? rng.uniform(2, k_max_lines) : rng.uniform(1, 3));
}

Generator::Receipt Generator::receipt(std::uint64_t index) const {
  auto rng = Random::for_row(m_config.seed, receipt_stream, index);
  Receipt r;
  draw_header(rng, r);
  r.payment = static_cast<int>(
      rng.weighted(r.bulk ? std::span<const int>(k_bulk_payment_weight) : k_single_payment_weight));
  r.day = receipt_day(index);
  const auto& vendor = vendors()[static_cast<std::size_t>(r.vendor)];
  for (int i = 0; i < r.line_count; ++i) {
    auto& line = r.lines[static_cast<std::size_t>(i)];
    line.product = pick_product(rng, vendor.category_mix);
    const auto& product = products()[static_cast<std::size_t>(line.product)];
    line.quantity = r.bulk ? rng.uniform(product.bulk_min, product.bulk_max)
                           : rng.uniform(1, std::max<std::int64_t>(1, product.bulk_min / 4));
    line.unit_cents = price_cents(product, vendor.price_level, rng);
    r.total_cents += line.quantity * line.unit_cents;
  }
  return r;
}

Generator::InventoryItem Generator::inventory_item(std::uint64_t index) const {
  auto rng = Random::for_row(m_config.seed, inventory_stream, index);
  InventoryItem item;
  item.product = pick_product(rng, k_inventory_category_weight);
  item.job_site = pick_index(rng, job_sites().size());
  item.acquired = seasonal_day(rng.uniform(0, m_cumulative_weight.back() - 1));
  const auto& product = products()[static_cast<std::size_t>(item.product)];
  item.quantity = rng.uniform(product.category == tools ? 1 : product.bulk_min, product.bulk_max);
  item.unit_cents = price_cents(product, static_cast<int>(rng.uniform(0, 100)), rng);
  item.total_cents = item.quantity * item.unit_cents;
  const auto rate = categories()[static_cast<std::size_t>(product.category)]
                        .annual_depreciation_percent;
  item.book_cents = depreciated(item.total_cents, rate, m_config.last_day() - item.acquired);
  return item;
}

std::uint64_t Generator::expected_rows(Table table) const {
  switch (table) {
    case Table::vendors:
      return vendors().size();
    case Table::product_categories:
      return categories().size();
    case Table::products:
      return products().size();
    case Table::job_sites:
      return job_sites().size();
    case Table::receipts:
      return m_config.receipts;
    case Table::receipt_items: {
      std::uint64_t lines = 0;
      for (std::uint64_t i = 0; i < m_config.receipts; ++i) {
        auto rng = Random::for_row(m_config.seed, receipt_stream, i);
        Receipt r;
        draw_header(rng, r);
        lines += static_cast<std::uint64_t>(r.line_count);
      }
      return lines;
    }
    case Table::inventory:
      return m_config.inventory;
    case Table::market_valuations:
      return m_config.valuations();
    case Table::asset_movements:
      return m_config.movements();
  }
  return 0;
}

std::uint64_t Generator::write(Table table, RowSink& sink) {
  switch (table) {
    case Table::vendors:
    case Table::product_categories:
    case Table::products:
    case Table::job_sites:
      return write_reference(table, sink);
    case Table::receipts:
      return write_receipts(sink);
    case Table::receipt_items:
      return write_receipt_items(sink);
    case Table::inventory:
      return write_inventory(sink);
    case Table::market_valuations:
      return write_valuations(sink);
    case Table::asset_movements:
      return write_movements(sink);
  }
  return 0;
}

std::uint64_t Generator::write_reference(Table table, RowSink& sink) const {
  std::uint64_t rows = 0;
  const auto emit = [&](std::initializer_list<db::Value> values) {
    sink.row(std::span<const db::Value>(values.begin(), values.size()));
    ++rows;
  };
  if (table == Table::vendors) {
    for (const auto& v : vendors()) {
      emit({id(rows + 1), v.name, v.vendor_type, v.website, std::int64_t{v.price_level}});
    }
  } else if (table == Table::product_categories) {
    for (const auto& c : categories()) {
      emit({id(rows + 1), c.name, c.description, std::int64_t{c.annual_depreciation_percent}});
    }
  } else if (table == Table::products) {
    for (const auto& p : products()) {
      emit({id(rows + 1), key_of(static_cast<int>(p.category)), p.name, p.unit, money(p.min_cents),
            money(p.max_cents)});
    }
  } else {
    for (const auto& s : job_sites()) {
      emit({id(rows + 1), s.name, s.city, s.state, s.site_type});
    }
  }
  return rows;
}

std::uint64_t Generator::write_receipts(RowSink& sink) {
  std::array<db::Value, k_receipt_columns.size()> row;
  for (std::uint64_t i = 0; i < m_config.receipts; ++i) {
    const auto r = receipt(i);
    row = {id(i + 1), key_of(r.vendor), key_of(r.job_site), to_date(r.day),
           payment_methods()[static_cast<std::size_t>(r.payment)], money(r.total_cents)};
    sink.row(row);
    m_totals.total_spent += r.total_cents;
  }
  return m_config.receipts;
}

std::uint64_t Generator::write_receipt_items(RowSink& sink) const {
  std::array<db::Value, k_receipt_item_columns.size()> row;
  std::uint64_t item_id = 0;
  for (std::uint64_t i = 0; i < m_config.receipts; ++i) {
    const auto r = receipt(i);
    for (int l = 0; l < r.line_count; ++l) {
      const auto& line = r.lines[static_cast<std::size_t>(l)];
      row = {id(++item_id), id(i + 1), key_of(line.product), line.quantity, money(line.unit_cents),
             money(line.quantity * line.unit_cents)};
      sink.row(row);
    }
  }
  return item_id;
}

std::uint64_t Generator::write_inventory(RowSink& sink) {
  std::array<db::Value, k_inventory_columns.size()> row;
  for (std::uint64_t i = 0; i < m_config.inventory; ++i) {
    const auto item = inventory_item(i);
    row = {id(i + 1),           key_of(item.product),    key_of(item.job_site),
           to_date(item.acquired), item.quantity,        money(item.unit_cents),
           money(item.total_cents), money(item.book_cents)};
    sink.row(row);
    m_totals.inventory_cost += item.total_cents;
    m_totals.inventory_value += item.book_cents;
  }
  return m_config.inventory;
}

// Valuation j values item j*n/v: v <= n distinct items spread over the whole inventory. The
// market price is the cost plus 20.00% to 50.00% inflation, rounded half up to the cent.
std::uint64_t Generator::write_valuations(RowSink& sink) {
  std::array<db::Value, k_valuation_columns.size()> row;
  const auto count = m_config.valuations();
  for (std::uint64_t j = 0; j < count; ++j) {
    const auto item_index = j * m_config.inventory / count;
    const auto item = inventory_item(item_index);
    auto rng = Random::for_row(m_config.seed, valuation_stream, j);
    const auto basis_points = rng.uniform(2000, 5000);
    const auto valued = rng.uniform(item.acquired, m_config.last_day());
    const auto market_unit = (item.unit_cents * (10000 + basis_points) + 5000) / 10000;
    const auto market_value = item.quantity * market_unit;
    row = {id(j + 1),     id(item_index + 1),   to_date(valued), db::Decimal{basis_points, 2},
           money(market_unit), money(market_value)};
    sink.row(row);
    m_totals.inflation_gains += market_value - item.total_cents;
  }
  return count;
}

// Movement j moves item j*n/m from another site to the one it is at now.
std::uint64_t Generator::write_movements(RowSink& sink) const {
  std::array<db::Value, k_movement_columns.size()> row;
  const auto count = m_config.movements();
  const auto site_count = job_sites().size();
  for (std::uint64_t j = 0; j < count; ++j) {
    const auto item_index = j * m_config.inventory / count;
    const auto item = inventory_item(item_index);
    auto rng = Random::for_row(m_config.seed, movement_stream, j);
    auto from = pick_index(rng, site_count - 1);
    if (from >= item.job_site) {
      ++from;
    }
    const auto moved = rng.uniform(item.acquired, m_config.last_day());
    const auto reason = k_move_reasons[rng.weighted(k_move_reason_weight)];
    row = {id(j + 1), id(item_index + 1), key_of(from), key_of(item.job_site), to_date(moved), reason};
    sink.row(row);
  }
  return count;
}

}  // namespace migrator::generate
