#include "ci_importer.h"

#include "ci/ci_importers.h"
#include "ci/file_hasher.h"
#include "common/import_error.h"
#include "link/linker.h"
#include "store/workspace.h"

#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace faultline::importers::ci {

void importFileOfFormat(const CiFile& file, CiContext& ctx)
{
    switch (file.format) {
    case CiFormat::GitHubJson:
        return importGitHubJson(file, ctx);
    case CiFormat::GitHubJobLog:
        return importGitHubJobLog(file, ctx);
    case CiFormat::GitHubLogArchive:
        return importGitHubLogArchive(file, ctx);
    case CiFormat::GitLabJson:
        return importGitLabJson(file, ctx);
    case CiFormat::GitLabTrace:
        return importGitLabTrace(file, ctx);
    case CiFormat::JenkinsJson:
        return importJenkinsJson(file, ctx);
    case CiFormat::CircleCiJson:
        return importCircleCiJson(file, ctx);
    case CiFormat::JUnitXml:
        return importJUnitXml(file, ctx);
    }
}

QStringList CiImporter::expandInputs(const QStringList& inputs, QStringList* fromFolders)
{
    QStringList files;
    for (const QString& input : inputs) {
        const QFileInfo info(input);
        if (!info.exists())
            throw ImportError(QStringLiteral("%1: no such file or folder").arg(input));
        if (!info.isDir()) {
            files << input;
            continue;
        }
        QStringList found;
        QDirIterator it(input, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        std::sort(found.begin(), found.end());
        files << found;
        if (fromFolders)
            *fromFolders << found;
    }
    return files;
}

CiImportReport CiImporter::run(store::Workspace& workspace, const CiImportOptions& options,
                               const ProgressCallback& progress)
{
    if (options.inputs.isEmpty())
        throw ImportError(QStringLiteral("no input files given"));
    QStringList fromFolders;
    const QStringList paths = expandInputs(options.inputs, &fromFolders);

    CiImportReport report;
    std::int64_t totalBytes = 0;
    for (const QString& path : paths) {
        CiFormat format;
        bool holdsJobsOnly = false;
        if (options.format) {
            format = *options.format;
            try {
                bool jobs = false;
                if (detectCiFormat(path, &jobs) == format)
                    holdsJobsOnly = jobs;
            } catch (const ImportError&) {
                // The importer reports what is wrong with the file.
            }
        } else {
            try {
                format = detectCiFormat(path, &holdsJobsOnly);
            } catch (const ImportError&) {
                // A folder may hold READMEs and scripts next to the exports: skip those, but a
                // file named on the command line must be one.
                if (!fromFolders.contains(path))
                    throw;
                report.skipped << path;
                continue;
            }
        }
        report.files.push_back({ path, format, holdsJobsOnly });
        totalBytes += QFileInfo(path).size();
    }
    if (report.files.empty())
        throw ImportError(
            QStringLiteral("%1: no CI export found").arg(options.inputs.join(QStringLiteral(", "))));
    std::stable_sort(report.files.begin(), report.files.end(), [](const CiFile& a, const CiFile& b) {
        return importPhase(a.format, a.holdsJobsOnly) < importPhase(b.format, b.holdsJobsOnly);
    });

    const StageRules stages = StageRules::load(options.stageRulesFile);
    QStringList ordered;
    for (const CiFile& file : report.files)
        ordered << file.path;
    FileHasher hasher(ordered);
    auto sourceOf = [](const CiFile& file) {
        return store::ImportSource { QFileInfo(file.path).absoluteFilePath(),
                                     QStringLiteral("ci:") + formatName(file.format),
                                     {} };
    };
    store::ImportBatch batch(workspace, sourceOf(report.files.front()));
    CiContext ctx(batch, stages, options, progress);
    ctx.setTotalBytes(totalBytes);
    for (size_t i = 0; i < report.files.size(); ++i) {
        const CiFile& file = report.files[i];
        if (i > 0) {
            batch.setSourceSha256(hasher.sha256(i - 1));
            batch.beginSource(sourceOf(file));
        }
        // A JUnit report's hash is the key of its test results (a re-import replaces them): wait for it.
        if (file.format == CiFormat::JUnitXml)
            batch.setSourceSha256(hasher.sha256(i));
        ctx.beginFile(QFileInfo(file.path).size());
        importFileOfFormat(file, ctx);
        if (file.format == CiFormat::JUnitXml
            && (i + 1 == report.files.size() || report.files[i + 1].format != CiFormat::JUnitXml))
            report.flakyMarked = ctx.writer().markFlakyAcrossReports();
    }
    batch.setSourceSha256(hasher.sha256(report.files.size() - 1));
    link::relink(batch, completedAt(progress, totalBytes));
    batch.commit();
    report.summaries = batch.sourceSummaries();
    for (const auto& summary : report.summaries) {
        report.rowsWritten += summary.rowsInserted;
        report.warnings += summary.warnings;
    }
    return report;
}

} // namespace faultline::importers::ci
