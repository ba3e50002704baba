#include "generate/config.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "plan/operation_spec.hpp"

namespace migrator::generate {
namespace {

// An integer argument within the bounds the plan's operation spec gives it (the loader
// refused any other at file and line; this guards callers that built the args themselves).
std::uint64_t integer_arg(const std::map<std::string, std::string>& args, const std::string& name,
                          std::uint64_t fallback) {
  const auto* spec = plan::find_arg_spec("generate", name);
  const std::uint64_t min = spec != nullptr ? spec->min : 0;
  const std::uint64_t max = spec != nullptr ? spec->max : UINT64_MAX;
  const auto it = args.find(name);
  if (it == args.end()) {
    return fallback;
  }
  std::uint64_t value = 0;
  const auto& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    throw core::UsageError("generate: \"" + name + "\" is \"" + text + "\"",
                           "give a whole number from " + std::to_string(min) + " to " +
                               std::to_string(max));
  }
  return value;
}

std::uint64_t scaled(std::uint64_t count, double scale) {
  return static_cast<std::uint64_t>(std::llround(static_cast<double>(count) * scale));
}

}  // namespace

Config config_from_args(const std::map<std::string, std::string>& args, double scale) {
  if (!(scale > 0) || scale > 1000) {
    throw core::UsageError("generate: scale " + std::to_string(scale) + " is out of range",
                           "give --scale a number above 0 and up to 1000");
  }
  Config c;
  c.receipts = scaled(integer_arg(args, "receipts", c.receipts), scale);
  c.inventory = scaled(integer_arg(args, "inventory", c.inventory), scale);
  c.valuation_percent = static_cast<int>(integer_arg(args, "valuation_percent", 30));
  c.movement_percent = static_cast<int>(integer_arg(args, "movement_percent", 20));
  c.seed = integer_arg(args, "seed", c.seed);
  c.years = static_cast<int>(integer_arg(args, "years", 2));
  if (const auto it = args.find("start_date"); it != args.end()) {
    const auto date = parse_date(it->second);
    if (!date || date->year < 1900 || date->year > 2200) {
      throw core::UsageError("generate: \"start_date\" is \"" + it->second + "\"",
                             "give a date like 2023-01-01");
    }
    c.start_date = *date;
  }
  return c;
}

std::optional<PlanGenerate> find_generate_step(const plan::Plan& plan, double scale) {
  for (const auto& m : plan.migrations) {
    for (const auto& step : m.steps) {
      const auto* op = std::get_if<plan::Operation>(&step.action);
      if (op != nullptr && op->kind == "generate") {
        return PlanGenerate{m.version, config_from_args(op->args, scale)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace migrator::generate
