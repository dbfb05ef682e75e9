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

void BoundaryFaces::apply(const Model& m, double t, double dt, const std::vector<double>& h,
                          std::vector<float>& qx, std::vector<float>& qy, Budget& b) const {
  const Grid& g = m.grid();
  const Options& o = m.options();
  const auto& z = m.z_rel();
  const auto& act = m.active();
  const auto& n2c = m.n2();
  const double nu = m.spec().manning_uniform;
  const double dx = g.cell;
  const double lim = dx / dt;  // one face can at most empty its cell; flux_repair does the rest
  for (int s = 0; s < 4; ++s) {
    const Edge& edge = m.spec().edges[static_cast<std::size_t>(s)];
    std::vector<float>& q = (s == 0 || s == 2) ? qy : qx;
    const double level =
        edge.kind == Edge::Kind::Level ? edge.level.at(t + 0.5 * dt) - m.datum() : 0.0;
    double out = 0.0, in = 0.0;
    for_edge(g, s, [&](const EdgeFace& e) {
      double qo = 0.0;  // outward discharge
      if (edge.kind != Edge::Kind::Closed && act[e.k]) {
        const double n2 = n2c.empty() ? nu * nu : n2c[e.k];
        const double q0 = e.sgn * q[e.f];
        const double hk = h[e.k], zk = z[e.k];
        double hf = 0.0, grad_out = 0.0;  // d(eta)/d(outward distance)
        if (edge.kind == Edge::Kind::Open) {
          // Free outflow at normal depth: surface slope = bed slope toward the edge.
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
          const double hc = std::max(hf, static_cast<double>(o.h_dry));
          const double den = 1.0 + o.g * dt * n2 * std::fabs(q0) / (hc * hc * std::cbrt(hc));
          qo = (q0 - o.g * hc * dt * grad_out) / den;
          if (edge.kind == Edge::Kind::Open) qo = std::max(qo, 0.0);
          if (qo > 0.0) qo = std::min(qo, lim * hk);
        }
      }
      const float qf = static_cast<float>(qo);
      q[e.f] = e.sgn * qf;
      const double vol = static_cast<double>(qf) * dt * dx;  // the float value the cells see
      if (vol > 0)
        out += vol;
      else
        in -= vol;
    });
    b.boundary_out += out;
    b.boundary_in += in;
  }
}

}  // namespace sd::flood
