#include "fuzz_support.h"

#include "ci/ci_importer.h"
#include "ci/ci_importers.h"
#include "ci/stage_rules.h"
#include "common/import_error.h"
#include "store/import_batch.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>
#include <memory>

namespace faultline::fuzz {

namespace {

// One scratch folder per fuzzer process; libFuzzer never returns from its loop, so it lives until
// exit (QTemporaryDir's destructor removes it when the process ends normally).
QTemporaryDir& scratchDir()
{
    static QTemporaryDir dir;
    if (!dir.isValid())
        std::abort();
    return dir;
}

const importers::ci::StageRules& stageRules()
{
    static const importers::ci::StageRules rules = importers::ci::StageRules::load();
    return rules;
}

void dispatch(const importers::ci::CiFile& file, importers::ci::CiContext& ctx)
{
    importers::ci::importFileOfFormat(file, ctx);
    // As the importer does after the last report of a command.
    if (file.format == importers::ci::CiFormat::JUnitXml)
        ctx.writer().markFlakyAcrossReports();
}

} // namespace

QByteArray bytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

QString writeInput(const std::uint8_t* data, std::size_t size, const QString& fileName)
{
    const QString path = scratchDir().filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size))
        std::abort(); // the harness itself failed: not a finding about the parser
    return path;
}

store::Workspace& workspace()
{
    static store::Workspace ws
        = store::Workspace::create(scratchDir().filePath(QStringLiteral("fuzz.faultline")));
    return ws;
}

void prepareCiWorkspace(const QStringList& fixtures)
{
    static bool prepared = false;
    if (prepared)
        return;
    prepared = true;
    const char* root = std::getenv("FAULTLINE_FUZZ_DATA");
    const QDir data(QString::fromLocal8Bit(root ? root : FAULTLINE_FUZZ_DATA));
    importers::ci::CiImportOptions options;
    for (const QString& fixture : fixtures)
        options.inputs << data.filePath(fixture);
    importers::ci::CiImporter::run(workspace(), options, {});
}

void importCiFile(const QString& path, importers::ci::CiFormat format,
                  const importers::ci::CiImportOptions& options)
{
    using namespace importers::ci;
    try {
        bool holdsJobsOnly = false;
        try {
            bool jobs = false;
            if (detectCiFormat(path, &jobs) == format)
                holdsJobsOnly = jobs;
        } catch (const importers::ImportError&) {
            // As with --format: the importer reports what is wrong with the file.
        }
        const CiFile file { path, format, holdsJobsOnly };
        const std::int64_t size = QFile(path).size();
        store::ImportBatch batch(
            workspace(),
            { path, QStringLiteral("ci:") + formatName(format), store::ImportBatch::sha256OfFile(path) });
        CiContext ctx(batch, stageRules(), options, {});
        ctx.setTotalBytes(size);
        ctx.beginFile(size);
        dispatch(file, ctx);
        // The batch is destroyed uncommitted: rolled back, the next input starts from the same workspace.
    } catch (const importers::ImportError&) {
        // Bad input, reported with file and position: the expected outcome.
    }
}

void importKindFile(const QString& path, const importers::FileImportKind& kind)
{
    try {
        const QString format = kind.detect(path);
        const std::int64_t size = QFile(path).size();
        store::ImportBatch batch(
            workspace(),
            { path, kind.name + QLatin1Char(':') + format, store::ImportBatch::sha256OfFile(path) });
        const importers::FileImportOptions options;
        importers::FileImportContext ctx(batch, options, {});
        ctx.setTotalBytes(size);
        ctx.beginFile(size);
        kind.importFile(path, format, ctx);
    } catch (const importers::ImportError&) { }
}

} // namespace faultline::fuzz
