#pragma once
// Rain supplied to a flood State at run time, without files. The solver asks for the MEAN
// rate over an interval [t0, t1] it is about to integrate, so the rain volume it adds is the
// exact integral of the source whenever the source is linear inside that interval; sources
// announce the times where they change slope (next_break) and steps land on them exactly.
#include <functional>
#include <limits>
#include <vector>

#include "core/time_series.hpp"

namespace sd::flood {

class RainSource {
 public:
  virtual ~RainSource() = default;
  // True when the rate is the same in every cell (then only uniform_mmph is called).
  virtual bool uniform() const = 0;
  // Mean rate (mm/h) over [t0, t1] for a uniform source.
  virtual double uniform_mmph(double t0, double t1) const = 0;
  // Mean rate (mm/h) over [t0, t1] in each of grid.size() cells, written to `mmph`.
  virtual void fill_mmph(double t0, double t1, float* mmph) const = 0;
  // The first time > t at which the rate may change slope or jump (+inf when none).
  virtual double next_break(double t) const = 0;
};

// A uniform hyetograph (mm/h). Linear: piecewise-linear between samples (sd::TimeSeries
// convention). Steps: rate v[k] holds on [t[k], t[k+1]) and v.back() after the last sample.
// Both are held at v.front() before the first sample.
class UniformRain final : public RainSource {
 public:
  enum class Shape { Linear, Steps };
  explicit UniformRain(TimeSeries mmph, Shape shape = Shape::Linear)
      : ts_(std::move(mmph)), shape_(shape) {}
  // R mm/h from t = 0 until exactly t = hours * 3600, then none.
  static UniformRain block(double mmph, double hours) {
    return UniformRain(TimeSeries{{0.0, hours * 3600.0}, {mmph, 0.0}}, Shape::Steps);
  }

  bool uniform() const override { return true; }
  double uniform_mmph(double t0, double t1) const override;          // exact mean of the shape
  void fill_mmph(double t0, double t1, float* mmph) const override;  // not used (uniform)
  double next_break(double t) const override;
  const TimeSeries& series() const { return ts_; }

 private:
  double integral(double t) const;  // mm/h * s from -inf reference 0 to t, relative
  TimeSeries ts_;
  Shape shape_;
};

// A grid source from a callback that fills the rate field (mm/h) for time t (e.g. the storm
// module interpolating its frames). The mean over [t0, t1] is taken as the trapezoid of the
// end-point fields; `breaks` lists the source's frame times so steps land on them.
class CallbackRain final : public RainSource {
 public:
  using Fill = std::function<void(double t, float* mmph)>;
  CallbackRain(std::size_t cells, Fill fill, std::vector<double> breaks = {});
  bool uniform() const override { return false; }
  double uniform_mmph(double, double) const override { return 0.0; }
  void fill_mmph(double t0, double t1, float* mmph) const override;
  double next_break(double t) const override;

 private:
  std::size_t cells_;
  Fill fill_;
  std::vector<double> breaks_;
  mutable std::vector<float> tmp_;
};

}  // namespace sd::flood
