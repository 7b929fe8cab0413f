#include "file_import.h"

#include "ci/ci_importer.h"
#include "ci/file_hasher.h"
#include "common/import_error.h"
#include "link/linker.h"
#include "store/workspace.h"

#include <QFileInfo>

#include <algorithm>

namespace faultline::importers {

FileImportContext::FileImportContext(store::ImportBatch& batch, const FileImportOptions& options,
                                     ProgressCallback progress)
    : m_batch(batch)
    , m_writer(batch)
    , m_options(options)
    , m_time(options.naiveZone)
    , m_progress(std::move(progress))
{ }

void FileImportContext::beginFile(std::int64_t fileBytes)
{
    m_doneBefore += m_currentFileBytes;
    m_currentFileBytes = fileBytes;
    progress(0);
}

void FileImportContext::progress(std::int64_t bytesDoneInFile)
{
    if (m_progress && !m_progress(m_doneBefore + std::min(bytesDoneInFile, m_currentFileBytes), m_totalBytes))
        throw ImportCancelled();
}

void FileImportContext::warn(const QString& kind, const QString& file, qint64 line, const QString& location,
                             const QString& detail)
{
    m_batch.addWarning({ kind, file, line, location, detail });
}

void FileImportContext::warn(const QString& kind, const json::Node& node, const QString& detail)
{
    warn(kind, node.origin() ? node.origin()->file : QString(), node.line(), node.path(), detail);
}

FileImportReport runFileImport(store::Workspace& workspace, const FileImportKind& kind,
                               const FileImportOptions& options, const ProgressCallback& progress)
{
    if (options.inputs.isEmpty())
        throw ImportError(QStringLiteral("no input files given"));
    if (!options.format.isEmpty() && !kind.formats.contains(options.format))
        throw ImportError(QStringLiteral("unknown format '%1' for import %2; expected one of: %3")
                              .arg(options.format, kind.name, kind.formats.join(QStringLiteral(", "))));
    QStringList fromFolders;
    const QStringList paths = ci::CiImporter::expandInputs(options.inputs, &fromFolders);

    FileImportReport report;
    std::int64_t totalBytes = 0;
    for (const QString& path : paths) {
        QString format = options.format;
        if (format.isEmpty()) {
            try {
                format = kind.detect(path);
            } catch (const ImportError&) {
                // A folder may hold READMEs and scripts next to the exports; a file named on the
                // command line must be one.
                if (!fromFolders.contains(path))
                    throw;
                report.skipped << path;
                continue;
            }
        }
        report.files.push_back({ path, format });
        totalBytes += QFileInfo(path).size();
    }
    if (report.files.empty())
        throw ImportError(QStringLiteral("%1: no %2 export found")
                              .arg(options.inputs.join(QStringLiteral(", ")), kind.name));
    if (kind.phase)
        std::stable_sort(report.files.begin(), report.files.end(),
                         [&](const FileImportReport::File& a, const FileImportReport::File& b) {
                             return kind.phase(a.format) < kind.phase(b.format);
                         });

    QStringList ordered;
    for (const auto& file : report.files)
        ordered << file.path;
    ci::FileHasher hasher(ordered);
    auto sourceOf = [&](const FileImportReport::File& file) {
        return store::ImportSource { QFileInfo(file.path).absoluteFilePath(),
                                     kind.name + QLatin1Char(':') + file.format,
                                     {} };
    };
    store::ImportBatch batch(workspace, sourceOf(report.files.front()));
    FileImportContext ctx(batch, options, progress);
    ctx.setTotalBytes(totalBytes);
    for (size_t i = 0; i < report.files.size(); ++i) {
        if (i > 0) {
            batch.setSourceSha256(hasher.sha256(i - 1));
            batch.beginSource(sourceOf(report.files[i]));
        }
        ctx.beginFile(QFileInfo(report.files[i].path).size());
        kind.importFile(report.files[i].path, report.files[i].format, ctx);
    }
    batch.setSourceSha256(hasher.sha256(report.files.size() - 1));
    report.links = link::relink(batch, completedAt(progress, totalBytes));
    batch.commit();
    report.summaries = batch.sourceSummaries();
    for (const auto& summary : report.summaries) {
        report.rowsWritten += summary.rowsInserted;
        report.warnings += summary.warnings;
    }
    return report;
}

} // namespace faultline::importers
