#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace faultline::metrics {

// Median of the values (the mean of the two middle ones for an even count); nullopt when empty.
// Takes a copy: callers keep their order.
std::optional<double> median(std::vector<double> values);

// The p-th percentile (0–100) by linear interpolation between closest ranks (the "R-7" / NumPy
// default method), so p50 equals the median; nullopt when empty.
std::optional<double> percentile(std::vector<double> values, double p);

// 95 % Wilson score interval of `successes` out of `n` (METRICS.md: rates carry one); {0, 1} for n = 0.
std::pair<double, double> wilson95(long long successes, long long n);

} // namespace faultline::metrics
