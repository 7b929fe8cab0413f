#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <map>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::test {

// One table's rows, in storage order: equal digests mean equal data.
struct TableState
{
    std::int64_t rows = 0;
    QByteArray digest;
    bool operator==(const TableState&) const = default;
};
using Snapshot = std::map<QString, TableState>;

// Every table of the workspace with its row count and a digest of its rows (NULL told apart from
// ""), so a test can tell "unchanged" and "exactly the finished import" from anything in between.
Snapshot snapshot(const store::SqliteDatabase& db);

using RowCounts = std::map<QString, std::int64_t>;
RowCounts rowCounts(const Snapshot& snapshot);
// "commits=12 deployments=3 …" for failure messages.
QString describe(const RowCounts& counts);

// PRAGMA integrity_check's lines joined: "ok" for a sound file.
QString integrityCheck(const store::SqliteDatabase& db);

// Deletes a workspace file with its -wal and -shm.
void removeWorkspace(const QString& path);

} // namespace faultline::test
