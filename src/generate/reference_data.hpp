#pragma once
// The fixed part of the construction data set: vendors, product categories, products and job
// sites. Ids are positions + 1. Prices are in cents; every generated price stays inside its
// product's [min_cents, max_cents].
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace migrator::generate {

enum Category : int { tools = 0, materials = 1, consumables = 2 };
constexpr int k_category_count = 3;

struct CategoryInfo {
  std::string_view name;
  std::string_view description;
  int annual_depreciation_percent;  // straight line, on the inventory's book value
};

struct VendorInfo {
  std::string_view name;
  std::string_view vendor_type;
  std::string_view website;
  // Where this vendor's prices sit inside each product's range: 0 = the minimum, 100 = the
  // maximum (Harbor Freight low, McMaster-Carr high).
  int price_level;
  int popularity;                                  // relative share of receipts
  std::array<int, k_category_count> category_mix;  // relative share of lines per category
};

struct ProductInfo {
  Category category;
  std::string_view name;
  std::string_view unit;
  std::int64_t min_cents;
  std::int64_t max_cents;
  std::int64_t bulk_min;  // the quantity range of a bulk order line
  std::int64_t bulk_max;
};

struct JobSiteInfo {
  std::string_view name;
  std::string_view city;
  std::string_view state;
  std::string_view site_type;
};

std::span<const CategoryInfo> categories();
std::span<const VendorInfo> vendors();
std::span<const ProductInfo> products();
std::span<const JobSiteInfo> job_sites();
// Product indexes (0-based) of one category, in id order.
std::span<const int> products_in(Category category);
// Each vendor's popularity, in id order: the weights receipts pick their vendor by.
std::span<const int> vendor_popularity();
std::span<const std::string_view> payment_methods();

}  // namespace migrator::generate
