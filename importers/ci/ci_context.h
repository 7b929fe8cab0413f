#pragma once

#include "ci/ci_format.h"
#include "ci/stage_rules.h"
#include "common/json_node.h"
#include "common/progress.h"
#include "common/timestamp_parser.h"
#include "store/ci_writer.h"
#include "store/import_batch.h"

#include <QString>

#include <cstdint>

namespace faultline::importers::ci {

// What the user can tell `import ci` beyond the files.
struct CiImportOptions
{
    QStringList inputs; // files or folders (folders are read recursively)
    std::optional<CiFormat> format; // overrides detection for every file
    QString project; // project/repository when the export does not name it
    QString jobId; // the job a single log/trace belongs to, when its content cannot tell
    QString runId; // the run a log archive belongs to
    QString commitSha; // the commit a JUnit report was produced for
    QString stageRulesFile; // user stage rules, tried before the built-in ones
    QTimeZone naiveZone = QTimeZone::utc(); // zone of timestamps without one (JUnit)
};

// One input file and its detected family.
struct CiFile
{
    QString path;
    CiFormat format;
    bool holdsJobsOnly = false; // imported after the run files of the same command
};

// Everything an importer of one family needs while reading one file: the batch and the CI writer
// of the whole command, stage rules, the timestamp parser, options, warnings and progress.
class CiContext
{
public:
    CiContext(store::ImportBatch& batch, const StageRules& stages, const CiImportOptions& options,
              ProgressCallback progress);

    store::ImportBatch& batch() { return m_batch; }
    store::CiWriter& writer() { return m_writer; }
    const StageRules& stages() const { return m_stages; }
    const TimestampParser& time() const { return m_time; }
    const CiImportOptions& options() const { return m_options; }

    // Progress within the current file, in bytes; throws ImportCancelled when the user cancelled.
    void progress(std::int64_t bytesDoneInFile);
    void warn(const QString& kind, const QString& file, qint64 line, const QString& location,
              const QString& detail);
    // A warning about a JSON value: its file, document line and path.
    void warn(const QString& kind, const json::Node& node, const QString& detail);

    // Used by the dispatcher between files.
    void beginFile(std::int64_t fileBytes);
    void setTotalBytes(std::int64_t total) { m_totalBytes = total; }

private:
    store::ImportBatch& m_batch;
    store::CiWriter m_writer;
    const StageRules& m_stages;
    const CiImportOptions& m_options;
    TimestampParser m_time;
    ProgressCallback m_progress;
    std::int64_t m_doneBefore = 0; // bytes of the files already imported
    std::int64_t m_currentFileBytes = 0;
    std::int64_t m_totalBytes = 0;
};

} // namespace faultline::importers::ci
