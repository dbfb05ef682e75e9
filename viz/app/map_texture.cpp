#include "app/map_texture.hpp"

#include <cmath>

#include "app/gl.hpp"
#include "core/layer_image.hpp"

namespace sd::viz {

bool MapTexture::Key::operator==(const Key& o) const {
  const Layers &a = layers, &b = o.layers;
  return doc == o.doc && other == o.other && frame == o.frame && stride == o.stride &&
         a.terrain == b.terrain && a.depth == b.depth && a.rain == b.rain && a.wind == b.wind &&
         a.difference == b.difference;
}

namespace {

// Creates `tex` on first use and uploads a w x h RGBA image into it.
void upload(unsigned& tex, int w, int h, const Rgba* px) {
  if (!tex) glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  // Nearest when zoomed in shows true cells; linear minification keeps big grids readable.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
}

}  // namespace

MapTexture::~MapTexture() {
  if (tex_) glDeleteTextures(1, &tex_);
  if (fine_tex_) glDeleteTextures(1, &fine_tex_);
}

unsigned MapTexture::fine_id(const Document& doc) {
  if (doc.fine.empty()) return 0;
  if (fine_tex_ && fine_doc_ == &doc) return fine_tex_;
  const FineLayer& f = doc.fine;
  const GridInfo& g = doc.file->grid();
  std::vector<Rgba> px(f.max_depth.size());
  for (int j = 0; j < f.ny; ++j)
    for (int i = 0; i < f.nx; ++i) {
      // Sea, rivers and canals stay the coarse map's water, as on the coarse layer.
      const int ci = static_cast<int>(std::floor((f.x0 + (i + 0.5) * f.cell - g.x0) / g.cell));
      const int cj = static_cast<int>(std::floor((g.y0 - (f.y0 - (j + 0.5) * f.cell)) / g.cell));
      const bool water = ci >= 0 && cj >= 0 && ci < g.nx && cj < g.ny &&
                         doc.permanent_water.size() == g.size() &&
                         doc.permanent_water[static_cast<std::size_t>(cj) * g.nx + ci];
      const std::size_t k = static_cast<std::size_t>(j) * f.nx + i;
      px[k] = water ? Rgba{} : depth_color(f.max_depth[k]);
    }
  upload(fine_tex_, f.nx, f.ny, px.data());
  fine_doc_ = &doc;
  return fine_tex_;
}

namespace {

FrameCache::Frame fetch(Document& d, Series s, std::size_t k, bool blocking) {
  if (!d.file->has_series(s)) return nullptr;
  return blocking ? d.frames->get(s, k) : d.frames->try_get(s, k);
}

}  // namespace

bool MapTexture::update(Document& doc, Document* other, const Layers& layers, double t,
                        bool blocking, int stride) {
  const auto& times = doc.file->frame_times();
  Key key{&doc, layers.difference ? other : nullptr,
          times.empty() ? -1 : static_cast<long>(frame_at(times, t)), std::max(stride, 1), layers};
  if (tex_ && key == shown_) return true;
  const std::size_t k = key.frame < 0 ? 0 : static_cast<std::size_t>(key.frame);
  FrameCache::Frame depth, depth_other, rain, wind;
  bool missing = false;
  auto want = [&](bool on, Document& d, Series s, FrameCache::Frame& out) {
    if (!on || key.frame < 0) return;
    out = fetch(d, s, k, blocking);
    missing = missing || (!out && d.file->has_series(s));
  };
  want(layers.depth, doc, Series::depth, depth);
  want(layers.rain, doc, Series::rain, rain);
  want(layers.wind, doc, Series::wind, wind);
  if (key.other) {
    // Compare runs share the storm, so they share frame times; index by the other's own axis.
    const auto& ot = key.other->file->frame_times();
    if (!ot.empty() && key.other->file->has_series(Series::depth)) {
      const std::size_t ko = frame_at(ot, t);
      depth_other = blocking ? other->frames->get(Series::depth, ko)
                             : other->frames->try_get(Series::depth, ko);
      missing = missing || !depth_other;
    }
  }
  // Prefetch the next frames while the user plays or scrubs forward.
  if (!blocking && key.frame >= 0)
    for (std::size_t n = k + 1; n < std::min(k + 3, times.size()); ++n)
      if (layers.depth && doc.file->has_series(Series::depth))
        doc.frames->prefetch(Series::depth, n);
  if (missing && tex_) return false;  // keep showing the previous image meanwhile
  RasterLayers in;
  if (layers.terrain && !doc.terrain.empty()) in.terrain = &doc.terrain;
  in.depth = depth ? depth->data() : nullptr;
  in.depth_other = (depth && depth_other) ? depth_other->data() : nullptr;
  if (doc.permanent_water.size() == doc.file->grid().size())
    in.permanent_water = doc.permanent_water.data();
  in.rain = rain ? rain->data() : nullptr;
  in.wind = wind ? wind->data() : nullptr;
  const GridInfo& g = doc.file->grid();
  compose(g, in, pixels_, key.stride);
  const int w = strided(g.nx, key.stride), h = strided(g.ny, key.stride);
  cells_x_ = w * key.stride;
  cells_y_ = h * key.stride;
  upload(tex_, w, h, pixels_.data());
  depth_ = depth;
  depth_other_ = depth_other;
  rain_ = rain;
  wind_ = wind;
  shown_ = key;
  return !missing;
}

}  // namespace sd::viz
