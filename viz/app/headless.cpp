#include "app/headless.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <vector>

#include "app/gl.hpp"

namespace sd::viz {

namespace {

void render_once(App& app, GlWindow& win, const Offscreen& fb, const HeadlessOptions& o) {
  ImGui_ImplOpenGL3_NewFrame();
  win.new_frame();
  ImGuiIO& io = ImGui::GetIO();
  // The window is only a context holder; the frame has the offscreen buffer's size.
  io.DisplaySize = ImVec2(static_cast<float>(fb.width()), static_cast<float>(fb.height()));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  if (o.map_only)
    app.map_only(io.DisplaySize, true);
  else
    app.frame(io.DisplaySize, true);
  ImGui::Render();
  fb.bind();
  glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glFinish();
}

}  // namespace

void check_screenshot_target(const std::filesystem::path& out,
                             const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(out, ec))
    throw std::invalid_argument("--screenshot " + out.string() +
                                ": is a folder; give a file name such as " +
                                (out / "view.png").string());
  for (const auto& in : inputs)
    if (!in.empty() && fs::equivalent(out, in, ec))
      throw std::invalid_argument("--screenshot " + out.string() +
                                  ": names an input file; choose another name");
  if (fs::is_regular_file(out, ec) && fs::file_size(out, ec) > 0) {
    char magic[8] = {};
    std::FILE* f = std::fopen(out.c_str(), "rb");
    const bool png =
        f && std::fread(magic, 1, 8, f) == 8 && std::memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0;
    if (f) std::fclose(f);
    if (!png)
      throw std::invalid_argument("--screenshot " + out.string() +
                                  ": exists and is not a PNG image; refusing to replace it");
  }
}

void write_screenshot(App& app, GlWindow& win, const HeadlessOptions& o,
                      const std::filesystem::path& out) {
  Offscreen fb(o.width, o.height);
  // ImGui sizes tables, tabs and auto-fit windows from the previous frame: settle first.
  for (int k = 0; k < 3; ++k) render_once(app, win, fb, o);
  const auto px = fb.read();
  const std::filesystem::path tmp = out.string() + ".tmp" + std::to_string(::getpid());
  std::error_code ec;
  if (!stbi_write_png(tmp.c_str(), o.width, o.height, 4, px.data(), o.width * 4)) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot rename " + tmp.string() + " to " + out.string() + ": " +
                             ec.message());
  }
}

void run_frame_benchmark(App& app, GlWindow& win, const HeadlessOptions& o, int n) {
  Offscreen fb(o.width, o.height);
  Document* doc = app.run();
  if (!doc || doc->file->frame_times().empty())
    throw std::runtime_error("--bench-frames needs a file with hazard frames");
  const auto& times = doc->file->frame_times();
  const int frames = std::min<int>(n, static_cast<int>(times.size()));
  // Sample frames evenly over the whole run (late frames of a flood are the big ones).
  const std::size_t stride =
      std::max<std::size_t>(1, times.size() / static_cast<std::size_t>(frames));
  using clock = std::chrono::steady_clock;
  // Wall time, and CPU time of the whole process (all llvmpipe threads): on a shared, loaded
  // machine the CPU figure is the one that says what a frame costs.
  auto cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  std::vector<double> cpu;
  auto measure = [&](int first, int count) {
    std::vector<double> ms;
    cpu.clear();
    for (int k = first; k < first + count; ++k) {
      app.view().t = times[static_cast<std::size_t>(k % frames) * stride];
      const auto t0 = clock::now();
      const double c0 = cpu_ms();
      render_once(app, win, fb, o);
      cpu.push_back(cpu_ms() - c0);
      ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    return ms;
  };
  render_once(app, win, fb, o);  // warm-up: GL objects, fonts, static rasters
  const auto cold = measure(1, frames - 1);
  const auto cold_cpu = cpu;
  const int window =
      std::max(1, std::min<int>(frames, static_cast<int>(doc->frames->capacity())) - 1);
  measure(0, window);  // fill the cache with a window of frames
  const auto warm = measure(0, window);
  const auto warm_cpu = cpu;
  auto pct = [](const std::vector<double>& v, double p) {
    return v.empty() ? 0.0
                     : v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1)))];
  };
  const auto& g = doc->file->grid();
  std::printf("grid %dx%d, %d of %zu frames, %dx%d window, renderer: %s\n", g.nx, g.ny, frames,
              times.size(), o.width, o.height,
              reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  std::printf(
      "new frame (read+compose+upload+draw): wall median %.1f ms, p95 %.1f ms; "
      "cpu median %.1f ms (n=%zu)\n",
      pct(cold, 0.5), pct(cold, 0.95), pct(cold_cpu, 0.5), cold.size());
  std::printf(
      "cached frame (compose+upload+draw):   wall median %.1f ms, p95 %.1f ms; "
      "cpu median %.1f ms (n=%zu, cache %zu frames)\n",
      pct(warm, 0.5), pct(warm, 0.95), pct(warm_cpu, 0.5), warm.size(), doc->frames->capacity());
  // Same frame again: nothing to recompose, only the UI and vectors are drawn.
  std::vector<double> same, same_cpu;
  for (int k = 0; k < 20; ++k) {
    const auto t0 = clock::now();
    const double c0 = cpu_ms();
    render_once(app, win, fb, o);
    same_cpu.push_back(cpu_ms() - c0);
    same.push_back(std::chrono::duration<double, std::milli>(clock::now() - t0).count());
  }
  std::sort(same.begin(), same.end());
  std::sort(same_cpu.begin(), same_cpu.end());
  std::printf("unchanged frame (UI + vectors only):  wall median %.1f ms; cpu median %.1f ms\n",
              pct(same, 0.5), pct(same_cpu, 0.5));
}

}  // namespace sd::viz
