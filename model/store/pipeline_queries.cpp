#include "pipeline_queries.h"

#include "sqlite_database.h"
#include "text_pool.h"

namespace faultline::store {

// Runs count by their start, or their creation when they never started. Written as an OR of two
// ranges rather than coalesce(), which no index serves: a million-job table is then read by its runs
// of the period only.
PipelineFacts loadPipelineFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs)
{
    PipelineFacts facts;
    TextPool pool;
    auto jobs = db.prepare(R"sql(
SELECT j.id, j.run_id, j.name, j.stage, j.status, j.conclusion, j.started_at, j.finished_at, j.duration_ms,
    j.queued_ms, j.runner_labels, j.runner, j.attempt, j.allow_failure, j.cache, r.started_at, r.finished_at
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id
WHERE (r.started_at >= ?1 AND r.started_at < ?2) OR (r.started_at IS NULL AND r.created_at >= ?1 AND r.created_at < ?2)
ORDER BY j.run_id, j.id
)sql");
    jobs.bind(1, fromMs).bind(2, toMs);
    while (jobs.step()) {
        PipelineJob j;
        j.id = jobs.int64(0);
        j.runId = jobs.int64(1);
        j.name = pool.get(jobs.textView(2));
        j.stage = pool.get(jobs.textView(3));
        j.status = pool.get(jobs.textView(4));
        j.conclusion = pool.get(jobs.textView(5));
        j.startedAt = jobs.optionalInt64(6);
        j.finishedAt = jobs.optionalInt64(7);
        j.durationMs = jobs.optionalInt64(8);
        j.queuedMs = jobs.optionalInt64(9);
        j.runnerLabels = pool.get(jobs.textView(10));
        j.runner = pool.get(jobs.textView(11));
        j.attempt = int(jobs.int64(12));
        j.allowFailure = jobs.int64(13) != 0;
        j.cache = pool.get(jobs.textView(14));
        j.runStartedAt = jobs.optionalInt64(15);
        j.runFinishedAt = jobs.optionalInt64(16);
        facts.jobs.push_back(std::move(j));
    }
    auto steps = db.prepare(R"sql(
SELECT s.id, s.job_id, s.name, s.cache, s.duration_ms
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id JOIN steps s ON s.job_id = j.id
WHERE s.cache IS NOT NULL
    AND ((r.started_at >= ?1 AND r.started_at < ?2) OR (r.started_at IS NULL AND r.created_at >= ?1 AND r.created_at < ?2))
ORDER BY s.id
)sql");
    steps.bind(1, fromMs).bind(2, toMs);
    while (steps.step())
        facts.cacheSteps.push_back({ steps.int64(0), steps.int64(1), pool.get(steps.textView(2)),
                                     pool.get(steps.textView(3)), steps.optionalInt64(4) });
    // A cache finding on a job whose steps carry none (a GitLab trace, a whole-job log).
    auto jobCache = db.prepare(R"sql(
SELECT j.id, j.name, j.cache, j.duration_ms
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id
WHERE j.cache IS NOT NULL AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.job_id = j.id AND s.cache IS NOT NULL)
    AND ((r.started_at >= ?1 AND r.started_at < ?2) OR (r.started_at IS NULL AND r.created_at >= ?1 AND r.created_at < ?2))
ORDER BY j.id
)sql");
    jobCache.bind(1, fromMs).bind(2, toMs);
    while (jobCache.step())
        facts.cacheSteps.push_back({ 0, jobCache.int64(0), pool.get(jobCache.textView(1)),
                                     pool.get(jobCache.textView(2)), jobCache.optionalInt64(3) });
    return facts;
}

std::vector<PipelineStep> loadPipelineSteps(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<PipelineStep> out;
    TextPool pool;
    auto st = db.prepare(R"sql(
SELECT s.job_id, j.name, s.stage, s.name, s.duration_ms
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id JOIN steps s ON s.job_id = j.id
WHERE s.duration_ms IS NOT NULL
    AND ((r.started_at >= ?1 AND r.started_at < ?2) OR (r.started_at IS NULL AND r.created_at >= ?1 AND r.created_at < ?2))
ORDER BY s.id
)sql");
    st.bind(1, fromMs).bind(2, toMs);
    while (st.step())
        out.push_back({ st.int64(0), pool.get(st.textView(1)), pool.get(st.textView(2)),
                        pool.get(st.textView(3)), st.int64(4) });
    return out;
}

} // namespace faultline::store
