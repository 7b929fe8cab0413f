#pragma once

#include "metrics/dora_metrics.h"

#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace faultline::metrics {

// The distribution of DORA lead times (METRICS.md "Lead time for changes": per commit, first commit
// time → successful production deployment) in fixed buckets, from the contributing rows the lead-time
// metric recorded: each counted row's reason carries its lead time ("lead time 3.25 h"); dropped rows
// are not in any bucket.
inline constexpr int kLeadTimeBuckets = 8;

struct LeadTimeBucket
{
    QString label; // "0–1 h", "1–4 h", …
    double fromHours = 0;
    std::optional<double> toHours; // exclusive; null for the last, open bucket
    std::vector<Contribution> rows; // the contributing rows in the bucket, in the metric's order
};

struct LeadTimeHistogram
{
    std::array<LeadTimeBucket, kLeadTimeBuckets> buckets;
    std::int64_t n = 0; // rows in a bucket
};

// The lead time a contributing row counted with; null for dropped rows and rows without a reason.
std::optional<double> leadTimeHoursOf(const Contribution& row);

LeadTimeHistogram leadTimeHistogram(const LeadTime& leadTime);

} // namespace faultline::metrics
