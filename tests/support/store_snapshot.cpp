#include "store_snapshot.h"

#include "store/sqlite_database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStringList>

namespace faultline::test {

Snapshot snapshot(const store::SqliteDatabase& db)
{
    Snapshot out;
    auto tables
        = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (tables.step()) {
        const QString name = tables.text(0);
        // Table names come from the schema, never from imported data.
        auto rows = db.prepare("SELECT * FROM \"" + name.toStdString() + '"');
        QCryptographicHash hash(QCryptographicHash::Sha256);
        TableState state;
        while (rows.step()) {
            ++state.rows;
            for (int c = 0; c < rows.columnCount(); ++c) {
                hash.addData(rows.isNull(c) ? QByteArrayView("\x01N") : QByteArrayView("\x01V"));
                hash.addData(rows.utf8(c));
            }
        }
        state.digest = hash.result();
        out[name] = state;
    }
    return out;
}

RowCounts rowCounts(const Snapshot& snapshot)
{
    RowCounts out;
    for (const auto& [table, state] : snapshot)
        out[table] = state.rows;
    return out;
}

QString describe(const RowCounts& counts)
{
    QStringList parts;
    for (const auto& [table, rows] : counts)
        parts << QStringLiteral("%1=%2").arg(table).arg(rows);
    return parts.join(QLatin1Char(' '));
}

QString integrityCheck(const store::SqliteDatabase& db)
{
    auto check = db.prepare("PRAGMA integrity_check");
    QStringList lines;
    while (check.step())
        lines << check.text(0);
    return lines.join(QLatin1Char('\n'));
}

void removeWorkspace(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace faultline::test
