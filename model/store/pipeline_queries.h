#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// What the pipeline metrics (model/metrics/pipeline_metrics) read about CI: one row per job of a run
// attempt started in [fromMs, toMs), and one per step whose log showed a cache restore.
struct PipelineJob
{
    std::int64_t id = 0;
    std::int64_t runId = 0;
    QString name;
    QString stage; // canonical stage
    QString status;
    QString conclusion;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::optional<std::int64_t> durationMs;
    std::optional<std::int64_t> queuedMs;
    QString runnerLabels; // JSON array text, or empty
    QString runner;
    int attempt = 1;
    bool allowFailure = false;
    QString cache; // "hit", "miss" or empty: a job-level cache finding
    // The run attempt's wall time.
    std::optional<std::int64_t> runStartedAt;
    std::optional<std::int64_t> runFinishedAt;
};

struct PipelineCacheStep
{
    std::int64_t stepId = 0; // 0 for a job-level finding
    std::int64_t jobId = 0;
    QString name; // step name (job name for a job-level finding)
    QString cache; // hit or miss
    std::optional<std::int64_t> durationMs;
};

struct PipelineFacts
{
    std::vector<PipelineJob> jobs; // by run id, then job id
    std::vector<PipelineCacheStep> cacheSteps; // by step id
};

// One step with a duration, of a job of a run in the period: what "slowest steps" ranks.
struct PipelineStep
{
    std::int64_t jobId = 0;
    QString job; // the job's name
    QString stage; // the step's canonical stage
    QString step;
    std::int64_t durationMs = 0;
};

// Jobs of runs started in [fromMs, toMs) (a run without a start time counts by its creation time).
PipelineFacts loadPipelineFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs);

// The steps with a duration of the same runs, by step id.
std::vector<PipelineStep> loadPipelineSteps(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs);

} // namespace faultline::store
