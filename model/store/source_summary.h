#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// One kind of imported data as the report's cover lists it: how many rows the workspace holds and
// the span of their times, so a reader sees what the numbers rest on (and what is missing).
struct SourceSummary
{
    QString kind; // "Commits", "Pull requests", …
    std::int64_t rows = 0;
    std::optional<std::int64_t> firstMs; // UTC epoch ms; null when no row has a time
    std::optional<std::int64_t> lastMs;
};

// Every kind, in a fixed order (commits, pull requests, CI runs, CI jobs, test results, deployments,
// incidents), also those with no rows. The whole workspace, not a period: the cover describes the
// sources, the sections the period. Throws StoreError when a query fails.
std::vector<SourceSummary> sourceSummaries(const SqliteDatabase& db);

} // namespace faultline::store
