#include "placement/interchange.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace sd::place {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
}  // namespace

Interchange::Interchange(const WeightedCosts& w)
    : w_(&w), is_open_(w.m, 0), c1_(w.n), c2_(w.n), d1_(w.n), d2_(w.n), loss_(w.m, 0.0) {}

// Closest and second-closest open site of demand node i, from scratch (O(p)).
void Interchange::rescan(std::size_t i) {
  double a = kInf, b = kInf;
  std::uint32_t ia = kNone, ib = kNone;
  for (std::uint32_t j : open_) {
    const double d = w_->at(i, j);
    if (d < a || (d == a && ia == kNone))
      b = a, ib = ia, a = d, ia = j;
    else if (d < b || ib == kNone)
      b = d, ib = j;
  }
  c1_[i] = ia, d1_[i] = a, c2_[i] = ib, d2_[i] = ib == kNone ? kInf : b;
}

void Interchange::set_sites(const std::vector<std::uint32_t>& sites) {
  std::fill(is_open_.begin(), is_open_.end(), 0);
  open_ = sites;
  for (auto j : open_) is_open_[j] = 1;
  for (std::uint32_t j = 0; j < w_->m; ++j)
    if (w_->fixed[j] && !is_open_[j]) throw std::logic_error("interchange: fixed site not open");
  for (std::size_t i = 0; i < w_->n; ++i) rescan(i);
}

void Interchange::greedy() {
  std::vector<std::uint32_t> start;
  for (std::uint32_t j = 0; j < w_->m; ++j)
    if (w_->fixed[j]) start.push_back(j);
  std::vector<double> best(w_->n, kInf);
  for (auto j : start)
    for (std::size_t i = 0; i < w_->n; ++i) best[i] = std::min(best[i], w_->at(i, j));
  std::vector<char> used(w_->m, 0);
  for (auto j : start) used[j] = 1;
  while (start.size() < static_cast<std::size_t>(w_->p)) {
    double best_total = kInf;
    std::uint32_t pick = kNone;
    for (std::uint32_t j = 0; j < w_->m; ++j) {
      if (used[j]) continue;
      const double* col = &w_->col[static_cast<std::size_t>(j) * w_->n];
      double total = 0.0;
      for (std::size_t i = 0; i < w_->n; ++i) total += std::min(best[i], col[i]);
      if (total < best_total) best_total = total, pick = j;
    }
    used[pick] = 1;
    start.push_back(pick);
    const double* col = &w_->col[static_cast<std::size_t>(pick) * w_->n];
    for (std::size_t i = 0; i < w_->n; ++i) best[i] = std::min(best[i], col[i]);
  }
  set_sites(start);
}

double Interchange::objective() const {
  double s = 0.0;
  for (double d : d1_) s += d;
  return s;
}

void Interchange::swap(std::uint32_t in, std::uint32_t out) {
  *std::find(open_.begin(), open_.end(), out) = in;
  is_open_[out] = 0, is_open_[in] = 1;
  const double* col = &w_->col[static_cast<std::size_t>(in) * w_->n];
  for (std::size_t i = 0; i < w_->n; ++i) {
    if (c1_[i] == out || c2_[i] == out) {
      rescan(i);
    } else if (col[i] < d1_[i]) {
      c2_[i] = c1_[i], d2_[i] = d1_[i], c1_[i] = in, d1_[i] = col[i];
    } else if (col[i] < d2_[i]) {
      c2_[i] = in, d2_[i] = col[i];
    }
  }
}

double Interchange::local_search(std::chrono::steady_clock::time_point deadline) {
  const std::size_t n = w_->n;
  for (;;) {
    if (std::chrono::steady_clock::now() >= deadline) return objective();
    const double tol = 1e-12 * std::max(1.0, objective());
    double best_delta = -tol;
    std::uint32_t best_in = kNone, best_out = kNone;
    for (std::uint32_t in = 0; in < w_->m; ++in) {
      if (is_open_[in]) continue;
      const double* col = &w_->col[static_cast<std::size_t>(in) * n];
      for (auto f : open_) loss_[f] = 0.0;
      double gain = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const double d = col[i];
        if (d < d1_[i])
          gain += d1_[i] - d;
        else
          loss_[c1_[i]] += std::min(d, d2_[i]) - d1_[i];
      }
      for (auto out : open_) {
        if (w_->fixed[out]) continue;
        const double delta = loss_[out] - gain;
        if (delta < best_delta) best_delta = delta, best_in = in, best_out = out;
      }
    }
    if (best_in == kNone) return objective();
    swap(best_in, best_out);
  }
}

void Interchange::shake(int k, std::mt19937_64& rng) {
  std::vector<std::uint32_t> movable, closed;
  for (auto j : open_)
    if (!w_->fixed[j]) movable.push_back(j);
  for (std::uint32_t j = 0; j < w_->m; ++j)
    if (!is_open_[j]) closed.push_back(j);
  for (int s = 0; s < k && !movable.empty() && !closed.empty(); ++s) {
    std::uniform_int_distribution<std::size_t> pick_out(0, movable.size() - 1);
    std::uniform_int_distribution<std::size_t> pick_in(0, closed.size() - 1);
    const std::size_t a = pick_out(rng), b = pick_in(rng);
    swap(closed[b], movable[a]);
    std::swap(movable[a], closed[b]);
  }
}

}  // namespace sd::place
