#pragma once
// Track files as planners have them, into sd::storm::Track (UTC epoch seconds):
//  cma_bst  China Meteorological Administration best track (CH*BST.txt): header lines
//           "66666 nnnn nrows ...", data lines "YYYYMMDDHH I LAT(0.1) LON(0.1) PRES WND OWD".
//           Times UTC, wind 2-min mean. `select` picks a storm by name or number (else the
//           first storm in the file).
//  ibtracs  IBTrACS CSV (v04): ISO_TIME (UTC), LAT, LON, and the first agency with values
//           among CMA_, USA_, TOKYO_, WMO_ wind/pressure (knots; USA_RMW nmi); the units row
//           after the header is skipped. `select` picks a storm by SID or NAME (else the first).
//  csv      plain CSV: time (ISO-8601 with offset), lat, lon, pressure_hpa, wind_ms, optional
//           rmax_km, r30_km, r50_km (a number or four "NE|SE|SW|NW" values), type; `#` comment
//           lines; "null"/empty = missing; type DL marks a landfall fix (the CMA real-time
//           layout of ../shared/data/tracks/infa_2021_cma_realtime.csv). A comment line
//           "# averaging: 1min|2min|3min|10min" states the wind period (default 2-min, CMA).
// Errors throw sd::InputError "path:line: field: problem".
#include <optional>
#include <string>

#include "storm/track.hpp"

namespace sd::io {

enum class TrackFormat { auto_detect, cma_bst, ibtracs, csv };
TrackFormat parse_track_format(const std::string& name);  // throws InputError

// Reads, cleans (sd::storm::clean_track) and returns the track. `averaging` overrides the
// format's default (CMA 2-min; IBTrACS as its agency; plain CSV 2-min unless the file says).
storm::Track read_track(const std::string& path, TrackFormat format = TrackFormat::auto_detect,
                        std::optional<storm::Averaging> averaging = std::nullopt,
                        const std::string& select = "");

// Plain CSV writer (the `csv` layout above, with its "# averaging" line; times in
// UTC+offset_min), written atomically; read_track() reads it back unchanged.
void write_track_csv(const std::string& path, const storm::Track& track, int offset_min = 480);

}  // namespace sd::io
