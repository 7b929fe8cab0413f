#pragma once

#include "bulk_writer.h"
#include "sqlite_database.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QMap>
#include <QString>

#include <map>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace faultline::store {

class Workspace;

// Where an import's rows come from: recorded in the imports table.
struct ImportSource
{
    QString path;
    QString format;
    // Hex SHA-256 of the input (a file's bytes, or for a repository the refs it read); the key that
    // recognises a re-import of the same content.
    QByteArray sha256;
};

// A structured, non-fatal finding of an importer (unknown status value, skipped record, …).
struct ImportWarning
{
    QString kind;
    QString file;
    qint64 line = 0; // 1-based; 0 when the position is a JSON path or unknown
    QString location; // JSON path, archive member, …
    QString detail;
};

struct ImportSummary
{
    qint64 importId = 0;
    qint64 rowsInserted = 0;
    QMap<QString, qint64> rowCounts;
    qint64 durationMs = 0;
    int warnings = 0;
    bool seenBefore = false;
};

// One import = one transaction. Statements and bulk writers are prepared once and reused for the
// whole batch; commit() flushes them, records the import and commits. Destroying a batch that was
// not committed (error, exception, cancel) rolls everything back: the workspace is as it was.
class ImportBatch
{
public:
    ImportBatch(Workspace& workspace, ImportSource source);
    ~ImportBatch();
    ImportBatch(const ImportBatch&) = delete;
    ImportBatch& operator=(const ImportBatch&) = delete;

    SqliteDatabase& db() { return m_db; }
    const ImportSource& source() const { return m_source; }

    // A prepared statement cached by its SQL text; reset before it is handed out.
    SqliteStatement& statement(const std::string& sql);
    // A bulk writer cached per table + columns; its rows count towards the summary.
    BulkWriter& writer(const BulkWriter::Spec& spec);
    // Rows written through statement() are counted by the importer.
    void countRows(const QString& table, qint64 rows);
    void addWarning(ImportWarning warning);
    // For a bulk load: drops these indexes now and rebuilds them at commit() with their schema
    // definition, one sort instead of a B-tree insert per row. Never for an index on a foreign-key
    // child column: with deferred checks SQLite searches those whenever a parent row is inserted.
    void deferIndexes(std::initializer_list<const char*> names);
    // Warnings of the current source.
    const std::vector<ImportWarning>& warnings() const { return m_warnings; }

    // Several inputs in one transaction (one `import ci` command over many files): records the
    // current source with the rows and warnings since it began, then counts towards `source`.
    void beginSource(ImportSource source);
    // The current source's hash, when it is computed while the import runs.
    void setSourceSha256(QByteArray sha256) { m_source.sha256 = std::move(sha256); }
    // Records the current source, rebuilds deferred indexes and commits. Returns the summary of the
    // last source; sourceSummaries() has one per source.
    ImportSummary commit();
    const std::vector<ImportSummary>& sourceSummaries() const { return m_summaries; }
    void rollback();
    bool isActive() const { return m_tx.isActive(); }

    static QByteArray sha256OfFile(const QString& path);

private:
    ImportSummary recordSource();

    SqliteDatabase& m_db;
    ImportSource m_source;
    SqliteTransaction m_tx;
    QElapsedTimer m_timer;
    qint64 m_startedAtMs;
    std::map<std::string, SqliteStatement> m_statements;
    std::map<std::string, std::unique_ptr<BulkWriter>> m_writers;
    std::vector<BulkWriter*> m_writerOrder; // flushed in creation order: parents before children
    QMap<QString, qint64> m_counted;
    std::vector<std::string> m_deferredIndexSql;
    std::vector<ImportWarning> m_warnings;
    std::map<const BulkWriter*, std::int64_t> m_writerRowsRecorded;
    std::vector<ImportSummary> m_summaries;
};

} // namespace faultline::store
