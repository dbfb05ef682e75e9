#pragma once
// Flood checkpoints kept with a cached hazard (issue 14 §1): the complete solver state at
// every whole `every_s` of simulated time, so a branch whose injects change the hazard from
// time t re-runs the flood from the latest checkpoint before t instead of from the start
// (docs/drills.md, "Hazard-changing branches"). Stored in the cache entry as
// /checkpoints/t_<seconds> (uint8, DEFLATE, attribute `bytes`); covered by the entry's seal.
#include <hdf5.h>

#include <string>
#include <vector>

#include "flood/flood_state.hpp"
#include "hazard/fine_risk.hpp"

namespace sd {

// True when a checkpoint is due at frame time t (a positive whole multiple of every_s,
// before the end of the run).
bool checkpoint_due(double t, double every_s, double duration_s);

// A sub-grid run's checkpoint also holds its fine risk accumulators (`fine`, after the state).
void write_checkpoint(hid_t file, double t, const flood::State& st, const FineRisk* fine = nullptr);

// Checkpoint times in the cache entry at `path`, ascending (none: empty).
std::vector<double> checkpoint_times(hid_t file);

// Restores the state saved at time t; throws std::runtime_error when it does not fit the model.
void restore_checkpoint(hid_t file, double t, flood::State& st, FineRisk* fine = nullptr);

// Copies the checkpoint at time t from one cache entry to another (a branch of a branch
// resumes from the same checkpoints).
void copy_checkpoint(hid_t from, hid_t to, double t);

}  // namespace sd
