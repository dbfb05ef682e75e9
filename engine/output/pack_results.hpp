#pragma once
// `stormdrill pack`: a copy of a results file with the hazard frames embedded instead of
// linked, so it can be mailed, archived or opened on another machine (docs/results-format.md).
#include <string>

namespace sd {

// Copies every top-level object of `in` into `out` (written as a temporary and renamed),
// replacing the external /hazard link by the frames it points to, georeferences the rasters
// and writes the XDMF sidecar. InputError when `in` is not a results file, when its hazard
// link is broken, or when `out` is `in`.
void pack_results(const std::string& in, const std::string& out);

}  // namespace sd
