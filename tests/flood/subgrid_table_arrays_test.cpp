// for_each_array visits every array of the sub-grid tables (the hazard cache serialises the
// tables through it): a table with every array visited and replaced by a copy is identical.
#include <gtest/gtest.h>

#include <set>

#include "flood/subgrid_inertial.hpp"

namespace {

TEST(SubgridTableArrays, VisitorCoversEveryNonEmptyArrayWithUniqueNames) {
  std::vector<float> fine(8 * 6);
  for (std::size_t k = 0; k < fine.size(); ++k) fine[k] = static_cast<float>((k * 7) % 5) * 0.3f;
  std::vector<float> n(fine.size(), 0.02f);
  n[3] = 0.05f;
  const auto t = sd::flood::subgrid::build_solver_tables(fine, 8, 6, 2.0, 2, n, 0.03f);
  std::set<std::string> names;
  std::size_t total = 0;
  sd::flood::subgrid::for_each_array(*t, [&](const std::string& name, const auto& v) {
    EXPECT_TRUE(names.insert(name).second) << name;
    total += v.size() * sizeof(v[0]);
  });
  EXPECT_EQ(names.size(), 23u);
  // Every byte of the arrays is visited: the struct's vectors hold nothing else.
  std::size_t direct = 0;
  auto add = [&](const auto& v) { direct += v.size() * sizeof(v[0]); };
  add(t->cell_zlo), add(t->cell_span), add(t->cell_frac), add(t->cell_vol), add(t->cell_n2);
  for (const auto* f : {&t->fx, &t->fy}) {
    add(f->zlo), add(f->span), add(f->inv_step), add(f->open), add(f->zm_off), add(f->ntop2);
    add(f->hm), add(f->n2e);
  }
  add(t->walled_pixel), add(t->walled_rim);
  EXPECT_EQ(total, direct);
  EXPECT_GT(total, 0u);
}

}  // namespace
