#include "trend_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

std::vector<std::int64_t> loadPullRequestMerges(const SqliteDatabase& db, std::int64_t fromMs,
                                                std::int64_t toMs)
{
    std::vector<std::int64_t> merges;
    auto s = db.prepare("SELECT merged_at FROM pull_requests WHERE merged_at >= ?1 AND merged_at < ?2 "
                        "AND is_bot = 0 ORDER BY merged_at");
    s.bind(1, fromMs).bind(2, toMs);
    while (s.step())
        merges.push_back(s.int64(0));
    return merges;
}

} // namespace faultline::store
