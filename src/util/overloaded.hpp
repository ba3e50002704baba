#pragma once
// std::visit over a variant with one lambda per alternative: std::visit(Overloaded{...}, v).

namespace migrator::util {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace migrator::util
