#include "flood/boundary_faces.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "flood/flood_state.hpp"
#include "flood/inertial_kernels.hpp"

namespace sd::flood {
namespace {

// One edge face described from inside: cell k at the edge, k2 the next cell inward (-1 if
// none), f the face in qx or qy, sgn = +1 when +q points out of the domain.
struct EdgeFace {
  std::size_t k;
  long k2;
  std::size_t f;
  float sgn;
};

template <class Fn>
void for_edge(const Grid& g, int side, Fn&& fn) {
  const std::size_t nx = static_cast<std::size_t>(g.nx), ny = static_cast<std::size_t>(g.ny);
  switch (side) {
    case 0:  // North: faces qy[i], outward = -y (row order), i.e. -q
      for (std::size_t i = 0; i < nx; ++i)
        fn(EdgeFace{i, ny > 1 ? static_cast<long>(nx + i) : -1, i, -1.0f});
      break;
    case 1:  // East: faces qx[j*(nx+1)+nx]
      for (std::size_t j = 0; j < ny; ++j) {
        const std::size_t k = j * nx + nx - 1;
        fn(EdgeFace{k, nx > 1 ? static_cast<long>(k - 1) : -1, j * (nx + 1) + nx, 1.0f});
      }
      break;
    case 2:  // South: faces qy[ny*nx+i]
      for (std::size_t i = 0; i < nx; ++i) {
        const std::size_t k = (ny - 1) * nx + i;
        fn(EdgeFace{k, ny > 1 ? static_cast<long>(k - nx) : -1, ny * nx + i, 1.0f});
      }
      break;
    default:  // West: faces qx[j*(nx+1)]
      for (std::size_t j = 0; j < ny; ++j) {
        const std::size_t k = j * nx;
        fn(EdgeFace{k, nx > 1 ? static_cast<long>(k + 1) : -1, j * (nx + 1), -1.0f});
      }
  }
}

}  // namespace

void BoundaryFaces::init(const Model& m) {
  const auto& z = m.z_rel();
  const auto& act = m.active();
  for (int s = 0; s < 4; ++s) {
    double zm = std::numeric_limits<double>::infinity();
    for_edge(m.grid(), s, [&](const EdgeFace& e) {
      if (act[e.k]) zm = std::min(zm, static_cast<double>(z[e.k]));
    });
    zmin[static_cast<std::size_t>(s)] = zm;
  }
}

double BoundaryFaces::max_ghost_depth(const Model& m, double t) const {
  double d = 0.0;
  for (int s = 0; s < 4; ++s) {
    const Edge& e = m.spec().edges[static_cast<std::size_t>(s)];
    if (e.kind != Edge::Kind::Level || !std::isfinite(zmin[static_cast<std::size_t>(s)])) continue;
    d = std::max(d, e.level.at(t) - m.datum() - zmin[static_cast<std::size_t>(s)]);
  }
  return d;
}

void BoundaryFaces::begin_step(const Model& m, double t, double dt) {
  for (std::size_t s = 0; s < 4; ++s) {
    const Edge& e = m.spec().edges[s];
    level[s] = e.kind == Edge::Kind::Level ? e.level.at(t + 0.5 * dt) - m.datum() : 0.0;
  }
}

namespace {

// One edge face: the inertial formula against a ghost cell. Open: surface slope = bed slope
// toward the edge (normal depth), outflow only. Level: ghost surface at the imposed level,
// bed = the edge cell's bed, one dx beyond it.
void edge_face(const Model& m, const Edge& edge, double level, const EdgeFace& e, double dt,
               const std::vector<double>& h, const float* qold, float* q, EdgeFlow& flow) {
  const Options& o = m.options();
  const auto& z = m.z_rel();
  const auto& act = m.active();
  const double dx = m.grid().cell;
  double qo = 0.0;  // outward discharge
  if (edge.kind != Edge::Kind::Closed && act[e.k]) {
    const auto& n2c = m.n2();
    const double nu = m.spec().manning_uniform;
    const double n2 = n2c.empty() ? nu * nu : n2c[e.k];
    const double q0 = e.sgn * qold[e.f];
    const double hk = h[e.k], zk = z[e.k];
    double hf = 0.0, grad_out = 0.0;  // d(eta)/d(outward distance)
    if (edge.kind == Edge::Kind::Open) {
      double slope = o.open_min_slope;
      if (e.k2 >= 0 && act[static_cast<std::size_t>(e.k2)])
        slope = std::max(slope, (z[static_cast<std::size_t>(e.k2)] - zk) / dx);
      hf = hk;
      grad_out = -slope;
    } else {
      hf = std::max(level, hk + zk) - zk;
      grad_out = (level - (hk + zk)) / dx;
    }
    if (hf > o.h_dry) {
      const double den = 1.0 + o.g * dt * n2 * std::fabs(q0) / (hf * hf * std::cbrt(hf));
      qo = (q0 - o.g * hf * dt * grad_out) / den;
      if (edge.kind == Edge::Kind::Open) qo = std::max(qo, 0.0);
      // One face can at most empty its cell; flux_repair handles several faces together.
      if (qo > 0.0) qo = std::min(qo, hk * dx / dt);
    }
  }
  const float qf = static_cast<float>(qo);
  q[e.f] = e.sgn * qf;
  const double vol = static_cast<double>(qf) * dt * dx;  // the float value the cells see
  if (vol > 0)
    flow.out += vol;
  else
    flow.in -= vol;
}

}  // namespace

EdgeFlow BoundaryFaces::apply_side(const Model& m, int side, double dt,
                                   const std::vector<double>& h, const float* qy_old,
                                   float* qy) const {
  EdgeFlow f;
  const Edge& edge = m.spec().edges[static_cast<std::size_t>(side)];
  if (edge.kind == Edge::Kind::Closed) return f;
  const double lv = level[static_cast<std::size_t>(side)];
  for_edge(m.grid(), side,
           [&](const EdgeFace& e) { edge_face(m, edge, lv, e, dt, h, qy_old, qy, f); });
  return f;
}

EdgeFlow BoundaryFaces::apply_row(const Model& m, int j, double dt, const std::vector<double>& h,
                                  const float* qx_old, float* qx) const {
  EdgeFlow f;
  const Grid& g = m.grid();
  const std::size_t nx = static_cast<std::size_t>(g.nx), ju = static_cast<std::size_t>(j);
  const auto& edges = m.spec().edges;
  const Edge& west = edges[static_cast<std::size_t>(Side::West)];
  const Edge& east = edges[static_cast<std::size_t>(Side::East)];
  if (west.kind != Edge::Kind::Closed) {
    const std::size_t k = ju * nx;
    edge_face(m, west, level[3],
              EdgeFace{k, nx > 1 ? static_cast<long>(k + 1) : -1, ju * (nx + 1), -1.0f}, dt, h,
              qx_old, qx, f);
  }
  if (east.kind != Edge::Kind::Closed) {
    const std::size_t k = ju * nx + nx - 1;
    edge_face(m, east, level[1],
              EdgeFace{k, nx > 1 ? static_cast<long>(k - 1) : -1, ju * (nx + 1) + nx, 1.0f}, dt, h,
              qx_old, qx, f);
  }
  return f;
}

}  // namespace sd::flood
