#include "weekly_trends.h"

#include "store/delivery_queries.h"

#include <algorithm>

namespace faultline::metrics {

int weekCount(std::int64_t fromMs, std::int64_t toMs)
{
    if (toMs <= fromMs)
        return 0;
    return int((toMs - fromMs + kWeekMs - 1) / kWeekMs);
}

std::vector<std::int64_t> bucketWeekly(const std::vector<std::int64_t>& times, std::int64_t fromMs,
                                       std::int64_t toMs)
{
    std::vector<std::int64_t> counts(size_t(weekCount(fromMs, toMs)), 0);
    for (const std::int64_t t : times) {
        if (t < fromMs || t >= toMs)
            continue;
        ++counts[size_t((t - fromMs) / kWeekMs)];
    }
    return counts;
}

WeeklyTrends computeWeeklyTrends(const store::DoraFacts& facts, const std::vector<std::int64_t>& merges,
                                 const MetricsOptions& options, Segment segment)
{
    WeeklyTrends trends;
    const int weeks = weekCount(options.fromMs, options.toMs);
    trends.weeks.reserve(size_t(weeks));
    for (int i = 0; i < weeks; ++i) {
        MetricsOptions week = options;
        week.fromMs = options.fromMs + std::int64_t(i) * kWeekMs;
        week.toMs = std::min(options.toMs, week.fromMs + kWeekMs);
        const DoraResult result = computeDora(facts, week);
        const DoraSegment& s = result.segment(segment);
        DoraWeek w;
        w.fromMs = week.fromMs;
        w.toMs = week.toMs;
        w.productionDeployments = s.frequency.deployments;
        w.deploymentsPerDay = s.frequency.perDay;
        w.leadTimeMedianHours = s.leadTime.medianHours;
        w.changeFailureRate = s.changeFailureRate.value;
        w.recoveryMedianHours = s.recoveryTime.medianHours;
        w.reworkRate = s.reworkRate.value;
        trends.weeks.push_back(w);
    }
    trends.prsMerged = bucketWeekly(merges, options.fromMs, options.toMs);
    return trends;
}

} // namespace faultline::metrics
