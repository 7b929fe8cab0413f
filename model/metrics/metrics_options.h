#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace faultline::metrics {

// The settings every metric of METRICS.md may use. Times are UTC epoch ms; the period is half-open
// [from, to).
struct MetricsOptions
{
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
    QStringList services; // empty: all services
    // Production rule over environment names (case-insensitive); empty: the workspace's link setting
    // (link.production_environment) or its default.
    QString environmentRule;
    // A deployment / PR / commit is AI-assisted when its AI share is >= aiThreshold, or, with
    // anyAi, when any of its commits is AI-assisted.
    double aiThreshold = 0.5;
    bool anyAi = false;
    int churnWindowDays = 14;
    // Whether results carry their contributing rows (the deployments, commits, churn and incidents
    // behind each number, with the reason each counts). The GUI's drill-down and the report's appendix
    // ask for them; `faultline metrics` does not print them, and on a workspace of a million commits
    // describing every row costs more than computing every number.
    bool contributingRows = true;
};

// The three segments every metric is shown for.
enum class Segment
{
    All,
    Ai,
    NotAi
};

inline constexpr Segment kSegments[] = { Segment::All, Segment::Ai, Segment::NotAi };
// "all", "ai", "not_ai": the JSON keys.
const char* segmentKey(Segment segment);

// METRICS.md "Small samples": a segment with fewer items is marked "too few to compare".
inline constexpr int kSmallSample = 20;

} // namespace faultline::metrics
