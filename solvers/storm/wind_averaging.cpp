#include "storm/wind_averaging.hpp"

namespace sd::storm {
namespace {

// Ratio V_period / V_10min at sea (Harper et al. 2010, WMO TD-1555, Table 1.1).
double to_ten_min_ratio(Averaging a) {
  switch (a) {
    case Averaging::one_min:
      return 1.0 / 0.93;
    case Averaging::two_min:
      return 1.05;
    case Averaging::three_min:
      return 1.04;
    case Averaging::ten_min:
      return 1.0;
  }
  return 1.0;
}

}  // namespace

double averaging_factor(Averaging from, Averaging to) {
  return to_ten_min_ratio(to) / to_ten_min_ratio(from);
}

bool parse_averaging(const std::string& s, Averaging& out) {
  if (s == "1min" || s == "jtwc-1min" || s == "nhc-1min" || s == "usa-1min") {
    out = Averaging::one_min;
  } else if (s == "2min" || s == "cma-2min") {
    out = Averaging::two_min;
  } else if (s == "3min") {
    out = Averaging::three_min;
  } else if (s == "10min" || s == "wmo-10min" || s == "jma-10min") {
    out = Averaging::ten_min;
  } else {
    return false;
  }
  return true;
}

const char* averaging_name(Averaging a) {
  switch (a) {
    case Averaging::one_min:
      return "1min";
    case Averaging::two_min:
      return "2min";
    case Averaging::three_min:
      return "3min";
    case Averaging::ten_min:
      return "10min";
  }
  return "10min";
}

}  // namespace sd::storm
