#pragma once

#include "common/json_node.h"
#include "common/progress.h"
#include "common/timestamp_parser.h"
#include "store/delivery_writer.h"
#include "store/import_batch.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace faultline::store {
class Workspace;
}

namespace faultline::importers {

// What the user can tell `import deploys|incidents|prs` beyond the files.
struct FileImportOptions
{
    QStringList inputs; // files or folders (folders are read recursively)
    QString format; // a format name of the kind: overrides detection for every file
    QString service; // service of records that name none (helm: the release's service)
    QString environment; // environment of records that name none
    QString project; // owner/repo or GitLab project of records that name none (pull requests)
    QTimeZone naiveZone = QTimeZone::utc(); // zone of timestamps without one
};

// What an importer of one format needs while reading one file: the batch and writer of the whole
// command, the shared timestamp parser, options, warnings and progress.
class FileImportContext
{
public:
    FileImportContext(store::ImportBatch& batch, const FileImportOptions& options, ProgressCallback progress);

    store::ImportBatch& batch() { return m_batch; }
    store::DeliveryWriter& writer() { return m_writer; }
    const TimestampParser& time() const { return m_time; }
    const FileImportOptions& options() const { return m_options; }

    // Progress within the current file, in bytes; throws ImportCancelled when the user cancelled.
    void progress(std::int64_t bytesDoneInFile);
    void warn(const QString& kind, const QString& file, qint64 line, const QString& location,
              const QString& detail);
    // A warning about a JSON value: its file, document line and path.
    void warn(const QString& kind, const json::Node& node, const QString& detail);

    void beginFile(std::int64_t fileBytes);
    void setTotalBytes(std::int64_t total) { m_totalBytes = total; }

private:
    store::ImportBatch& m_batch;
    store::DeliveryWriter m_writer;
    const FileImportOptions& m_options;
    TimestampParser m_time;
    ProgressCallback m_progress;
    std::int64_t m_doneBefore = 0;
    std::int64_t m_currentFileBytes = 0;
    std::int64_t m_totalBytes = 0;
};

// One kind of export (deploys, incidents, prs): its formats, how to recognise each from a file's
// content, the order formats import in within one command, and the per-format import.
struct FileImportKind
{
    QString name; // "deploys": the `import` subcommand and the imports.format prefix
    QStringList formats; // format names, the --format values
    // The format of a file from its content; throws ImportError saying why it is none of them.
    std::function<QString(const QString& path)> detect;
    // Lower phases import first (deployments before their statuses); same phase keeps the given order.
    std::function<int(const QString& format)> phase;
    // Reads one file of `format`; throws ImportError naming the file and position on bad input.
    std::function<void(const QString& path, const QString& format, FileImportContext& ctx)> importFile;
};

struct LinkSummary
{
    std::int64_t deployments = 0;
    std::int64_t changesetRows = 0;
    std::int64_t commitsUnknown = 0; // deployments whose sha is in no imported repository
    std::int64_t rollbacks = 0;
    std::int64_t unplanned = 0;
    std::int64_t incidentLinks = 0;
    std::int64_t prCommitLinks = 0;
    std::int64_t prRunLinks = 0;
    std::int64_t botPullRequests = 0;
    // Rows the relink inserted, updated or deleted: 0 when nothing it derives changed.
    std::int64_t rowsChanged = 0;
    std::int64_t durationMs = 0;
};

struct FileImportReport
{
    struct File
    {
        QString path;
        QString format;
    };
    std::vector<File> files; // in import order
    std::vector<store::ImportSummary> summaries; // one per file, same order
    QStringList skipped; // files inside given folders that are of none of the kind's formats
    std::int64_t rowsWritten = 0;
    int warnings = 0;
    LinkSummary links;
};

// `faultline import deploys|incidents|prs`: expands folders, detects each file's format (or takes
// options.format), imports every file in one transaction, re-links (importers/link) and commits.
// One bad file leaves the workspace as it was. Throws ImportError or ImportCancelled.
FileImportReport runFileImport(store::Workspace& workspace, const FileImportKind& kind,
                               const FileImportOptions& options, const ProgressCallback& progress);

} // namespace faultline::importers
