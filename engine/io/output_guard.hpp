#pragma once
// Outputs never destroy inputs: every file a command reads is noted (device + inode), and an
// output is refused when it names one of them, a directory, the root folder, or an existing
// file of another kind (judged by its magic bytes, not its name: `-o scenario.toml` for an
// HDF5 result is refused even though nothing was read from it yet).
#include <string>

namespace sd::io {

enum class FileKind {
  Hdf5,     // results, hazard caches, batch files
  GeoTiff,  // rasters
  Text,     // TOML, CSV, JSON, XDMF, ESRI ASCII grids
};

// Turns the input ledger on for this process (the CLI's main() does; library users such as
// tests that rewrite their own fixtures leave it off, and then note_input does nothing).
void enable_input_guard();

// Records `path` as an input of this process (no-op if it cannot be stat'ed or the guard is
// off). The ledger is
// process-wide: a command's inputs are read in many places (scenario loader, rasters, CSVs,
// HDF5) and all of them must be protected from every output the command writes.
void note_input(const std::string& path);

// Throws InputError when `path` is the root folder, a directory or a noted input. Every
// temp-then-rename writer calls it before creating its temporary.
void check_not_input(const std::string& path);

// check_not_input, and also refuses an existing non-empty file of another kind than `kind`.
// The CLI calls it for user-named outputs before the run starts.
void check_output_file(const std::string& path, FileKind kind);

// For commands that fill a folder (generate-county --out, storm fields --out-dir): refuses a
// path that is an existing non-directory, or a non-empty directory unless `force`.
void check_output_folder(const std::string& dir, bool force);

// Refuses an output inside the hazard cache folder: its entries are read, evicted, set aside
// and replaced by stormdrill (`run -o CACHE/KEY.h5` replaced the entry it was reading with a
// results file linking to itself).
void check_not_in_cache(const std::string& path, const std::string& cache_dir);

// The kind an output path is written as, from its extension (.h5/.hdf5 -> Hdf5, .tif/.tiff ->
// GeoTiff, anything else -> Text).
FileKind kind_from_extension(const std::string& path);

}  // namespace sd::io
