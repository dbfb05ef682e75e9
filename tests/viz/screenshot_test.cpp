// The viewer binary end to end: headless screenshots (under Xvfb) and its error messages.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/colormap.hpp"
#include "viz_test_util.hpp"

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

struct ViewerRun {
  int code = -1;
  std::string output;
};

ViewerRun run_command(const std::string& cmd) {
  ViewerRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), p)) r.output += buf.data();
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

ViewerRun run_viewer(const std::string& args, bool needs_display, const std::string& env = "") {
  const std::string cmd = env + std::string(STORMDRILL_VIZ_BINARY) + " " + args + " 2>&1";
  ViewerRun r = run_command(cmd);
  // CI runs the suite under `xvfb-run -a`; without a display the viewer falls back to EGL
  // surfaceless, and where that is missing too a private Xvfb is tried before skipping.
  if (needs_display && r.code == 3 && !std::getenv("DISPLAY") &&
      std::system("command -v xvfb-run >/dev/null 2>&1") == 0)
    r = run_command("xvfb-run -a " + cmd);
  return r;
}

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> px;
  Rgba at(int x, int y) const {
    const unsigned char* p = px.data() + (static_cast<std::size_t>(y) * w + x) * 4;
    return {p[0], p[1], p[2], p[3]};
  }
};

Image load_png(const std::filesystem::path& p) {
  Image img;
  int n = 0;
  unsigned char* data = stbi_load(p.c_str(), &img.w, &img.h, &n, 4);
  if (data) {
    img.px.assign(data, data + static_cast<std::size_t>(img.w) * img.h * 4);
    stbi_image_free(data);
  }
  return img;
}

int distance(Rgba a, Rgba b) {
  return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
}

// Pixel of a world point in a --view map screenshot: the map is fitted and centred (map_view.cpp).
std::pair<int, int> pixel_of(const fx::Options& o, int w, int h, fx::Cell c) {
  const double gw = o.nx * o.cell, gh = o.ny * o.cell;
  const double m = std::max(gw / w, gh / h) * 1.02;
  const double x = (c.i + 0.5) * o.cell - gw / 2, y = (c.j + 0.5) * o.cell - gh / 2;
  return {static_cast<int>(w / 2.0 + x / m), static_cast<int>(h / 2.0 + y / m)};
}

#define SKIP_WITHOUT_DISPLAY(r) \
  if ((r).code == 3)            \
  GTEST_SKIP() << "no display could be created (run under xvfb-run -a): " << (r).output

TEST(VizScreenshot, MapShowsDepthColoursWhereTheWaterIs) {
  const auto dir = scratch_dir();
  fx::Options o;
  fx::write_results(dir / "run.h5", o);
  const auto png = dir / "map.png";
  const ViewerRun r =
      run_viewer((dir / "run.h5").string() + " --screenshot " + png.string() +
                     " --time 7200 --layers depth,roads,teams,nolegend --size 640x480 --view map",
                 true);
  SKIP_WITHOUT_DISPLAY(r);
  ASSERT_EQ(r.code, 0) << r.output;
  const Image img = load_png(png);
  ASSERT_EQ(img.w, 640);
  ASSERT_EQ(img.h, 480);
  // Four cells north of the flood centre (clear of the team and incident icons there) the
  // depth at t = 2 h is 0.86 m: the 0.5-1.0 m band colour.
  const fx::Cell probe{fx::wet_cell(o).i, fx::wet_cell(o).j - 4};
  const auto [wx, wy] = pixel_of(o, img.w, img.h, probe);
  const float depth = fx::fixture_depth(o, probe.i, probe.j, 2);
  ASSERT_GT(depth, 0.5f);
  EXPECT_LT(distance(img.at(wx, wy), depth_color(depth)), 30) << "pixel " << wx << "," << wy;
  // The dry corner shows terrain, not any depth colour.
  const auto [dx, dy] = pixel_of(o, img.w, img.h, fx::dry_cell(o));
  for (const Rgba c : kDepthColors) EXPECT_GT(distance(img.at(dx, dy), c), 60);
  // Water area: count depth-coloured pixels; the fixture flood at t = 2 h covers ~15 % of the map.
  int wet = 0;
  for (int y = 0; y < img.h; ++y)
    for (int x = 0; x < img.w; ++x)
      for (const Rgba c : kDepthColors)
        if (distance(img.at(x, y), c) < 20) {
          ++wet;
          break;
        }
  EXPECT_GT(wet, img.w * img.h / 20);
}

TEST(VizScreenshot, WithoutTheDepthLayerNoWaterIsDrawn) {
  const auto dir = scratch_dir();
  fx::Options o;
  fx::write_results(dir / "run.h5", o);
  const auto png = dir / "map.png";
  const ViewerRun r = run_viewer((dir / "run.h5").string() + " --screenshot " + png.string() +
                                     " --time 7200 --layers roads --size 320x240 --view map",
                                 true);
  SKIP_WITHOUT_DISPLAY(r);
  ASSERT_EQ(r.code, 0) << r.output;
  const Image img = load_png(png);
  const auto [wx, wy] = pixel_of(o, img.w, img.h, fx::wet_cell(o));
  for (const Rgba c : kDepthColors) EXPECT_GT(distance(img.at(wx, wy), c), 60);
}

TEST(VizScreenshot, FullUiHasTheRequestedSizeAndClampsTime) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.external_hazard = true;
  fx::write_results(dir / "run.h5", o);
  fx::write_results(dir / "other.h5", {});
  const auto png = dir / "full.png";
  const ViewerRun r =
      run_viewer((dir / "run.h5").string() + " --compare " + (dir / "other.h5").string() +
                     " --screenshot " + png.string() + " --time 1e9 --size 640x400",
                 true);
  SKIP_WITHOUT_DISPLAY(r);
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("clamped to 14400 s"), std::string::npos) << r.output;
  const Image img = load_png(png);
  EXPECT_EQ(img.w, 640);
  EXPECT_EQ(img.h, 400);
}

TEST(VizScreenshot, EglSurfacelessPathRendersTheSameMap) {
  const auto dir = scratch_dir();
  fx::Options o;
  fx::write_results(dir / "run.h5", o);
  const auto png = dir / "egl.png";
  const ViewerRun r = run_viewer((dir / "run.h5").string() + " --screenshot " + png.string() +
                                     " --time 7200 --layers depth --size 640x480 --view map",
                                 false, "SDVIZ_GL=egl ");
  if (r.code == 3) GTEST_SKIP() << "Mesa EGL surfaceless is not available here: " << r.output;
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("EGL surfaceless"), std::string::npos) << r.output;
  const Image img = load_png(png);
  ASSERT_EQ(img.w, 640);
  const fx::Cell probe{fx::wet_cell(o).i, fx::wet_cell(o).j - 4};
  const auto [wx, wy] = pixel_of(o, img.w, img.h, probe);
  EXPECT_LT(distance(img.at(wx, wy), depth_color(fx::fixture_depth(o, probe.i, probe.j, 2))), 30);
}

TEST(VizCli, BadFilesExitWithCode2AndAClearMessage) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  std::filesystem::resize_file(dir / "run.h5", std::filesystem::file_size(dir / "run.h5") / 3);
  ViewerRun r =
      run_viewer((dir / "run.h5").string() + " --screenshot " + (dir / "x.png").string(), false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("truncated"), std::string::npos) << r.output;
  r = run_viewer((dir / "missing.h5").string(), false);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.output.find("missing.h5: no such file"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.png"));
}

TEST(VizCli, UnknownLayerIsRejected) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "run.h5", {});
  const ViewerRun r =
      run_viewer((dir / "run.h5").string() + " --screenshot x.png --layers depth,lava", false);
  EXPECT_EQ(r.code, 2) << r.output;  // rejected before any display is needed
  EXPECT_NE(r.output.find("unknown layer 'lava'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sd::viz

namespace sd::viz {
namespace {

namespace fx = fixture;
using test::scratch_dir;

// Files with optional groups missing, and batch files, render without errors.
TEST(VizScreenshot, FloodOnlyStormOnlyAndBatchFilesRender) {
  const auto dir = scratch_dir();
  fx::Options o;
  o.kind = "flood";
  fx::write_results(dir / "flood.h5", o);
  o.kind = "storm";
  fx::write_results(dir / "storm.h5", o);
  fx::write_batch(dir / "batch.h5", {"flood.h5"});
  for (const char* name : {"flood", "storm", "batch"}) {
    const auto png = dir / (std::string(name) + ".png");
    const ViewerRun r = run_viewer((dir / (std::string(name) + ".h5")).string() + " --screenshot " +
                                       png.string() + " --time 3600 --size 480x320 --panel kpi",
                                   true);
    SKIP_WITHOUT_DISPLAY(r);
    ASSERT_EQ(r.code, 0) << name << ": " << r.output;
    EXPECT_EQ(load_png(png).w, 480) << name;
  }
}

TEST(VizCli, CompareRejectsADifferentGrid) {
  const auto dir = scratch_dir();
  fx::write_results(dir / "a.h5", {});
  fx::Options o;
  o.nx = 32;
  fx::write_results(dir / "b.h5", o);
  const ViewerRun r = run_viewer(
      (dir / "a.h5").string() + " --compare " + (dir / "b.h5").string() + " --screenshot x.png",
      false);
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_NE(r.output.find("grid differs"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sd::viz

namespace sd::viz {
namespace {

// Issue 14 §4: --center X,Y --zoom Z frame the screenshot; the legend, title and clock are in
// --view map too; issue 12: the fine max-depth layer shows when zoomed in.
TEST(VizScreenshot, CenterZoomFineLayerAndLegendInTheMapView) {
  const auto dir = test::scratch_dir();
  fixture::Options o;
  o.fine_ratio = 4;
  fixture::write_results(dir / "run.h5", o);
  // A cell dry in frame 0 but wet at the end: the coarse depth at t = 0 shows nothing there,
  // the fine layer (max depth of the whole run) shows its depth.
  const fixture::Cell w = fixture::wet_cell(o);
  fixture::Cell c{w.i + 9, w.j};
  ASSERT_EQ(fixture::fixture_depth(o, c.i, c.j, 0), 0.0f);
  ASSERT_GT(fixture::fixture_depth(o, c.i, c.j, o.frames - 1), 0.15f);
  const double x = 500000.0 + (c.i + 0.5) * o.cell, y = 3380000.0 - (c.j + 0.5) * o.cell;
  const std::string centre = " --center " + std::to_string(x) + "," + std::to_string(y);
  auto shot = [&](const std::string& name, const std::string& layers) {
    const auto png = dir / name;
    const ViewerRun r = run_viewer((dir / "run.h5").string() + " --screenshot " + png.string() +
                                       " --time 0 --view map --size 400x300 --zoom 16" + centre +
                                       " --layers " + layers,
                                   true);
    return std::make_pair(r, load_png(png));
  };
  auto [r1, fine] = shot("fine.png", "depth,fine,nolegend");
  SKIP_WITHOUT_DISPLAY(r1);
  ASSERT_EQ(r1.code, 0) << r1.output;
  const Rgba want = depth_color(fixture::fine_depth(o, c.i * 4 + 2, c.j * 4 + 2));
  EXPECT_LT(distance(fine.at(200, 150), want), 30);  // the centre pixel is the centred cell
  auto [r2, coarse] = shot("coarse.png", "depth,nolegend");
  ASSERT_EQ(r2.code, 0) << r2.output;
  for (const Rgba k : kDepthColors) EXPECT_GT(distance(coarse.at(200, 150), k), 60);
  // With the legend (default), its light box fills the bottom-left corner (the map there is
  // deep water, dark blue, without it); the title line (file name and clock) is a light box at
  // the top left.
  auto light = [](Rgba p) { return p.r > 200 && p.g > 200 && p.b > 200; };
  auto [r3, legend] = shot("legend.png", "depth,fine");
  ASSERT_EQ(r3.code, 0) << r3.output;
  EXPECT_TRUE(light(legend.at(6, 286)));
  EXPECT_FALSE(light(fine.at(6, 286)));
  EXPECT_TRUE(light(legend.at(6, 8)));
}

TEST(VizCli, BadCenterOrZoomExitsWithCode2) {
  const auto dir = test::scratch_dir();
  fixture::write_results(dir / "run.h5", {});
  const std::string base =
      (dir / "run.h5").string() + " --screenshot " + (dir / "x.png").string() + " --view map";
  struct Case {
    std::string args, message;
  };
  for (const Case& k : {Case{" --center 1,2,3", "--center: expected X,Y"},
                        Case{" --center abc", "--center: expected X,Y"},
                        Case{" --zoom 0", "--zoom: expected a number"},
                        Case{" --zoom nan", "--zoom"}, Case{" --center 0,0", "outside the map"}}) {
    const ViewerRun r = run_viewer(base + k.args, false);
    EXPECT_EQ(r.code, 2) << k.args << ": " << r.output;
    EXPECT_NE(r.output.find(k.message), std::string::npos) << k.args << ": " << r.output;
  }
}

}  // namespace
}  // namespace sd::viz
