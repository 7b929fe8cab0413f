#pragma once

#include "store/pipeline_queries.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::metrics {

// METRICS.md "Pipeline stage timing" per week: the same stage durations as computePipelineMetrics
// (a stage's span within a run attempt), bucketed by the week the run attempt started, so the
// Pipeline view can show how p50/p90 and CI minutes move over time.
struct StageWeekCell
{
    std::optional<double> p50s;
    std::optional<double> p90s;
    int runs = 0; // run attempts with a timed job of this stage (n of p50/p90)
    double minutes = 0; // job durations summed, by the week the job started
    std::optional<double> cost; // minutes × rate per runner label; null without rates
    std::vector<std::int64_t> jobIds; // the jobs behind the cell
};

// The slowest jobs by name (a job is the step a CI provider bills and shows): p50/p90 of the job's
// own duration.
struct SlowJob
{
    QString name;
    QString stage;
    std::optional<double> p50s;
    std::optional<double> p90s;
    int jobs = 0; // with a duration: n of p50/p90
    std::vector<std::int64_t> jobIds;
};

struct StageTotal
{
    QString stage;
    double minutes = 0;
    std::optional<double> cost;
};

struct StageWeeks
{
    std::vector<std::int64_t> mondays; // days since 1970-01-01, every week from the first to the last
    std::vector<QString> stages; // checkout, setup, build, lint, test, package, deploy, other, others
    std::vector<std::vector<StageWeekCell>> cells; // [week][stage]
    std::vector<StageTotal> totals; // per stage, in `stages` order
    std::vector<SlowJob> slowest; // highest p90 first, then name; at most `slowestLimit`
    std::vector<QString> unpricedRunners; // runner labels with minutes but no rate (rates given)
};

StageWeeks computeStageWeeks(const store::PipelineFacts& facts,
                             const QHash<QString, double>& ratePerMinuteByRunner = {}, int slowestLimit = 25);

// The slowest steps, as SlowJob rows named "<job> › <step>" (stage: the step's), each counting the
// step's own duration in every job that ran it; jobIds are those jobs. Highest p90 first, then name.
std::vector<SlowJob> slowestSteps(const std::vector<store::PipelineStep>& steps, int limit = 25);

} // namespace faultline::metrics
