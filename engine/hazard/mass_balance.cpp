#include "hazard/mass_balance.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sd {

std::string budget_text(const flood::Budget& b) {
  std::string s;
  auto line = [&](const char* name, double v) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "\n  %-14s %.6e m3", name, v);
    s += buf;
  };
  line("initial", b.initial);
  line("rain", b.rain);
  line("infiltration", b.infiltration);
  line("drainage", b.drainage);
  line("pumped", b.pumped);
  line("delivered", b.delivered);
  line("inflow", b.inflow);
  line("boundary in", b.boundary_in);
  line("boundary out", b.boundary_out);
  line("stored", b.stored);
  line("error", b.error());
  char buf[64];
  std::snprintf(buf, sizeof buf, "\n  %-14s %.3e", "relative error", b.error_rel());
  return s + buf;
}

void require_mass_balance(const flood::Budget& b, const std::string& what) {
  const double rel = b.error_rel();
  if (std::isfinite(rel) && std::isfinite(b.stored) && rel <= kMaxMassErrorRel) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3e", rel);
  throw std::runtime_error(what + ": the flood's water budget does not close (relative error " +
                           buf + ", limit 1e-06): results not written. Budget:" + budget_text(b));
}

}  // namespace sd
