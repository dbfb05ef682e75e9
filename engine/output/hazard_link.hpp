#pragma once
// Where a results file's hazard frames live: linked to the hazard cache (an HDF5 external link,
// cheap, but only valid on the machine that holds the cache), embedded (a copy: the file
// travels on its own), or missing (the link points at a file that is no longer there).
// Used by `run`/`demo`/`batch --self-contained`, `stormdrill pack` and `stormdrill info`.
#include <hdf5.h>

#include <string>
#include <vector>

#include "core/grid.hpp"
#include "io/h5.hpp"

namespace sd {

struct HazardLink {
  enum class Kind { None, Embedded, Linked, Missing };
  Kind kind = Kind::None;
  std::string target;  // Linked/Missing: the cache file, resolved from the results file's folder
};

// How /hazard of `file` (opened from `results_path`) is stored, and whether a link resolves.
HazardLink hazard_link(hid_t file, const std::string& results_path);

// Opens /hazard, resolving a relative external link from the results file's folder (as HDF5
// and the viewer do) rather than from the current directory.
h5::Handle open_hazard(hid_t file, const std::string& results_path);

// True when `file` and the folder that will hold `out_path` are on one file system (same
// st_dev). An external link across file systems (a USB stick, a network share) is the case
// that breaks first, so results written there embed the hazard.
bool same_file_system(const std::string& file, const std::string& out_path);

// Copies the group `hazard` (an open /hazard group of a cache or results file) into `dst` as
// /hazard. Its dimension-scale references still point into the source: georeference_results()
// must follow.
void embed_hazard(hid_t dst, hid_t hazard);

// The time-varying rasters of a /hazard group that the XDMF sidecar describes, in a fixed
// order: depth, rain, wind, velocity (those present as (T, ny, nx) datasets).
std::vector<std::string> hazard_series(hid_t hazard);

// The grid of a results file, from its /grid attributes.
Grid grid_of(hid_t file);

// CF-georeferences /grid and /hazard of a results file from its own /grid attributes and
// /meta start_time, first clearing attachments copied from another file. Only for files whose
// /hazard is embedded (through a link it would write into the cache). Also completes files
// written before georeferencing existed.
void georeference_results(hid_t file);

}  // namespace sd
