// A GLFW window with an OpenGL 3.3 core context and Dear ImGui bound to it. Headless use makes
// the window invisible and renders into an offscreen framebuffer of any size instead.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace sd::viz {

class GlWindow {
 public:
  // visible: an on-screen GLFW window. Otherwise (headless) an invisible GLFW window, falling
  // back to a Mesa EGL surfaceless context when there is no X display (or when the environment
  // sets SDVIZ_GL=egl). Throws std::runtime_error("no display: ...") when neither works.
  GlWindow(int width, int height, bool visible, const char* title);
  ~GlWindow();
  GlWindow(const GlWindow&) = delete;
  GlWindow& operator=(const GlWindow&) = delete;
  GLFWwindow* handle() const { return win_; }  // null on the EGL path
  std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
  const char* backend() const { return win_ ? "GLFW/GLX" : "EGL surfaceless"; }
  void new_frame();  // platform half of an ImGui frame (input, time)

 private:
  bool init_glfw(int width, int height, bool visible, const char* title);
  bool init_egl();
  GLFWwindow* win_ = nullptr;
  void* egl_display_ = nullptr;
  void* egl_context_ = nullptr;
  std::string error_;
};

// An RGBA8 framebuffer object of a fixed size; bind() to render into it, read() gives rows top
// to bottom (PNG order).
class Offscreen {
 public:
  Offscreen(int width, int height);
  ~Offscreen();
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;
  void bind() const;
  std::vector<std::uint8_t> read() const;
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  int w_, h_;
  unsigned fbo_ = 0, color_ = 0;
};

}  // namespace sd::viz
