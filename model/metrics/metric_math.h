#pragma once

#include <QString>

#include <cstdint>
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

// Distribution-free 95 % interval of the median: the order statistics x(j) and x(n + 1 − j) of the
// sorted values, j the largest rank with P(Binomial(n, ½) < j) ≤ 2.5 %, so the interval covers the
// population median with at least 95 % probability whatever the distribution. nullopt for fewer than
// 6 values: no pair of order statistics reaches 95 % then.
std::optional<std::pair<double, double>> medianInterval95(std::vector<double> values);
// 95 % Wilson score interval of `successes` out of `n` (METRICS.md: rates carry one); {0, 1} for n = 0.
std::pair<double, double> wilson95(long long successes, long long n);

// Weekly buckets: the Monday (UTC) of the week holding `ms` (epoch ms), as days since 1970-01-01.
// Integer keys while counting; a date string per row would cost more than the rest of a metric.
std::int64_t mondayOf(std::int64_t ms);
// "YYYY-MM-DD" of a day counted from 1970-01-01.
QString isoDateOfDay(std::int64_t daysSinceEpoch);

} // namespace faultline::metrics
