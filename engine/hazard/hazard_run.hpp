#pragma once
// Hazard before response: the storm's rain and wind drive the flood solver over the county;
// frames go to the hazard cache file and the compact timeline is returned for the response.
// Computed once per storm (scenario or ensemble member) and reused from the cache after.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "hazard/hazard_timeline.hpp"
#include "response/response_model.hpp"

namespace sd {

struct HazardOptions {
  int member = 0;                   // 0 = the scenario's own storm; k > 0 = ensemble member k
  std::uint64_t ensemble_seed = 0;  // 0 = the scenario seed
  int threads = 0;
  std::string cache_dir;  // empty = default_cache_dir()
  bool use_cache = true;  // false: recompute (and overwrite the cache entry)
  // Cache size cap: after writing an entry, least-recently-used entries are evicted down to it.
  double cache_max_gb = 20;
  // Reports a cache entry found corrupt (and set aside); default: stderr.
  std::function<void(const std::string&)> warn;
  // Called after each hazard frame with (simulated s, total s).
  std::function<void(double, double)> progress;
  // Flood checkpoints kept in the cache entry every this many simulated seconds (0: none;
  // `run` and `branch` keep hourly ones so branches can resume; batches keep none).
  double checkpoint_every_s = 0;
  // Branches: this scenario differs from `resume_from` (the parent's) only through injects at
  // or after `resume_before_s`, so its flood resumes from the parent's latest checkpoint
  // before that time (the parent's frames before it are reused) instead of from t = 0.
  // A checkpoint at exactly resume_before_s serves when `resume_at` is set (a dike breach or
  // rain band starting then acts only after it; a pump failure then acts before the
  // checkpoint's frame is saved, so it needs an earlier one).
  std::shared_ptr<const Scenario> resume_from;
  double resume_before_s = 0;
  bool resume_at = false;
};

// The cache key: a hash of every input the hazard depends on (terrain, land use, storm,
// flood settings, tide, drainage assets, hazard-changing injects, roads, member, engine).
std::string hazard_key(const Scenario& s, const ResponseModel& m, const HazardOptions& o);

// The verified cache entry for this storm, if one is there; a corrupt one is reported through
// o.warn, renamed *.corrupt and nullopt returned (the caller recomputes).
std::optional<HazardTimeline> cached_hazard(const Scenario& s, const ResponseModel& m,
                                            const HazardOptions& o);

HazardTimeline run_hazard(const Scenario& s, const ResponseModel& m, const HazardOptions& o);

}  // namespace sd
