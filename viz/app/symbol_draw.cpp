#include "app/symbol_draw.hpp"

#include <cmath>

namespace sd::viz {

void draw_road(ImDrawList* dl, ImVec2 a, ImVec2 b, const Symbol& s) {
  if (!s.dashed) {
    dl->AddLine(a, b, IM_COL32(40, 40, 40, 200), 4.0f);
    dl->AddLine(a, b, im(s.fill), 2.0f);
    return;
  }
  // Closed: dark casing, white core, coloured dashes (8 px on, 5 px off). A canal or river is
  // a solid band of water colour in the raster and never dashed.
  dl->AddLine(a, b, IM_COL32(40, 40, 40, 220), 6.0f);
  dl->AddLine(a, b, IM_COL32(255, 255, 255, 255), 4.0f);
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len < 1e-3f) return;
  const float ux = dx / len, uy = dy / len;
  for (float d = 0; d < len; d += 13.0f) {
    const float e = std::min(d + 8.0f, len);
    dl->AddLine({a.x + ux * d, a.y + uy * d}, {a.x + ux * e, a.y + uy * e}, im(s.fill), 4.0f);
  }
}

void draw_halo_text(ImDrawList* dl, ImVec2 p, ImU32 color, const char* text) {
  const ImU32 halo = IM_COL32(255, 255, 255, 200);
  for (const ImVec2 o : {ImVec2{-1, 0}, ImVec2{1, 0}, ImVec2{0, -1}, ImVec2{0, 1}})
    dl->AddText({p.x + o.x, p.y + o.y}, halo, text);
  dl->AddText(p, color, text);
}

void draw_symbol(ImDrawList* dl, ImVec2 p, const Symbol& s, float r, bool emphasis) {
  const ImU32 fill = im(s.fill), edge = im(s.outline);
  const float w = emphasis ? 3.0f : 1.5f;
  switch (s.glyph) {
    case Glyph::square:
    case Glyph::depot:
      dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, fill);
      dl->AddRect({p.x - r, p.y - r}, {p.x + r, p.y + r}, edge, 0, 0, w);
      break;
    case Glyph::triangle: {
      const ImVec2 a{p.x - r - 1, p.y + r}, b{p.x + r + 1, p.y + r}, c{p.x, p.y - r - 1};
      dl->AddTriangleFilled(a, b, c, fill);
      dl->AddTriangle(a, b, c, edge, w);
      break;
    }
    case Glyph::inverted_triangle: {
      const ImVec2 a{p.x - r - 1, p.y - r}, b{p.x + r + 1, p.y - r}, c{p.x, p.y + r + 1};
      dl->AddTriangleFilled(a, b, c, fill);
      dl->AddTriangle(a, b, c, edge, w);
      break;
    }
    case Glyph::hexagon:
      dl->AddNgonFilled(p, r + 1, fill, 6);
      dl->AddNgon(p, r + 1, edge, 6, w);
      break;
    case Glyph::pentagon:
      dl->AddNgonFilled(p, r + 1, fill, 5);
      dl->AddNgon(p, r + 1, edge, 5, w);
      break;
    case Glyph::cross: {
      const float t = r * 0.45f;
      dl->AddRectFilled({p.x - t - 1, p.y - r - 1}, {p.x + t + 1, p.y + r + 1}, edge);
      dl->AddRectFilled({p.x - r - 1, p.y - t - 1}, {p.x + r + 1, p.y + t + 1}, edge);
      dl->AddRectFilled({p.x - t, p.y - r}, {p.x + t, p.y + r}, fill);
      dl->AddRectFilled({p.x - r, p.y - t}, {p.x + r, p.y + t}, fill);
      break;
    }
    case Glyph::ring: {
      const float rr = r + (s.text.size() > 1 ? 2.0f : 1.0f);
      dl->AddCircleFilled(p, rr, IM_COL32(255, 255, 255, 255));
      dl->AddCircle(p, rr, edge, 0, emphasis ? 4.0f : 2.5f);
      if (!s.text.empty()) {
        const ImVec2 ts = ImGui::CalcTextSize(s.text.c_str());
        dl->AddText({p.x - ts.x / 2, p.y - ts.y / 2}, IM_COL32(25, 25, 25, 255), s.text.c_str());
      }
      break;
    }
    case Glyph::road:
      draw_road(dl, {p.x - r - 6, p.y}, {p.x + r + 6, p.y}, s);
      break;
    case Glyph::area:
      dl->AddRectFilled({p.x - r - 6, p.y - r + 1}, {p.x + r + 6, p.y + r - 1}, fill);
      dl->AddRect({p.x - r - 6, p.y - r + 1}, {p.x + r + 6, p.y + r - 1}, IM_COL32(0, 0, 0, 90));
      break;
    case Glyph::water: {
      const ImVec2 a{p.x - r - 6, p.y - r + 1}, b{p.x + r + 6, p.y + r - 1};
      dl->AddRectFilled(a, b, fill);
      dl->PushClipRect(a, b, true);
      for (float x = a.x - (b.y - a.y); x < b.x; x += 5)
        dl->AddLine({x, b.y}, {x + (b.y - a.y), a.y}, im(kPermanentWaterHatch), 1.0f);
      dl->PopClipRect();
      break;
    }
    case Glyph::house:
      dl->AddTriangleFilled({p.x - r - 1, p.y - 2}, {p.x, p.y - r - 3}, {p.x + r + 1, p.y - 2},
                            IM_COL32(60, 120, 60, 255));
      dl->AddRectFilled({p.x - r, p.y - 2}, {p.x + r, p.y + r}, fill);
      dl->AddRect({p.x - r, p.y - 2}, {p.x + r, p.y + r}, IM_COL32(0, 0, 0, 255));
      break;
    case Glyph::site:
      dl->AddQuadFilled({p.x, p.y - r}, {p.x + r, p.y}, {p.x, p.y + r}, {p.x - r, p.y}, fill);
      dl->AddQuad({p.x, p.y - r}, {p.x + r, p.y}, {p.x, p.y + r}, {p.x - r, p.y}, edge, 1.0f);
      break;
    case Glyph::town:
      dl->AddCircleFilled(p, r * 0.6f, fill);
      dl->AddCircle(p, r * 0.6f, IM_COL32(0, 0, 0, 255), 0, 2.0f);
      dl->AddCircleFilled(p, 1.5f, IM_COL32(0, 0, 0, 255));
      break;
    case Glyph::track:
      dl->AddLine({p.x - r - 6, p.y}, {p.x + r + 6, p.y}, fill, 2.5f);
      dl->AddCircleFilled(p, 3.0f, fill);
      break;
  }
}

}  // namespace sd::viz
