// Exhaustive search over every site set: the reference the heuristics are tested against,
// and the exact method for small instances.
#include <algorithm>
#include <cmath>
#include <limits>

#include "placement/solve.hpp"
#include "placement/transport_assignment.hpp"

namespace sd::place {
namespace {

struct Enumerator {
  const Problem& pb;
  Objective obj;
  std::vector<std::uint32_t> free_sites, current, best_sites;
  std::vector<std::vector<double>> level;  // per depth: each demand node's nearest-site cost
  double best = 0.0;
  bool maximise = false;

  double score(const std::vector<double>& near) const {
    double s = 0.0;
    for (std::size_t i = 0; i < pb.n_demand; ++i) {
      if (obj == Objective::MaxCover)
        s += near[i] <= pb.cover_radius ? pb.weight[i] : 0.0;
      else if (pb.weight[i] <= 0.0)
        continue;
      else if (obj == Objective::PMedian)
        s += pb.weight[i] * near[i];
      else
        s = std::max(s, near[i]);
    }
    return s;
  }
  void leaf(const std::vector<double>& near) {
    const double s = obj == Objective::PMedian && !pb.capacity.empty()
                         ? capacitated_assignment_cost(pb, current)
                         : score(near);
    const bool better = best_sites.empty() || (maximise ? s > best : s < best);
    if (better) best = s, best_sites = current;
  }
  void dfs(std::size_t start, std::size_t depth, std::size_t remaining) {
    if (remaining == 0) return leaf(level[depth]);
    for (std::size_t k = start; k + remaining <= free_sites.size(); ++k) {
      const std::uint32_t j = free_sites[k];
      auto& next = level[depth + 1];
      for (std::size_t i = 0; i < pb.n_demand; ++i) next[i] = std::min(level[depth][i], pb.c(i, j));
      current.push_back(j);
      dfs(k + 1, depth + 1, remaining - 1);
      current.pop_back();
    }
  }
};

}  // namespace

Solution solve_exhaustive(const Problem& pb, Objective objective) {
  validate(pb);
  Enumerator en{pb, objective, {}, {}, {}, {}, 0.0, objective == Objective::MaxCover};
  std::vector<char> is_fixed(pb.n_cand, 0);
  for (auto f : pb.fixed) is_fixed[f] = 1;
  for (std::uint32_t j = 0; j < pb.n_cand; ++j)
    if (!is_fixed[j]) en.free_sites.push_back(j);
  const std::size_t k = static_cast<std::size_t>(pb.p) - pb.fixed.size();
  en.level.assign(k + 1, std::vector<double>(pb.n_demand, std::numeric_limits<double>::infinity()));
  en.current = pb.fixed;
  for (auto f : pb.fixed)
    for (std::size_t i = 0; i < pb.n_demand; ++i)
      en.level[0][i] = std::min(en.level[0][i], pb.c(i, f));
  en.dfs(0, 0, k);

  Solution s;
  s.sites = en.best_sites;
  std::sort(s.sites.begin(), s.sites.end());
  s.objective = en.best;
  s.bound = en.best;
  s.gap = 0.0;
  s.proven_optimal = true;
  s.method = "exhaustive";
  return s;
}

}  // namespace sd::place
