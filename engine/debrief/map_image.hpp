#pragma once
// County-wide risk maps for the debrief page, made without a window or a new dependency: the
// raster is coloured on the CPU, encoded as PNG by GDAL's PNG driver in /vsimem, and embedded
// as a data: URI inside an inline SVG that adds the town labels, a scale bar and a legend.
#include <functional>
#include <string>
#include <vector>

#include "results/results_file.hpp"

namespace sd::debrief {

struct Rgba {
  unsigned char r = 0, g = 0, b = 0, a = 0;
};

struct LegendEntry {
  Rgba colour;
  std::string label;
};

struct MapPoint {
  double x = 0, y = 0;  // grid CRS
  std::string label;
  int priority = 0;  // higher first when labels would overlap
};

// A vertex of a line drawn over the map (the storm track); `tick` labels a dot there.
struct TrackVertex {
  double x = 0, y = 0;  // grid CRS
  std::string tick;     // "" = no dot
};

struct MapSpec {
  std::string title;
  const results::GridInfo* grid = nullptr;
  std::vector<Rgba> pixels;  // ny x nx, row 0 north
  std::vector<LegendEntry> legend;
  std::vector<MapPoint> points;
  std::vector<TrackVertex> track;  // drawn as a line clipped to the map, dots at ticks
  int width = 560;                 // rendered width in px
};

// PNG bytes of an RGBA image (GDAL PNG driver through /vsimem).
std::string encode_png(const std::vector<Rgba>& pixels, int nx, int ny);
std::string base64(const std::string& bytes);
// The inline SVG figure (image, labels without overlaps, scale bar, legend).
std::string svg_map(const MapSpec& m);

// The storm track map: the county (grid outline, town dots) and the track with its ticks, on
// one metric scale fitted to both (the track usually runs far beyond the county's grid).
std::string svg_track_map(const std::string& title, const results::GridInfo& grid,
                          const std::vector<TrackVertex>& track, const std::vector<MapPoint>& towns,
                          int width = 560);

// Colourings. Water classes (land use "water") are drawn as water, never as flood depth.
struct Basemap {
  std::vector<float> elevation;
  std::vector<float> landuse;  // empty when absent; code 3 = water (docs/county.md)
};
std::vector<Rgba> depth_pixels(const std::vector<float>& depth, const Basemap& b,
                               std::vector<LegendEntry>& legend, const std::string& water_label);
std::vector<Rgba> arrival_pixels(const std::vector<float>& t_first, double end_s, const Basemap& b,
                                 std::vector<LegendEntry>& legend, const std::string& hours,
                                 const std::string& never, const std::string& water_label);
// FD2320 hazard rating bands (DEFRA/EA 2006, FD2320/TR2 table 13.1: < 0.75 low, 0.75-1.25
// danger for some, 1.25-2 danger for most, > 2 danger for all); 0 (never wet) shows the base.
std::vector<Rgba> hazard_pixels(const std::vector<float>& hr, const Basemap& b,
                                std::vector<LegendEntry>& legend, const std::string& water_label);
std::vector<Rgba> rain_pixels(const std::vector<float>& mm, const Basemap& b,
                              std::vector<LegendEntry>& legend);

}  // namespace sd::debrief
