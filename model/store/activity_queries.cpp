#include "activity_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

std::optional<std::int64_t> latestActivityMs(const SqliteDatabase& db)
{
    auto s = db.prepare(R"sql(
SELECT max(t) FROM (
    SELECT max(coalesce(finished_at, started_at, created_at)) AS t FROM deployments
    UNION ALL SELECT max(authored_at) FROM commits
    UNION ALL SELECT max(created_at) FROM incidents
    UNION ALL SELECT max(merged_at) FROM pull_requests
    UNION ALL SELECT max(coalesce(started_at, created_at)) FROM pipeline_runs
)
)sql");
    if (!s.step())
        return std::nullopt;
    return s.optionalInt64(0);
}

} // namespace faultline::store
