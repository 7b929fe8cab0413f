#include "ci_failure_queries.h"

#include "sqlite_database.h"
#include "text_pool.h"

namespace faultline::store {

namespace {

// As in pipeline_queries: an OR of two ranges, which the run start and creation indexes serve.
constexpr const char* kRunsOfPeriod
    = "((r.started_at >= ?1 AND r.started_at < ?2) OR (r.started_at IS NULL AND r.created_at >= ?1 "
      "AND r.created_at < ?2))";

} // namespace

CiFailureFacts loadCiFailureFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs)
{
    CiFailureFacts facts;
    TextPool pool;
    {
        auto q = db.prepare(std::string(R"sql(
SELECT j.id, j.run_id, j.name, j.status, j.conclusion, f.service, f.normalized, j.error_line,
    coalesce(j.started_at, r.started_at, r.created_at, 0), r.head_sha
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id JOIN fingerprints f ON f.id = j.fingerprint_id
WHERE )sql") + kRunsOfPeriod + " ORDER BY 9, j.id");
        q.bind(1, fromMs).bind(2, toMs);
        while (q.step())
            facts.failures.push_back({ q.int64(0), q.int64(1), pool.get(q.textView(2)),
                                       pool.get(q.textView(3)), pool.get(q.textView(4)),
                                       pool.get(q.textView(5)), pool.get(q.textView(6)), q.text(7),
                                       q.int64(8), q.text(9) });
    }
    {
        // Served by the partial index test_cases_flaky (schema v5): flaky results are few.
        auto q = db.prepare(std::string(R"sql(
SELECT t.id, t.suite, t.classname, t.name, coalesce(t.commit_sha, r.head_sha, ''),
    coalesce(r.started_at, r.created_at, t.started_at, 0)
FROM test_cases t JOIN pipeline_runs r ON r.id = t.run_id
WHERE (t.flaky = 1 OR t.outcome = 'flaky') AND )sql")
                            + kRunsOfPeriod + " ORDER BY 6, t.id");
        q.bind(1, fromMs).bind(2, toMs);
        while (q.step())
            facts.flaky.push_back({ q.int64(0), pool.get(q.textView(1)), pool.get(q.textView(2)),
                                    pool.get(q.textView(3)), q.text(4), q.int64(5) });
    }
    return facts;
}

} // namespace faultline::store
