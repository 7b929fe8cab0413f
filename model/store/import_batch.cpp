#include "import_batch.h"

#include "store_error.h"
#include "workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace faultline::store {

ImportBatch::ImportBatch(Workspace& workspace, ImportSource source)
    : m_db(workspace.db())
    , m_source(std::move(source))
    , m_tx(m_db)
    , m_startedAtMs(QDateTime::currentMSecsSinceEpoch())
{
    m_timer.start();
    // Rows of one import reference each other in whatever order the source yields them (a churn row
    // before its commit's row is flushed); foreign keys are checked once, at COMMIT.
    m_db.exec("PRAGMA defer_foreign_keys = ON");
}

ImportBatch::~ImportBatch() = default; // m_tx rolls back unless committed

SqliteStatement& ImportBatch::statement(const std::string& sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, m_db.prepare(sql)).first;
    it->second.reset();
    return it->second;
}

BulkWriter& ImportBatch::writer(const BulkWriter::Spec& spec)
{
    std::string key = spec.table;
    for (const auto& column : spec.columns)
        key += '|' + column;
    key += '|' + spec.onConflict;
    auto it = m_writers.find(key);
    if (it == m_writers.end()) {
        it = m_writers.emplace(key, std::make_unique<BulkWriter>(m_db, spec)).first;
        m_writerOrder.push_back(it->second.get());
    }
    return *it->second;
}

void ImportBatch::countRows(const QString& table, qint64 rows)
{
    m_counted[table] += rows;
}

void ImportBatch::deferIndexes(std::initializer_list<const char*> names)
{
    auto& definition = statement("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1");
    for (const char* name : names) {
        definition.reset();
        definition.bind(1, std::string_view(name));
        if (!definition.step() || definition.isNull(0))
            continue; // already deferred, or an automatic index that cannot be dropped
        m_deferredIndexSql.push_back(definition.utf8(0).toStdString());
        definition.reset();
        // Index names come from the caller's code, never from data.
        m_db.exec("DROP INDEX " + std::string(name));
    }
    definition.reset();
}

void ImportBatch::addWarning(ImportWarning warning)
{
    m_warnings.push_back(std::move(warning));
}

ImportSummary ImportBatch::recordSource()
{
    ImportSummary summary;
    summary.rowCounts = m_counted;
    for (BulkWriter* writer : m_writerOrder) {
        writer->flush();
        const auto table = QString::fromStdString(writer->spec().table);
        const std::int64_t before = m_writerRowsRecorded[writer];
        if (writer->rowsWritten() > before)
            summary.rowCounts[table] += writer->rowsWritten() - before;
        m_writerRowsRecorded[writer] = writer->rowsWritten();
    }
    for (auto it = summary.rowCounts.cbegin(); it != summary.rowCounts.cend(); ++it)
        summary.rowsInserted += it.value();
    summary.durationMs = m_timer.restart();
    summary.warnings = int(m_warnings.size());

    QJsonObject counts;
    for (auto it = summary.rowCounts.cbegin(); it != summary.rowCounts.cend(); ++it)
        counts.insert(it.key(), it.value());

    {
        auto& find = statement("SELECT id FROM imports WHERE format = ?1 AND sha256 = ?2");
        find.bind(1, m_source.format).bind(2, m_source.sha256);
        summary.seenBefore = find.step();
        find.reset();
    }
    // A re-import of the same content keeps its first record (its row counts say what it brought)
    // and only notes that it was seen again.
    auto& upsert = statement(
        "INSERT INTO imports (path, format, sha256, started_at, duration_ms, rows_inserted, row_counts, "
        "warning_count, import_count, last_imported_at, app_version) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?4, ?9) "
        "ON CONFLICT (format, sha256) DO UPDATE SET import_count = import_count + 1, "
        "last_imported_at = excluded.started_at, path = excluded.path, warning_count = excluded.warning_count "
        "RETURNING id");
    upsert.bind(1, m_source.path)
        .bind(2, m_source.format)
        .bind(3, m_source.sha256)
        .bind(4, std::int64_t(m_startedAtMs))
        .bind(5, std::int64_t(summary.durationMs))
        .bind(6, std::int64_t(summary.rowsInserted))
        .bind(7, QJsonDocument(counts).toJson(QJsonDocument::Compact))
        .bind(8, std::int64_t(summary.warnings))
        .bind(9, std::string_view(FAULTLINE_VERSION));
    if (!upsert.step())
        throw StoreError("recording the import of " + m_source.path.toStdString() + " returned no id");
    summary.importId = upsert.int64(0);
    upsert.reset();

    auto& clear = statement("DELETE FROM import_warnings WHERE import_id = ?1");
    clear.bind(1, std::int64_t(summary.importId));
    clear.exec();
    auto& warn = statement(
        "INSERT INTO import_warnings (import_id, kind, file, line, location, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& w : m_warnings) {
        warn.reset();
        warn.bind(1, std::int64_t(summary.importId)).bind(2, w.kind).bind(3, w.file.toUtf8());
        if (w.line > 0)
            warn.bind(4, std::int64_t(w.line));
        else
            warn.bindNull(4);
        warn.bind(5, w.location).bind(6, w.detail);
        warn.exec();
    }
    m_counted.clear();
    m_warnings.clear();
    m_summaries.push_back(summary);
    return summary;
}

void ImportBatch::beginSource(ImportSource source)
{
    if (!m_tx.isActive())
        throw StoreError("import of " + m_source.path.toStdString() + " was already committed or rolled back");
    recordSource();
    m_source = std::move(source);
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
}

ImportSummary ImportBatch::commit()
{
    if (!m_tx.isActive())
        throw StoreError("import of " + m_source.path.toStdString() + " was already committed or rolled back");

    // Rows of the last source are flushed before the deferred indexes are rebuilt.
    ImportSummary summary = recordSource();
    for (const std::string& sql : m_deferredIndexSql)
        m_db.exec(sql);
    m_deferredIndexSql.clear();

    m_statements.clear(); // finalise before COMMIT so no statement holds a read cursor
    m_tx.commit();
    return summary;
}

void ImportBatch::rollback()
{
    m_statements.clear();
    m_writerOrder.clear();
    m_writers.clear();
    m_tx.rollback();
}

QByteArray ImportBatch::sha256OfFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        throw StoreError("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    return hash.result().toHex();
}

} // namespace faultline::store
