#pragma once
// A flood run must conserve water: the solver's volume budget (stored - initial - net inputs)
// closes to rounding (double-precision depths, docs/flood-model.md). A run whose relative
// error exceeds kMaxMassErrorRel, or whose budget holds a NaN/inf, has gone wrong somewhere
// (bad input that slipped through, an unstable step) and its results are not to be believed:
// it is refused with the budget printed rather than written out and exit 0.
#include <string>

#include "flood/flood_state.hpp"

namespace sd {

inline constexpr double kMaxMassErrorRel = 1e-6;

// The budget terms, one line each ("rain 1.2e+06 m3 ...").
std::string budget_text(const flood::Budget& b);

// Throws std::runtime_error (exit 1) naming `what` with the budget when the balance fails.
void require_mass_balance(const flood::Budget& b, const std::string& what);

}  // namespace sd
