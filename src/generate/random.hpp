#pragma once
// The generator's own random numbers: xoshiro256** seeded through splitmix64, and integer
// arithmetic only. std:: distributions are implementation-defined (libstdc++ and libc++ give
// different values for the same engine), so they would break "same seed, same rows".
#include <array>
#include <cstdint>
#include <span>

namespace migrator::generate {

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}

class Random {
 public:
  explicit constexpr Random(std::uint64_t seed) {
    for (auto& word : m_state) {
      word = splitmix64(seed);
    }
  }

  // An independent stream for row `index` of one table: any row can be drawn again on its
  // own (receipt items after their receipts, an inventory item for its valuation).
  static constexpr Random for_row(std::uint64_t seed, std::uint64_t table, std::uint64_t index) {
    std::uint64_t mix = seed;
    const auto a = splitmix64(mix);
    mix ^= table * 0xd1b54a32d192ed03ULL;
    const auto b = splitmix64(mix);
    return Random(a ^ b ^ (index * 0x9e3779b97f4a7c15ULL + table));
  }

  constexpr std::uint64_t next() {
    const auto result = rotl(m_state[1] * 5, 7) * 9;
    const auto t = m_state[1] << 17U;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

  // Uniform in [lo, hi], both included, without modulo bias.
  constexpr std::int64_t uniform(std::int64_t lo, std::int64_t hi) {
    const auto range = static_cast<std::uint64_t>(hi - lo) + 1;
    if (range == 0) {  // the whole 64-bit range
      return static_cast<std::int64_t>(next());
    }
    const auto limit = UINT64_MAX - UINT64_MAX % range;
    auto x = next();
    while (x >= limit) {
      x = next();
    }
    return lo + static_cast<std::int64_t>(x % range);
  }

  // True `percent` times in a hundred.
  constexpr bool chance(int percent) { return uniform(0, 99) < percent; }

  // An index into `weights`, each chosen in proportion to its weight.
  constexpr std::size_t weighted(std::span<const int> weights) {
    std::int64_t total = 0;
    for (const int w : weights) {
      total += w;
    }
    auto pick = uniform(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < weights[i]) {
        return i;
      }
      pick -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
  }
  std::array<std::uint64_t, 4> m_state{};
};

}  // namespace migrator::generate
