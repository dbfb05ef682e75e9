#pragma once
// Every floating-point command-line value must be a finite number. CLI11 (like strtod) accepts
// "nan", "inf" and "1e999", and a NaN then slips past every `x < lo || x > hi` range check
// (all comparisons with NaN are false): `stormdrill-viz --time nan` crashed drawing at time NaN,
// `flood --rain-mmph nan` ran to "mass error nan". Attached once, after all options are
// declared, to every option CLI11 types as FLOAT (including vectors of them), in stormdrill and
// stormdrill-viz alike, so no new option can miss it. Header-only: the viewer links no engine.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

namespace sd::cli {

inline const CLI::Validator& finite_number() {
  static const CLI::Validator v(
      [](std::string& s) -> std::string {
        char* end = nullptr;
        const double x = std::strtod(s.c_str(), &end);
        if (end == s.c_str()) return {};  // not a number at all: CLI11's own message follows
        if (!std::isfinite(x)) return "must be a finite number, got '" + s + "'";
        return {};
      },
      "");
  return v;
}

// Attaches finite_number() to every FLOAT option of app and of all its subcommands.
inline void require_finite_numbers(CLI::App& app) {
  for (CLI::Option* opt : app.get_options())
    if (opt->get_type_name().rfind("FLOAT", 0) == 0) opt->check(finite_number());
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    require_finite_numbers(*sub);
}

}  // namespace sd::cli
