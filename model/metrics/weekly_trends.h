#pragma once

#include "metrics/dora_metrics.h"
#include "metrics/metrics_options.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {
struct DoraFacts;
}

namespace faultline::metrics {

inline constexpr std::int64_t kWeekMs = 7LL * 86400 * 1000;

// Weeks of [fromMs, toMs) counted from fromMs: week i is [from + i·7 d, from + (i+1)·7 d) cut at
// toMs, so the last week may be shorter. 0 for an empty period.
int weekCount(std::int64_t fromMs, std::int64_t toMs);

// How many of `times` fall in each week of [fromMs, toMs); times outside the period are ignored.
std::vector<std::int64_t> bucketWeekly(const std::vector<std::int64_t>& times, std::int64_t fromMs,
                                       std::int64_t toMs);

// The five DORA headline values of one week, computed by computeDora over that week alone, so a
// sparkline point follows exactly the definition of the tile above it.
struct DoraWeek
{
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    std::int64_t productionDeployments = 0; // successful, the deployment-frequency count
    std::optional<double> deploymentsPerDay;
    std::optional<double> leadTimeMedianHours;
    std::optional<double> changeFailureRate;
    std::optional<double> recoveryMedianHours;
    std::optional<double> reworkRate;
};

struct WeeklyTrends
{
    std::vector<DoraWeek> weeks;
    std::vector<std::int64_t> prsMerged; // one per week, same order
};

// Weekly DORA values of `segment` over options' period, plus the merges (from
// store::loadPullRequestMerges) bucketed into the same weeks.
WeeklyTrends computeWeeklyTrends(const store::DoraFacts& facts, const std::vector<std::int64_t>& merges,
                                 const MetricsOptions& options, Segment segment = Segment::All);

} // namespace faultline::metrics
