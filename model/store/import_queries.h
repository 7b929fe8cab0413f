#pragma once

#include <QString>

#include <vector>

namespace faultline::store {

class SqliteDatabase;

// One row of the workspace's imports table, as the import log shows it.
struct ImportRecord
{
    qint64 id = 0;
    QString path;
    QString format;
    qint64 firstImportedAtMs = 0; // UTC epoch ms, when the rows were added
    qint64 lastImportedAtMs = 0; // UTC epoch ms, the latest (re-)import of the same content
    qint64 durationMs = 0;
    qint64 rowsAdded = 0;
    qint64 warningCount = 0;
    qint64 timesImported = 1;
};

// Past imports, most recent first. Throws StoreError when the query fails.
std::vector<ImportRecord> importHistory(const SqliteDatabase& db);

} // namespace faultline::store
