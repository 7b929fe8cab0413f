#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace faultline::metrics {

// What the archetype heuristic looks at, taken from the other metrics.
struct ArchetypeInputs
{
    std::optional<double> deploymentsPerDay; // successful production deployments, all segments
    std::optional<double> ciFailureRate; // failed ÷ finished CI jobs over all stages
    // Median hours of the lead-time stages (coding, pickup, review, ci_wait, deploy), all segments.
    std::optional<double> coding, pickup, review, ciWait, deploy;
    std::optional<double> testShareOfCiMinutes; // test-stage minutes ÷ all CI minutes
    QString largestCiStage; // stage with the most CI minutes
    // Growth from the first to the second half of the period (second ÷ first, weekly counts).
    std::optional<double> prVolumeGrowth;
    std::optional<double> deploymentGrowth;
};

struct Archetype
{
    QString label; // empty: no profile fits
    QStringList because; // the figures that triggered it, in words
};

// METRICS.md "Archetype (heuristic, labelled as such)", the first profile that fits, in this order:
//  - "Legacy bottleneck": CI dominates — the CI job failure rate is at least kCiFailureDominates, or
//    CI wait is the largest lead-time stage — and production deploys are less than daily;
//  - "Constrained by testing": the test stage has the most CI minutes and PR volume grows faster
//    than deployments;
//  - "Pragmatic performer": deploys are daily or more and review (pickup + review) is the largest
//    part of lead time.
inline constexpr double kCiFailureDominates = 0.2;
Archetype classifyArchetype(const ArchetypeInputs& in);

} // namespace faultline::metrics
