#include "app/gl_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstring>
#include <stdexcept>

#include "app/gl.hpp"

namespace sd::viz {

namespace {
std::string g_glfw_error;
void on_glfw_error(int, const char* msg) {
  g_glfw_error = msg ? msg : "unknown GLFW error";
}
}  // namespace

GlWindow::GlWindow(int width, int height, bool visible, const char* title) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) throw std::runtime_error("no display: " + g_glfw_error);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  win_ = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!win_) {
    glfwTerminate();
    throw std::runtime_error("no display: cannot create an OpenGL 3.3 window (" + g_glfw_error +
                             ")");
  }
  glfwMakeContextCurrent(win_);
  glfwSwapInterval(1);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is computed, nothing to persist
  ImGui::StyleColorsDark();
  ImGui_ImplGlfw_InitForOpenGL(win_, true);
  ImGui_ImplOpenGL3_Init("#version 330");
}

GlWindow::~GlWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(win_);
  glfwTerminate();
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
