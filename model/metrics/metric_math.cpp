#include "metric_math.h"

#include "metrics_options.h"

#include <QDate>

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

std::optional<std::pair<double, double>> medianInterval95(std::vector<double> values)
{
    const auto n = double(values.size());
    // P(Binomial(n, ½) <= k), summed in log space: ½^n underflows from n = 1075.
    const double logHalfN = -n * std::log(2.0);
    const double logNFactorial = std::lgamma(n + 1);
    double cumulative = 0;
    std::size_t rank = 0; // j
    for (std::size_t k = 0; k < values.size(); ++k) {
        const double kk = double(k);
        cumulative += std::exp(logNFactorial - std::lgamma(kk + 1) - std::lgamma(n - kk + 1) + logHalfN);
        if (cumulative > 0.025)
            break;
        rank = k + 1;
    }
    if (rank == 0)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    return std::pair { values[rank - 1], values[values.size() - rank] };
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

std::int64_t mondayOf(std::int64_t ms)
{
    constexpr std::int64_t kDayMs = 86400LL * 1000;
    const std::int64_t day = ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
    // 1970-01-01 was a Thursday: three days after a Monday.
    return day - (((day % 7) + 7 + 3) % 7);
}

QString isoDateOfDay(std::int64_t daysSinceEpoch)
{
    constexpr std::int64_t kJulianDayOfEpoch = 2440588;
    return QDate::fromJulianDay(kJulianDayOfEpoch + daysSinceEpoch).toString(Qt::ISODate);
}

} // namespace faultline::metrics
