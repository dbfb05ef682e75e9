// The OpenGL entry points the viewer calls directly (textures, framebuffer objects, read-back).
// Mesa's libGL exports GL 3 functions, so prototypes are enough; ImGui's backend loads its own.
#pragma once

#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
