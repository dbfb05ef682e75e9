#pragma once
// Vertex substitution (Teitz & Bart 1968) evaluated with Whitaker's (1983) fast interchange:
// for each closed candidate, one pass over the demand nodes gives the gain of opening it and
// the loss of closing every open site, using each node's closest and second-closest site.
// Shaking for variable neighbourhood search (Hansen & Mladenovic 1997) is random swaps.
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "placement/weighted_costs.hpp"

namespace sd::place {

class Interchange {
 public:
  explicit Interchange(const WeightedCosts& w);

  void set_sites(const std::vector<std::uint32_t>& sites);  // fixed sites must be included
  void greedy();  // fixed sites, then add the best site one at a time up to p
  // Best-improvement swaps until none improves or the deadline passes; returns the objective.
  double local_search(std::chrono::steady_clock::time_point deadline =
                          std::chrono::steady_clock::time_point::max());
  void shake(int k, std::mt19937_64& rng);  // k random swaps of non-fixed sites
  double objective() const;
  const std::vector<std::uint32_t>& sites() const { return open_; }
  std::uint32_t closest(std::size_t i) const { return c1_[i]; }

 private:
  void swap(std::uint32_t in, std::uint32_t out);
  void rescan(std::size_t i);
  const WeightedCosts* w_;
  std::vector<std::uint32_t> open_;
  std::vector<char> is_open_;
  std::vector<std::uint32_t> c1_, c2_;
  std::vector<double> d1_, d2_, loss_;
};

}  // namespace sd::place
