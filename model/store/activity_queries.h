#pragma once

#include <cstdint>
#include <optional>

namespace faultline::store {

class SqliteDatabase;

// The time of the workspace's latest activity: a deployment, commit, incident, merged pull request or
// CI run; nullopt when it holds none.
std::optional<std::int64_t> latestActivityMs(const SqliteDatabase& db);

} // namespace faultline::store
