#pragma once

#include "store/pipeline_queries.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace faultline::metrics {

// METRICS.md "Pipeline stage timing", over the jobs of the runs in the period.
struct StageTiming
{
    QString stage;
    // Duration of the stage within a run attempt: from its first job's start to its last job's finish
    // (the sum of its jobs' durations when they carry no times). Seconds.
    std::optional<double> p50s;
    std::optional<double> p90s;
    // Sum of the stage's durations ÷ sum of those runs' wall times, in [0, 1].
    std::optional<double> share;
    std::optional<double> queueP50s; // median of the jobs' queue times (started − queued)
    std::optional<double> failureRate; // failed jobs ÷ finished jobs
    std::optional<double> retryRate; // jobs with attempt > 1 ÷ jobs
    int runs = 0; // run attempts with a job of this stage
    int jobs = 0;
    int finished = 0; // n of the failure rate
    int failed = 0;
    std::vector<std::int64_t> jobIds; // the rows behind the numbers
};

struct CiMinutes
{
    double total = 0;
    std::map<QString, double> byStage;
    std::map<QString, double> byRunner; // first runner label, else the runner's name, else "unknown"
    std::map<QString, double> byWeek; // Monday (UTC) of the week the job started, "YYYY-MM-DD"
    // Σ minutes × rate per runner label (per-minute rates from settings); null without rates.
    std::optional<double> estimatedCost;
    std::vector<QString> unpricedRunners; // runner labels with minutes but no rate
};

struct CacheSaving
{
    QString step;
    int hits = 0;
    int misses = 0;
    std::optional<double> medianHitS;
    std::optional<double> medianMissS;
    // (median miss − median hit) × misses, never negative; null without both medians.
    std::optional<double> estimatedSavingS;
    std::vector<std::int64_t> jobIds; // the jobs whose step (or log) showed the restore
};

struct PipelineMetrics
{
    std::vector<StageTiming>
        stages; // checkout, setup, build, lint, test, package, deploy, other, then others
    CiMinutes ciMinutes;
    std::vector<CacheSaving> cache; // largest saving first, then by step name
};

// A job's outcome is a failure (failure, failed, error, timed_out… in any provider's spelling).
bool isFailedJob(const QString& status, const QString& conclusion);

PipelineMetrics computePipelineMetrics(const store::PipelineFacts& facts,
                                       const QHash<QString, double>& ratePerMinuteByRunner = {});

} // namespace faultline::metrics
