#pragma once

#include <cstdint>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// Merge times (UTC epoch ms, ascending) of the pull requests merged in [fromMs, toMs), bots left out
// as the lead-time breakdown leaves them out: the "PRs merged" side of the velocity gap.
std::vector<std::int64_t> loadPullRequestMerges(const SqliteDatabase& db, std::int64_t fromMs,
                                                std::int64_t toMs);

} // namespace faultline::store
