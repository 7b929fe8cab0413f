#pragma once

#include <QString>

#include <cstdint>
#include <map>

namespace faultline::store {

class SqliteDatabase;

// Lines of each file at the imported head (sum of its line spans), summed across repositories by
// path: what the rework treemap sizes directories by. Empty for histories imported without contents.
std::map<QString, std::int64_t> loadHeadLinesByPath(const SqliteDatabase& db);

} // namespace faultline::store
