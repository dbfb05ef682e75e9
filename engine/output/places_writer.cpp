#include "output/places_writer.hpp"

#include <cmath>

#include "io/h5.hpp"
#include "results/results_schema.hpp"

namespace sd {
namespace {

void write_towns(hid_t f, const Scenario& s, const RunResult& r) {
  h5::Handle g = h5::create_group(f, "places/towns");
  std::vector<std::string> name, area;
  std::vector<double> x, y, pop;
  for (const auto& t : s.towns) {
    name.push_back(t.name), x.push_back(t.x), y.push_back(t.y), pop.push_back(t.population);
    area.push_back(t.area);
  }
  h5::write_strings(g, "name", name);
  h5::write_strings(g, "area", area);
  h5::write_vector(g, "x", x);
  h5::write_vector(g, "y", y);
  h5::write_vector(g, "population", pop);
  std::vector<double> evac(s.towns.size(), 0.0);
  for (std::size_t t = 0; t < evac.size() && t < r.town_evacuated.size(); ++t)
    evac[t] = r.town_evacuated[t];
  h5::write_vector(g, "evacuated", evac);
}

void write_people_rasters(hid_t f, const ResponseModel& m) {
  const Grid& g = m.grid();
  if (m.population.size() != g.size()) return;
  h5::Handle grid = h5::open_group(f, "grid");
  h5::write_matrix<float>(grid, "population", m.population.data(), g.ny, g.nx);
  h5::set_cf(h5::Handle(H5Dopen2(grid, "population", H5P_DEFAULT)), "people",
             "people per cell (response model)");
  if (m.cell_town.size() != g.size()) return;
  std::vector<std::int32_t> town(m.cell_town.begin(), m.cell_town.end());
  h5::write_matrix<std::int32_t>(grid, "town", town.data(), g.ny, g.nx);
  h5::set_attr(h5::Handle(H5Dopen2(grid, "town", H5P_DEFAULT)), "long_name",
               "row of /places/towns of the cell: the nearest town of its area (-1: none)");
}

void write_incident_places(hid_t f, const RunResult& r) {
  h5::Handle g = h5::open_group(f, "incidents");
  std::vector<std::int32_t> town;
  std::vector<double> deadline;
  for (const auto& in : r.incidents) town.push_back(in.town), deadline.push_back(in.deadline_s);
  h5::write_vector(g, "town", town);
  h5::write_vector(g, "deadline_s", deadline);
}

// Deepest water at each critical site over the hazard frames, and when (NaN: never wet).
void write_site_peaks(hid_t f, const Scenario& s, const HazardTimeline& hz) {
  const std::size_t n = s.sites.size(), T = hz.time.size();
  std::vector<float> peak(n, 0.0f);
  std::vector<double> when(n, NAN);
  if (hz.site_depth.size() == T * n)
    for (std::size_t k = 0; k < T; ++k)
      for (std::size_t q = 0; q < n; ++q) {
        const float d = hz.site_depth[k * n + q];
        if (d > peak[q]) peak[q] = d, when[q] = hz.time[k];
      }
  h5::Handle g = h5::open_group(f, "assets/critical_sites");
  h5::write_vector(g, "peak_depth", peak);
  h5::write_vector(g, "t_peak", when);
}

}  // namespace

void write_places(hid_t file, const ResponseModel& m, const HazardTimeline& hz,
                  const RunResult& r) {
  const Scenario& s = *m.scenario;
  write_towns(file, s, r);
  write_people_rasters(file, m);
  write_incident_places(file, r);
  write_site_peaks(file, s, hz);
  h5::set_attr(h5::open_group(file, "meta"), schema::name::kLanguage, s.language);
}

}  // namespace sd
