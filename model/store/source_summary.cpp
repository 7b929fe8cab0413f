#include "source_summary.h"

#include "sqlite_database.h"

namespace faultline::store {

namespace {

struct SourceQuery
{
    const char* kind;
    const char* sql; // one row: count, first time, last time
};

// The time each kind is placed by is the one its metrics use: authored commits, created pull
// requests and incidents, started CI work, finished deployments.
constexpr SourceQuery kSources[] = {
    { "Commits", "SELECT count(*), min(authored_at), max(authored_at) FROM commits" },
    { "Pull requests", "SELECT count(*), min(created_at), max(created_at) FROM pull_requests" },
    { "CI runs",
      "SELECT count(*), min(coalesce(started_at, created_at)), max(coalesce(started_at, created_at)) "
      "FROM pipeline_runs" },
    { "CI jobs",
      "SELECT count(*), min(coalesce(started_at, created_at)), max(coalesce(started_at, created_at)) FROM "
      "jobs" },
    { "Test results", "SELECT count(*), min(started_at), max(started_at) FROM test_cases" },
    { "Deployments",
      "SELECT count(*), min(coalesce(finished_at, started_at, created_at)), "
      "max(coalesce(finished_at, started_at, created_at)) FROM deployments" },
    { "Incidents", "SELECT count(*), min(created_at), max(created_at) FROM incidents" },
};

} // namespace

std::vector<SourceSummary> sourceSummaries(const SqliteDatabase& db)
{
    std::vector<SourceSummary> out;
    for (const SourceQuery& source : kSources) {
        auto s = db.prepare(source.sql);
        SourceSummary summary;
        summary.kind = QString::fromLatin1(source.kind);
        if (s.step()) {
            summary.rows = s.int64(0);
            summary.firstMs = s.optionalInt64(1);
            summary.lastMs = s.optionalInt64(2);
        }
        out.push_back(std::move(summary));
    }
    return out;
}

} // namespace faultline::store
