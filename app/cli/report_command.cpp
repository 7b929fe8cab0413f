#include "report_command.h"

#include "command_line.h"
#include "export/report_writer.h"
#include "gui/filter_state.h"
#include "gui/gui_main.h"
#include "gui/settings.h"
#include "gui/theme.h"
#include "gui/views/view_data.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimeZone>

#include <stdexcept>

namespace faultline::cli {

namespace {

QDate dayOf(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

// The views' filters for the period the command line resolved: the default 90 days is the views'
// own default; any other period is a custom range of the days it covers.
gui::FilterState filtersFor(const metrics::MetricsOptions& options, bool periodGiven)
{
    gui::FilterState filters;
    filters.services = options.services;
    filters.environmentRule = options.environmentRule;
    if (periodGiven) {
        filters.range = gui::FilterState::Range::Custom;
        filters.customFrom = dayOf(options.fromMs);
        filters.customTo = dayOf(options.toMs - 1);
    }
    return filters;
}

} // namespace

int runReport(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(
        QStringLiteral("report"),
        QStringLiteral("Write the retro report as a multi-page A4 PDF: what the views show for the "
                       "period,\nwith the DORA metrics AI-assisted vs not, every view's charts, the top "
                       "tables and\nan appendix of definitions and settings. The default period is the "
                       "90 days up to\nthe workspace's latest activity; --from/--to select whole days."));
    QCommandLineParser& p = cl.parser();
    cl.addWorkspaceOption();
    cl.addFilterOptions(false);
    const QCommandLineOption output(QStringLiteral("out"), QStringLiteral("PDF file to write."),
                                    QStringLiteral("file"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("light (default: white pages) or dark (dark pages)."),
                                   QStringLiteral("theme"));
    const QCommandLineOption anonymise(
        QStringLiteral("anonymise"),
        QStringLiteral("Show people as stable aliases (default: the application's anonymise setting)."));
    p.addOptions({ output, theme, anonymise });
    if (auto code = cl.parseOptionsOnly(args, out, err))
        return *code;
    metrics::MetricsOptions options;
    if (auto code = cl.filterOptions(options, err))
        return *code;
    if (!p.isSet(output))
        return cl.usageError(QStringLiteral("--out is required"), err);
    exporting::ReportOptions reportOptions;
    if (p.isSet(theme)) {
        if (p.value(theme) == QLatin1String("dark"))
            reportOptions.theme = gui::ThemeKind::Dark;
        else if (p.value(theme) != QLatin1String("light"))
            return cl.usageError(
                QStringLiteral("unknown --theme '%1'; expected light or dark").arg(p.value(theme)), err);
    }
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        err << "faultline report: needs a QApplication (run it through the faultline binary)\n";
        return Failure;
    }
    const QString workspace = cl.workspace();
    if (!QFileInfo(workspace).isFile()) {
        err << "faultline report: no workspace " << workspace << '\n';
        return Failure;
    }
    QElapsedTimer timer;
    timer.start();
    gui::ViewData data;
    try {
        const auto ws = store::Workspace::openReadOnly(workspace);
        if (auto code = cl.resolvePeriod(ws.db(), options, err))
            return *code;
        const bool periodGiven = p.isSet(QStringLiteral("from")) || p.isSet(QStringLiteral("to"));
        data = gui::loadViewData(ws.db(), filtersFor(options, periodGiven));
        reportOptions.facts = exporting::loadReportFacts(ws.db());
    } catch (const store::StoreError& e) {
        err << "faultline report: " << e.what() << '\n';
        return Failure;
    } catch (const std::invalid_argument& e) {
        err << "faultline report: " << e.what() << '\n';
        return Failure;
    }
    reportOptions.workspacePath = workspace;
    reportOptions.anonymise = p.isSet(anonymise) || gui::Settings().anonymisePeople();
    reportOptions.generatedAt = QDateTime::currentDateTimeUtc();
    gui::initResources();
    // The CLI owns the application: its palette may follow the report's theme.
    gui::applyTheme(gui::Theme::forKind(reportOptions.theme));
    QString error;
    const QString pdf = p.value(output);
    if (!exporting::writeReport(pdf, data, reportOptions, &error)) {
        err << "faultline report: " << error << '\n';
        return Failure;
    }
    out << "wrote " << pdf << " (" << QFileInfo(pdf).size() << " bytes, " << timer.elapsed() << " ms)\n";
    return Ok;
}

} // namespace faultline::cli
