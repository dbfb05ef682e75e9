#include "app/gl_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "app/gl.hpp"

namespace sd::viz {

namespace {
std::string g_glfw_error;
void on_glfw_error(int, const char* msg) {
  g_glfw_error = msg ? msg : "unknown GLFW error";
}
}  // namespace

bool GlWindow::init_glfw(int width, int height, bool visible, const char* title) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    error_ = "GLFW: " + g_glfw_error;
    return false;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  win_ = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!win_) {
    error_ = "GLFW: cannot create an OpenGL 3.3 window (" + g_glfw_error + ")";
    glfwTerminate();
    return false;
  }
  glfwMakeContextCurrent(win_);
  glfwSwapInterval(1);
  return true;
}

bool GlWindow::init_egl() {
  // Mesa's surfaceless platform: a GL context with no window system at all; rendering goes to
  // the offscreen framebuffer only (EGL_MESA_platform_surfaceless, EGL_KHR_no_config_context).
  auto get_display = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(
      eglGetProcAddress("eglGetPlatformDisplayEXT"));
  EGLDisplay dpy = get_display
                       ? get_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr)
                       : EGL_NO_DISPLAY;
  if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, nullptr, nullptr)) {
    error_ += "; EGL surfaceless: no display";
    return false;
  }
  const EGLint attrs[] = {EGL_CONTEXT_MAJOR_VERSION,
                          3,
                          EGL_CONTEXT_MINOR_VERSION,
                          3,
                          EGL_CONTEXT_OPENGL_PROFILE_MASK,
                          EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                          EGL_NONE};
  EGLContext ctx = EGL_NO_CONTEXT;
  if (eglBindAPI(EGL_OPENGL_API))
    ctx = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
  if (ctx == EGL_NO_CONTEXT || !eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
    if (ctx != EGL_NO_CONTEXT) eglDestroyContext(dpy, ctx);
    eglTerminate(dpy);
    error_ += "; EGL surfaceless: no OpenGL 3.3 core context";
    return false;
  }
  egl_display_ = dpy;
  egl_context_ = ctx;
  return true;
}

GlWindow::GlWindow(int width, int height, bool visible, const char* title) {
  const char* force = std::getenv("SDVIZ_GL");
  const bool want_egl = !visible && force && std::string(force) == "egl";
  const bool ok =
      (!want_egl && init_glfw(width, height, visible, title)) || (!visible && init_egl());
  if (!ok) throw std::runtime_error("no display: " + error_);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is computed, nothing to persist
  // Scenario names use punctuation beyond the built-in font's Latin-1 (em dashes, arrows);
  // DejaVu Sans (Debian fonts-dejavu-core) covers them. Without the file the built-in font
  // stays, and such characters show as '?'.
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190,
                                    0x21FF, 0x2200, 0x22FF, 0};
  const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 14.0f, nullptr, kRanges);
  ImGui::StyleColorsDark();
  if (win_) ImGui_ImplGlfw_InitForOpenGL(win_, true);
  ImGui_ImplOpenGL3_Init("#version 330");
}

GlWindow::~GlWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  if (win_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  if (win_) {
    glfwDestroyWindow(win_);
    glfwTerminate();
  }
  if (egl_display_) {
    eglMakeCurrent(egl_display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(egl_display_, egl_context_);
    eglTerminate(egl_display_);
  }
}

void GlWindow::new_frame() {
  if (win_) {
    ImGui_ImplGlfw_NewFrame();
    return;
  }
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;  // headless: a nominal frame interval
}

std::string GlWindow::renderer() const {
  const auto* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return r ? r : "unknown";
}

Offscreen::Offscreen(int width, int height) : w_(width), h_(height) {
  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glGenRenderbuffers(1, &color_);
  glBindRenderbuffer(GL_RENDERBUFFER, color_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    throw std::runtime_error("cannot create a " + std::to_string(width) + "x" +
                             std::to_string(height) + " offscreen framebuffer");
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

Offscreen::~Offscreen() {
  glDeleteFramebuffers(1, &fbo_);
  glDeleteRenderbuffers(1, &color_);
}

void Offscreen::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, w_, h_);
}

std::vector<std::uint8_t> Offscreen::read() const {
  const std::size_t row = static_cast<std::size_t>(w_) * 4;
  std::vector<std::uint8_t> px(row * static_cast<std::size_t>(h_));
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w_, h_, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  // GL rows run bottom-up; PNG rows top-down.
  std::vector<std::uint8_t> tmp(row);
  for (int y = 0; y < h_ / 2; ++y) {
    std::uint8_t* a = px.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* b = px.data() + static_cast<std::size_t>(h_ - 1 - y) * row;
    std::memcpy(tmp.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, tmp.data(), row);
  }
  for (std::size_t k = 3; k < px.size(); k += 4) px[k] = 255;  // opaque PNG
  return px;
}

}  // namespace sd::viz
