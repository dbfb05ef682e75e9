#pragma once
// The hazard cache: one HDF5 file per storm (scenario or ensemble member), named by a hash of
// everything the hazard depends on, holding the full /hazard frames (for the viewer, linked
// from every results file) and a compact /timeline (for the response replays).
// Default folder: $STORMDRILL_CACHE_DIR, else $XDG_CACHE_HOME/stormdrill, else
// ~/.cache/stormdrill (docs/results-format.md).
#include <cstdint>
#include <optional>
#include <string>

#include "hazard/hazard_timeline.hpp"

namespace sd {

std::string default_cache_dir();

// FNV-1a 64-bit, chained: hash_bytes(data, n, hash_bytes(...)).
std::uint64_t hash_bytes(const void* data, std::size_t n, std::uint64_t h = 0xcbf29ce484222325ull);
std::uint64_t hash_file(const std::string& path, std::uint64_t h);
std::string hex64(std::uint64_t v);

// Writes the compact timeline into an open HDF5 file (group /timeline).
void write_timeline(long long file_id, const HazardTimeline& t);
// Reads a cached hazard file's timeline; nullopt when the file is missing or unreadable
// (a stale or truncated cache entry is recomputed, never trusted).
std::optional<HazardTimeline> read_timeline(const std::string& path);

}  // namespace sd
