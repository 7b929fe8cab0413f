#include "metric_math.h"

#include "metrics_options.h"

#include <algorithm>
#include <cmath>

namespace faultline::metrics {

const char* segmentKey(Segment segment)
{
    switch (segment) {
    case Segment::All:
        return "all";
    case Segment::Ai:
        return "ai";
    case Segment::NotAi:
        return "not_ai";
    }
    return "all";
}

std::optional<double> median(std::vector<double> values)
{
    return percentile(std::move(values), 50.0);
}

std::optional<double> percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    const auto lower = std::size_t(std::floor(rank));
    const auto upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (rank - double(lower)) * (values[upper] - values[lower]);
}

std::pair<double, double> wilson95(long long successes, long long n)
{
    if (n <= 0)
        return { 0.0, 1.0 };
    constexpr double z = 1.959963984540054;
    const double phat = double(successes) / double(n);
    const double z2n = z * z / double(n);
    const double centre = phat + z2n / 2.0;
    const double margin = z * std::sqrt(phat * (1.0 - phat) / double(n) + z2n / (4.0 * double(n)));
    const double denominator = 1.0 + z2n;
    return { std::max(0.0, (centre - margin) / denominator), std::min(1.0, (centre + margin) / denominator) };
}

} // namespace faultline::metrics
