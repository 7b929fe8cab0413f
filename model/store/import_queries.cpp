#include "import_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

std::vector<ImportRecord> importHistory(const SqliteDatabase& db)
{
    auto stmt = db.prepare("SELECT id, path, format, started_at, last_imported_at, duration_ms, rows_inserted, "
                           "warning_count, import_count FROM imports ORDER BY last_imported_at DESC, id DESC");
    std::vector<ImportRecord> records;
    while (stmt.step()) {
        ImportRecord r;
        r.id = stmt.int64(0);
        r.path = stmt.text(1);
        r.format = stmt.text(2);
        r.firstImportedAtMs = stmt.int64(3);
        r.lastImportedAtMs = stmt.int64(4);
        r.durationMs = stmt.int64(5);
        r.rowsAdded = stmt.int64(6);
        r.warningCount = stmt.int64(7);
        r.timesImported = stmt.int64(8);
        records.push_back(std::move(r));
    }
    return records;
}

} // namespace faultline::store
