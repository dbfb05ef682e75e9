#include "placement/problem.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace sd::place {

void validate(const Problem& pb) {
  auto fail = [](const std::string& m) { throw std::invalid_argument("placement: " + m); };
  if (pb.n_demand == 0 || pb.n_cand == 0) fail("no demand nodes or no candidate sites");
  if (pb.cost.size() != pb.n_demand * pb.n_cand) fail("cost matrix size != n_demand * n_cand");
  if (pb.weight.size() != pb.n_demand) fail("one weight per demand node expected");
  if (!pb.capacity.empty() && pb.capacity.size() != pb.n_cand)
    fail("one capacity per candidate expected");
  if (pb.p < 1 || static_cast<std::size_t>(pb.p) > pb.n_cand)
    fail("p must be between 1 and the number of candidates (" + std::to_string(pb.n_cand) + ")");
  for (double w : pb.weight)
    if (!(w >= 0.0) || !std::isfinite(w)) fail("demand weights must be finite and >= 0");
  for (double c : pb.cost)
    if (!(c >= 0.0)) fail("costs must be >= 0 (+inf for unreachable)");
  for (double c : pb.capacity)
    if (!(c >= 0.0)) fail("capacities must be >= 0");
  std::vector<char> seen(pb.n_cand, 0);
  for (auto f : pb.fixed) {
    if (f >= pb.n_cand) fail("fixed site index out of range");
    if (seen[f]) fail("fixed site listed twice");
    seen[f] = 1;
  }
  if (pb.fixed.size() > static_cast<std::size_t>(pb.p)) fail("more fixed sites than p");
}

}  // namespace sd::place
