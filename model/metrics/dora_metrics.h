#pragma once

#include "metrics/metrics_options.h"
#include "store/delivery_queries.h"

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::metrics {

// Settings of the DORA metrics beyond MetricsOptions.
struct DoraOptions
{
    bool committerTime = false; // lead time from the commit's committer time instead of author time
};

// One row behind a metric, for drill-down: the deployment (and for lead time the commit) and why it
// counts (or, for rows that were left out, why not).
struct Contribution
{
    std::int64_t deploymentId = 0;
    QString sha;
    QString reason;
    // The linked incidents behind a failure (d) or a recovery by incident resolution, by id.
    std::vector<std::int64_t> incidentIds = {};
};

struct DeploymentFrequency
{
    std::int64_t deployments = 0; // successful production deployments in [from, to)
    std::optional<double> perDay; // mean over the period's days; null for an empty period
    std::map<QString, double> perDayByService;
    // Median over the period's whole weeks (7 days from `from`; a period shorter than a week counts as
    // one) of the number of days with a successful production deployment.
    std::optional<double> deployDaysPerWeekMedian;
    std::vector<Contribution> rows;
};

struct LeadTime
{
    std::optional<double> medianHours;
    std::optional<double> p90Hours;
    std::int64_t n = 0; // commits with a positive lead time
    std::vector<Contribution> rows; // also the dropped ones, with reason "dropped: …"
};

struct Rate
{
    std::optional<double> value; // null when n = 0
    std::optional<std::pair<double, double>> ci95; // Wilson; null when n = 0
    std::int64_t count = 0; // failed / unplanned
    std::int64_t n = 0; // production deployments that reached a final state
    std::vector<Contribution> rows; // the counted ones (failed / unplanned), reasons joined by "; "
};

struct RecoveryTime
{
    std::optional<double> medianHours;
    std::int64_t n = 0; // failed deployments that recovered
    std::vector<Contribution> rows; // also the unrecovered ones, with reason "not recovered: …"
};

struct DoraSegment
{
    DeploymentFrequency frequency;
    LeadTime leadTime;
    Rate changeFailureRate; // count = failed
    RecoveryTime recoveryTime;
    Rate reworkRate; // count = unplanned
    bool smallSample = true; // fewer than kSmallSample production deployments in a final state
};

struct DoraResult
{
    DoraSegment all;
    DoraSegment ai;
    DoraSegment notAi;
    const DoraSegment& segment(Segment s) const;
};

// The five DORA metrics of METRICS.md over the facts the linker left in the workspace, for all,
// AI-assisted and not AI-assisted production deployments finished in [fromMs, toMs). A production
// rule that is not a valid regular expression throws std::invalid_argument.
DoraResult computeDora(const store::DoraFacts& facts, const MetricsOptions& options,
                       const DoraOptions& dora = {});

// loadDoraFacts then computeDora.
DoraResult computeDora(const store::SqliteDatabase& db, const MetricsOptions& options,
                       const DoraOptions& dora = {});

} // namespace faultline::metrics
