#pragma once
// Converts the CMA real-time track CSV of Typhoon In-fa (2021) into the plain track CSV the
// scenario reads: time (ISO-8601 with offset, seconds added), lat, lon, pressure_hpa, wind_ms.
#include <string>

namespace sd::county {

// Reads `path` ('#' comment lines allowed; header must name time, lat, lon, pressure_hpa,
// wind_ms). Rows with a "null"/empty field are dropped, as are repeated times (first kept).
// Throws sd::InputError naming path:line and field on malformed rows.
std::string convert_cma_track(const std::string& path);

}  // namespace sd::county
