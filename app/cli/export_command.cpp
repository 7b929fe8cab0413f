#include "export_command.h"

#include "command_line.h"
#include "export/csv_writer.h"
#include "export/export_datasets.h"
#include "gui/settings.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>
#include <stdexcept>

namespace faultline::cli {

namespace {

using exporting::Dataset;

const QString kName = QStringLiteral("export");

QString datasetList()
{
    return exporting::datasetNames().join(QStringLiteral(", "));
}

QString helpText()
{
    QString text = QStringLiteral(
        "Write one dataset of the workspace as CSV (RFC 4180, UTF-8, CRLF, header row; ISO-8601 UTC "
        "times,\ndurations in seconds; text that a spreadsheet would run as a formula is prefixed "
        "with ').\nThe period (default: the 90 days up to the latest activity) applies to each "
        "dataset's time column;\n--service to the datasets with a service. `--columns` lists every "
        "dataset's columns.\n\nDatasets:\n");
    for (const QString& name : exporting::datasetNames()) {
        const Dataset dataset = *exporting::datasetByName(name);
        text += QStringLiteral("  %1 %2\n  %3 period: %4\n")
                    .arg(name.leftJustified(14), exporting::datasetDescription(dataset),
                         QString(14, QLatin1Char(' ')), exporting::datasetTimeColumn(dataset));
    }
    return text;
}

// `export [<dataset>…] --columns`: needs no workspace.
int printColumns(const QStringList& names, QTextStream& out, QTextStream& err)
{
    QList<Dataset> datasets;
    for (const QString& name : std::as_const(names)) {
        const auto dataset = exporting::datasetByName(name);
        if (!dataset) {
            err << "faultline export: unknown dataset '" << name << "'; expected one of: " << datasetList()
                << " (see faultline export --help)\n";
            return UsageError;
        }
        datasets << *dataset;
    }
    if (datasets.isEmpty()) {
        for (const QString& name : exporting::datasetNames())
            datasets << *exporting::datasetByName(name);
    }
    for (const Dataset dataset : std::as_const(datasets))
        out << exporting::datasetName(dataset) << ": "
            << exporting::columns(dataset).join(QStringLiteral(",")) << '\n';
    return Ok;
}

bool isStandardOutput(const QString& path)
{
    return path == QLatin1String("-") || path == QLatin1String("/dev/stdout");
}

struct ExportRequest
{
    Dataset dataset = Dataset::Commits;
    QString outPath;
    exporting::DatasetOptions options;
};

// Writes the dataset to standard output: straight to the stream's device when it has one (the
// binary's stdout), else through `out` (a caller's string stream).
std::int64_t writeToStandardOutput(const store::SqliteDatabase& db, const ExportRequest& request,
                                   QTextStream& out)
{
    out.flush();
    if (QIODevice* device = out.device()) {
        exporting::CsvWriter writer(*device);
        const std::int64_t rows = exporting::writeDataset(db, request.dataset, request.options, writer);
        writer.finish();
        return rows;
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    exporting::CsvWriter writer(buffer);
    const std::int64_t rows = exporting::writeDataset(db, request.dataset, request.options, writer);
    writer.finish();
    out << QString::fromUtf8(buffer.data());
    return rows;
}

// A device or a pipe (/dev/null, /dev/fd/3 of a shell's process substitution, a FIFO) is written in
// place: renaming a temporary file over it would replace the device with a regular file.
bool isSpecialFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && !info.isFile() && !info.isDir();
}

// Every row of the dataset to `device`; nullopt once the reason is on `err`.
std::optional<std::int64_t> writeRows(const store::SqliteDatabase& db, const ExportRequest& request,
                                      QIODevice& device, QTextStream& err)
{
    try {
        exporting::CsvWriter writer(device);
        const std::int64_t rows = exporting::writeDataset(db, request.dataset, request.options, writer);
        writer.finish();
        return rows;
    } catch (const exporting::CsvWriteError& e) {
        err << "faultline export: cannot write " << request.outPath << ": " << e.what() << '\n';
        return std::nullopt;
    }
}

std::optional<std::int64_t> writeInPlace(const store::SqliteDatabase& db, const ExportRequest& request,
                                         QTextStream& err)
{
    QFile file(request.outPath);
    if (!file.open(QIODevice::WriteOnly)) {
        err << "faultline export: cannot write " << request.outPath << ": " << file.errorString() << '\n';
        return std::nullopt;
    }
    return writeRows(db, request, file, err);
}

// Writes to a temporary file next to the target and renames it into place only when every row is
// written, so a failed export leaves no file (and an older export at that path stays as it was).
std::optional<std::int64_t> writeToFile(const store::SqliteDatabase& db, const ExportRequest& request,
                                        QTextStream& err)
{
    if (isSpecialFile(request.outPath))
        return writeInPlace(db, request, err);
    QSaveFile file(request.outPath);
    if (!file.open(QIODevice::WriteOnly)) {
        err << "faultline export: cannot write " << request.outPath << ": " << file.errorString() << '\n';
        return std::nullopt;
    }
    const auto rows = writeRows(db, request, file, err);
    if (!rows) {
        file.cancelWriting();
        return std::nullopt;
    }
    if (!file.commit()) {
        err << "faultline export: cannot write " << request.outPath << ": " << file.errorString() << '\n';
        return std::nullopt;
    }
    return rows;
}

int runRequest(const QString& workspace, CommandLine& cl, ExportRequest& request, QTextStream& out,
               QTextStream& err)
{
    try {
        const auto ws = store::Workspace::openReadOnly(workspace);
        if (auto code = cl.resolvePeriod(ws.db(), request.options.metrics, err))
            return *code;
        if (request.options.anonymise)
            err << "faultline export: people's names and emails are replaced by aliases (anonymised)\n";
        if (isStandardOutput(request.outPath)) {
            writeToStandardOutput(ws.db(), request, out);
            return Ok;
        }
        const auto rows = writeToFile(ws.db(), request, err);
        if (!rows)
            return Failure;
        err << "faultline export: wrote " << *rows << " rows of " << exporting::datasetName(request.dataset)
            << " to " << request.outPath << '\n';
        return Ok;
    } catch (const store::StoreError& e) {
        err << "faultline export: " << e.what() << '\n';
    } catch (const std::invalid_argument& e) {
        err << "faultline export: " << workspace << ": " << e.what() << '\n';
    } catch (const exporting::CsvWriteError& e) {
        err << "faultline export: cannot write standard output: " << e.what() << '\n';
    }
    return Failure;
}

} // namespace

int runExport(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(kName, helpText());
    QCommandLineParser& p = cl.parser();
    p.addPositionalArgument(QStringLiteral("dataset"), QStringLiteral("One of: %1.").arg(datasetList()),
                            QStringLiteral("<dataset>"));
    // Not CommandLine::addWorkspaceOption(): `--columns` needs no workspace.
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("Workspace file."),
                                       QStringLiteral("file"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("CSV file to write; '-' or /dev/stdout for standard output."),
        QStringLiteral("file"));
    const QCommandLineOption segment(
        QStringLiteral("segment"),
        QStringLiteral("commits only: all (default), ai or not-ai, by --ai-threshold."),
        QStringLiteral("all|ai|not-ai"));
    const QCommandLineOption anonymise(
        QStringLiteral("anonymise"),
        QStringLiteral("Replace people's names and emails by stable aliases (default: the app's setting)."));
    const QCommandLineOption noAnonymise(QStringLiteral("no-anonymise"),
                                         QStringLiteral("Write people's real names and emails."));
    const QCommandLineOption columnsOption(
        QStringLiteral("columns"), QStringLiteral("List the columns of the dataset (or of every dataset)."));
    p.addOptions({ workspace, outOption, segment, anonymise, noAnonymise, columnsOption });
    cl.addFilterOptions();
    if (auto code = cl.parse(args, out, err))
        return *code;

    const QStringList positional = p.positionalArguments();
    if (p.isSet(columnsOption))
        return printColumns(positional, out, err);
    if (!p.isSet(workspace))
        return cl.usageError(QStringLiteral("--workspace is required"), err);
    if (positional.isEmpty())
        return cl.usageError(QStringLiteral("expected a dataset: %1").arg(datasetList()), err);
    if (positional.size() > 1)
        return cl.usageError(QStringLiteral("unexpected argument '%1'").arg(positional.at(1)), err);
    ExportRequest request;
    const auto dataset = exporting::datasetByName(positional.front());
    if (!dataset)
        return cl.usageError(QStringLiteral("unknown dataset '%1'; expected one of: %2")
                                 .arg(positional.front(), datasetList()),
                             err);
    request.dataset = *dataset;
    if (!p.isSet(outOption) || p.value(outOption).isEmpty())
        return cl.usageError(QStringLiteral("--out is required (a file, or '-' for standard output)"), err);
    request.outPath = p.value(outOption);
    if (p.isSet(segment)) {
        if (request.dataset != Dataset::Commits)
            return cl.usageError(QStringLiteral("--segment applies to the commits dataset only"), err);
        const QString value = p.value(segment);
        if (value == QLatin1String("ai"))
            request.options.segment = store::ExportFilter::Segment::Ai;
        else if (value == QLatin1String("not-ai"))
            request.options.segment = store::ExportFilter::Segment::NotAi;
        else if (value != QLatin1String("all"))
            return cl.usageError(QStringLiteral("--segment expects all, ai or not-ai, found '%1'").arg(value),
                                 err);
    }
    if (p.isSet(anonymise) && p.isSet(noAnonymise))
        return cl.usageError(QStringLiteral("--anonymise and --no-anonymise exclude each other"), err);

    request.options.metrics.contributingRows = false; // no dataset writes them
    if (auto code = cl.filterOptions(request.options.metrics, err))
        return *code;
    if (!request.options.metrics.services.isEmpty() && !exporting::datasetHasService(request.dataset))
        err << "faultline export: note: " << exporting::datasetName(request.dataset)
            << " rows have no service; --service does not filter them\n";
    if (!QFileInfo::exists(p.value(workspace))) {
        err << "faultline export: no workspace " << p.value(workspace) << '\n';
        return Failure;
    }
    request.options.anonymise
        = p.isSet(anonymise) || (!p.isSet(noAnonymise) && gui::Settings().anonymisePeople());
    return runRequest(p.value(workspace), cl, request, out, err);
}

} // namespace faultline::cli
