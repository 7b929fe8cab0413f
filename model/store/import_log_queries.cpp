#include "import_log_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

std::vector<ImportWarning> loadImportWarnings(const SqliteDatabase& db, qint64 importId)
{
    std::vector<ImportWarning> warnings;
    auto s = db.prepare(
        "SELECT kind, file, coalesce(line, 0), coalesce(location, ''), detail FROM import_warnings "
        "WHERE import_id = ?1 ORDER BY id");
    s.bind(1, std::int64_t(importId));
    while (s.step())
        warnings.push_back({ s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4) });
    return warnings;
}

} // namespace faultline::store
