#include "generate/reference_data.hpp"

namespace migrator::generate {
namespace {

constexpr std::int64_t dollars(std::int64_t d) { return d * 100; }

constexpr std::array k_categories{
    CategoryInfo{"tools", "Power and hand tools; they lose value as they wear", 20},
    CategoryInfo{"materials", "Lumber, sheet goods, concrete, roofing, plumbing and electrical", 5},
    CategoryInfo{"consumables", "Paint, fasteners, adhesives and abrasives used up on the job", 0},
};

// Eleven named by the seed document, and True Value, Sherwin-Williams and White Cap.
constexpr std::array k_vendors{
    VendorInfo{"Home Depot", "big_box", "homedepot.com", 50, 20, {30, 40, 30}},
    VendorInfo{"Lowes", "big_box", "lowes.com", 52, 16, {30, 40, 30}},
    VendorInfo{"Menards", "big_box", "menards.com", 35, 8, {25, 45, 30}},
    VendorInfo{"Ace Hardware", "hardware", "acehardware.com", 72, 6, {35, 20, 45}},
    VendorInfo{"Harbor Freight Tools", "tools", "harborfreight.com", 8, 6, {70, 0, 30}},
    VendorInfo{"Northern Tool", "tools", "northerntool.com", 45, 4, {70, 5, 25}},
    VendorInfo{"Lumber Liquidators", "lumber", "lumberliquidators.com", 40, 3, {0, 85, 15}},
    VendorInfo{"84 Lumber", "lumber", "84lumber.com", 30, 6, {5, 85, 10}},
    VendorInfo{"Fastenal", "industrial", "fastenal.com", 65, 5, {25, 10, 65}},
    VendorInfo{"Grainger", "industrial", "grainger.com", 78, 5, {40, 10, 50}},
    VendorInfo{"McMaster-Carr", "industrial", "mcmaster.com", 90, 4, {40, 15, 45}},
    VendorInfo{"True Value", "hardware", "truevalue.com", 68, 4, {30, 25, 45}},
    VendorInfo{"Sherwin-Williams", "paint", "sherwin-williams.com", 60, 5, {0, 0, 100}},
    VendorInfo{"White Cap", "contractor_supply", "whitecap.com", 55, 5, {25, 50, 25}},
};

constexpr std::array k_products{
    // Tools: a bulk order kits out a crew.
    ProductInfo{tools, "DeWalt 20V Drill", "each", dollars(150), dollars(200), 2, 12},
    ProductInfo{tools, "Milwaukee Impact Driver", "each", dollars(180), dollars(250), 2, 12},
    ProductInfo{tools, "Makita Circular Saw", "each", dollars(200), dollars(300), 2, 8},
    ProductInfo{tools, "DeWalt 12in Miter Saw", "each", dollars(399), dollars(629), 2, 6},
    ProductInfo{tools, "Milwaukee Sawzall Reciprocating Saw", "each", dollars(159), dollars(249), 2,
                8},
    ProductInfo{tools, "Bosch Rotary Hammer", "each", dollars(249), dollars(399), 2, 6},
    ProductInfo{tools, "Ryobi Random Orbit Sander", "each", dollars(49), dollars(89), 2, 12},
    ProductInfo{tools, "Stanley FatMax Tape Measure 25ft", "each", dollars(15), dollars(30), 4, 24},
    ProductInfo{tools, "Empire 48in Box Level", "each", dollars(35), dollars(65), 2, 12},
    ProductInfo{tools, "Estwing 22oz Framing Hammer", "each", dollars(30), dollars(50), 4, 24},
    ProductInfo{tools, "Werner 6ft Fiberglass Ladder", "each", dollars(129), dollars(199), 2, 8},
    ProductInfo{tools, "Husky Mechanics Tool Set", "set", dollars(99), dollars(179), 2, 6},
    // Materials: a bulk order is a job's delivery.
    ProductInfo{materials, "2x4 Lumber 8ft", "piece", dollars(5), dollars(12), 50, 400},
    ProductInfo{materials, "2x6 Lumber 10ft", "piece", dollars(9), dollars(18), 40, 300},
    ProductInfo{materials, "Plywood Sheet 4x8", "sheet", dollars(40), dollars(80), 10, 120},
    ProductInfo{materials, "OSB Sheet 4x8", "sheet", dollars(18), dollars(35), 10, 150},
    ProductInfo{materials, "Drywall Sheet 4x8", "sheet", dollars(12), dollars(20), 20, 200},
    ProductInfo{materials, "Concrete Mix 80lb", "bag", dollars(8), dollars(15), 20, 160},
    ProductInfo{materials, "Rebar #4 20ft", "piece", dollars(10), dollars(18), 20, 200},
    ProductInfo{materials, "Asphalt Shingles Bundle", "bundle", dollars(30), dollars(45), 15, 120},
    ProductInfo{materials, "R-13 Insulation Roll", "roll", dollars(45), dollars(70), 5, 60},
    ProductInfo{materials, "PVC Pipe 2in 10ft", "piece", dollars(12), dollars(22), 10, 80},
    ProductInfo{materials, "Romex 12/2 Wire 250ft", "roll", dollars(90), dollars(160), 2, 20},
    ProductInfo{materials, "Concrete Block 8x8x16", "block", dollars(2), dollars(4), 100, 600},
    // Consumables.
    ProductInfo{consumables, "Paint Gallon", "gallon", dollars(25), dollars(50), 5, 60},
    ProductInfo{consumables, "Wood Stain Quart", "quart", dollars(15), dollars(30), 4, 40},
    ProductInfo{consumables, "Caulk Tube", "tube", dollars(5), dollars(10), 12, 96},
    ProductInfo{consumables, "Drywall Screws 5lb Box", "box", dollars(20), dollars(35), 4, 40},
    ProductInfo{consumables, "Framing Nails 30lb Box", "box", dollars(55), dollars(90), 2, 20},
    ProductInfo{consumables, "Construction Adhesive Tube", "tube", dollars(4), dollars(9), 12, 96},
    ProductInfo{consumables, "Sandpaper Assortment Pack", "pack", dollars(10), dollars(20), 5, 50},
    ProductInfo{consumables, "Painter's Tape Roll", "roll", dollars(6), dollars(12), 12, 72},
    ProductInfo{consumables, "Circular Saw Blade 7-1/4in", "each", dollars(15), dollars(40), 5, 30},
    ProductInfo{consumables, "Drill Bit Set", "set", dollars(20), dollars(45), 2, 12},
    ProductInfo{consumables, "Work Gloves", "pair", dollars(8), dollars(20), 12, 72},
    ProductInfo{consumables, "Safety Glasses", "each", dollars(5), dollars(15), 10, 60},
};

constexpr std::array k_job_sites{
    JobSiteInfo{"Central Equipment Yard", "Columbus", "OH", "yard"},
    JobSiteInfo{"Maple Ridge Subdivision", "Dublin", "OH", "residential"},
    JobSiteInfo{"Riverside Apartments", "Cincinnati", "OH", "residential"},
    JobSiteInfo{"Downtown Office Tower", "Cleveland", "OH", "commercial"},
    JobSiteInfo{"Lakeside Medical Center", "Toledo", "OH", "commercial"},
    JobSiteInfo{"Northgate School Addition", "Dayton", "OH", "institutional"},
    JobSiteInfo{"Harbor View Condos", "Sandusky", "OH", "residential"},
    JobSiteInfo{"Cedar Park Retail Plaza", "Akron", "OH", "commercial"},
    JobSiteInfo{"Hillcrest Custom Home", "Westerville", "OH", "residential"},
    JobSiteInfo{"Westfield Distribution Warehouse", "Grove City", "OH", "industrial"},
    JobSiteInfo{"Pine Valley Townhomes", "Fort Wayne", "IN", "residential"},
    JobSiteInfo{"Oak Street Renovation", "Ann Arbor", "MI", "renovation"},
};

constexpr auto k_vendor_popularity = [] {
  std::array<int, k_vendors.size()> out{};
  for (std::size_t i = 0; i < k_vendors.size(); ++i) {
    out[i] = k_vendors[i].popularity;
  }
  return out;
}();

constexpr std::array<std::string_view, 4> k_payment_methods{"company_card", "trade_account",
                                                            "purchase_order", "cash"};

template <Category C>
constexpr auto product_indexes() {
  constexpr auto count = [] {
    std::size_t n = 0;
    for (const auto& p : k_products) {
      n += p.category == C ? 1 : 0;
    }
    return n;
  }();
  std::array<int, count> out{};
  std::size_t next = 0;
  for (std::size_t i = 0; i < k_products.size(); ++i) {
    if (k_products[i].category == C) {
      out[next++] = static_cast<int>(i);
    }
  }
  return out;
}

constexpr auto k_tools = product_indexes<tools>();
constexpr auto k_materials = product_indexes<materials>();
constexpr auto k_consumables = product_indexes<consumables>();

}  // namespace

std::span<const CategoryInfo> categories() { return k_categories; }
std::span<const VendorInfo> vendors() { return k_vendors; }
std::span<const ProductInfo> products() { return k_products; }
std::span<const JobSiteInfo> job_sites() { return k_job_sites; }
std::span<const int> vendor_popularity() { return k_vendor_popularity; }
std::span<const std::string_view> payment_methods() { return k_payment_methods; }

std::span<const int> products_in(Category category) {
  switch (category) {
    case tools:
      return k_tools;
    case materials:
      return k_materials;
    case consumables:
      return k_consumables;
  }
  return {};
}

}  // namespace migrator::generate
