// The composed raster layers of one document at one time, uploaded as a GL texture. Frames come
// from the document's FrameCache: interactive use never blocks (the previous image stays until
// the new frame has streamed in); screenshots block.
#pragma once

#include <vector>

#include "app/document.hpp"
#include "app/view_state.hpp"
#include "core/colormap.hpp"

namespace sd::viz {

class MapTexture {
 public:
  MapTexture() = default;
  MapTexture(const MapTexture&) = delete;
  MapTexture& operator=(const MapTexture&) = delete;
  ~MapTexture();

  // Recomposes if the frame, layers or compare partner changed. Returns true when the image
  // shows time `t` (false while frames are still streaming in).
  // `stride` >= 1 samples every stride-th cell (see compose()).
  bool update(Document& doc, Document* other, const Layers& layers, double t, bool blocking,
              int stride = 1);
  // Grid cells covered by the image along x and y (a multiple of the stride, >= nx, ny).
  int cells_x() const { return cells_x_; }
  int cells_y() const { return cells_y_; }
  unsigned id() const { return tex_; }
  bool ready() const { return tex_ != 0; }
  // The document's fine max-depth layer as a texture (uploaded on first use); 0 when the
  // document has none.
  unsigned fine_id(const Document& doc);
  // The depth frame currently shown (for the inspector); null when the layer is off or absent.
  const FrameCache::Frame& depth() const { return depth_; }

 private:
  struct Key {
    const Document* doc = nullptr;
    const Document* other = nullptr;
    long frame = -1;
    int stride = 1;
    Layers layers;
    bool operator==(const Key& o) const;
  };
  unsigned tex_ = 0;
  unsigned fine_tex_ = 0;
  const Document* fine_doc_ = nullptr;
  int cells_x_ = 0, cells_y_ = 0;
  Key shown_;
  FrameCache::Frame depth_, depth_other_, rain_, wind_;
  std::vector<Rgba> pixels_;
};

}  // namespace sd::viz
