#pragma once
// The hazard cache: one HDF5 file per storm (scenario or ensemble member), named by a hash of
// everything the hazard depends on, holding the full /hazard frames (for the viewer, linked
// from every results file) and a compact /timeline (for the response replays).
// Default folder: $STORMDRILL_CACHE_DIR, else $XDG_CACHE_HOME/stormdrill, else
// ~/.cache/stormdrill (docs/results-format.md).
#include <cstdint>
#include <functional>
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
// Reads a cached hazard file's timeline; nullopt when the file is missing or unsound (a stale,
// truncated or corrupted cache entry is recomputed, never trusted). A file that exists but
// fails its checksum (io/h5_checksum) or the structural checks (hazard/timeline_check) sets
// *problem to why, when problem is given.
std::optional<HazardTimeline> read_timeline(const std::string& path,
                                            std::string* problem = nullptr);

// Renames a bad cache entry to PATH.corrupt (kept for inspection, out of the cache's way);
// returns the new name.
std::string set_aside_corrupt(const std::string& path);

// Sets a corrupt entry aside and reports it through `warn` (stderr when empty):
// "WHAT PATH is corrupt (PROBLEM); set aside as PATH.corrupt and THEN".
void set_aside_and_warn(const std::string& path, const std::string& what,
                        const std::string& problem, const std::string& then,
                        const std::function<void(const std::string&)>& warn);

// Marks a cache entry as just used (its modification time; atime is unreliable under
// relatime/noatime mounts), for least-recently-used eviction.
void touch_cache_entry(const std::string& path);

// Least-recently-used eviction: removes the oldest entries (KEY.h5 with its .xmf sidecar,
// and set-aside *.corrupt files) until the folder's entries total at most max_bytes, never
// removing `keep`. Returns the number of bytes freed. Results files linking an evicted entry
// lose their frames (the viewer reports them missing) but keep their own results.
std::uintmax_t evict_cache(const std::string& dir, std::uintmax_t max_bytes,
                           const std::string& keep);

}  // namespace sd
