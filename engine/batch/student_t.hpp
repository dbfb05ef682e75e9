#pragma once
// Student's t distribution for the adjusted intervals and the p-values of plan comparisons
// (docs/batch.md, "How comparisons are judged").
namespace sd {

// P(T <= t) for T ~ Student t with `df` degrees of freedom, through the regularised
// incomplete beta function: P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2) (Abramowitz & Stegun
// 26.7.1 and 26.5.27).
double t_cdf(double t, double df);

// Two-sided p-value of t: P(|T| >= |t|).
double t_two_sided_p(double t, double df);

// The quantile q with P(T <= q) = p, 0 < p < 1 (bisection on t_cdf; NaN for bad arguments).
double t_quantile(double p, double df);

}  // namespace sd
