#include "report_writer.h"

#include "export/report_document.h"
#include "gui/views/changes_view.h"
#include "gui/views/view.h"
#include "gui/views/view_data.h"
#include "gui/views/view_factory.h"
#include "link/link_settings.h"
#include "metrics/lead_time_breakdown.h"
#include "metrics/lead_time_histogram.h"
#include "metrics/metric_math.h"
#include "metrics/metrics_report.h"
#include "models/dora_tiles_model.h"
#include "models/hotspots_model.h"
#include "models/lead_time_models.h"
#include "models/metric_table_model.h"
#include "models/overview_summary.h"
#include "models/pipeline_models.h"
#include "models/repeat_clusters_model.h"
#include "models/rework_text.h"
#include "store/link_store.h"

#include <QApplication>
#include <QChartView>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QLayout>
#include <QLocale>
#include <QPainter>
#include <QSaveFile>
#include <QTimeZone>

#include <memory>

namespace faultline::exporting {

namespace {

constexpr int kTopRows = 20;
// The off-screen size the views are laid out at: narrow enough that a chart scaled to the page's
// text width keeps legible type.
constexpr QSize kViewSize(1100, 1000);
// Every chart is drawn at one size (widget pixels), whatever room its view gives it: wide enough for
// its labels, and scaled to the page's text width its type stays near the GUI's.
constexpr QSize kChartSize(860, 430);
// The share of progress the views take; painting the pages takes the rest.
constexpr int kProgressSteps = 100;
constexpr int kViewSteps = 40;

QString tr(const char* text)
{
    return QApplication::translate("faultline::exporting::Report", text);
}

QString dayText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

QString minuteText(const QDateTime& when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

// [from, to) as the days it covers, both included.
QString periodText(const metrics::MetricsOptions& o)
{
    const qint64 days = (o.toMs - o.fromMs + 86'400'000 - 1) / 86'400'000;
    return tr("%1 – %2 (%3 days, UTC)").arg(dayText(o.fromMs), dayText(o.toMs - 1)).arg(days);
}

QString servicesText(const QStringList& services)
{
    return services.isEmpty() ? tr("All services") : services.join(QStringLiteral(", "));
}

// A table as the GUI's model shows it: its header texts and its cells' display text (the formatted
// text where a MetricTableModel keeps the number for charts), numbers right-aligned as there.
ReportTable tableFrom(const QAbstractItemModel& model, const QList<int>& columns, int maxRows,
                      const QString& caption)
{
    const bool metricTable = qobject_cast<const models::MetricTableModel*>(&model) != nullptr;
    ReportTable table;
    table.caption = caption;
    for (int c : columns) {
        table.headers << model.headerData(c, Qt::Horizontal).toString();
        const QVariant alignment
            = model.rowCount() ? model.data(model.index(0, c), Qt::TextAlignmentRole) : QVariant();
        table.rightAligned << ((alignment.toInt() & Qt::AlignRight) != 0);
    }
    for (int r = 0; r < std::min(model.rowCount(), maxRows); ++r) {
        QStringList cells;
        for (int c : columns) {
            const QModelIndex index = model.index(r, c);
            const QVariant formatted
                = metricTable ? model.data(index, models::MetricTableModel::FormattedRole) : QVariant();
            cells << (formatted.isValid() ? formatted.toString() : model.data(index).toString());
        }
        table.rows << cells;
    }
    return table;
}

QList<int> columnRange(int from, int to)
{
    QList<int> columns;
    for (int c = from; c < to; ++c)
        columns << c;
    return columns;
}

QString topCaption(int shown, qsizetype total, const QString& what)
{
    return shown < total ? tr("Top %1 of %2 %3").arg(shown).arg(total).arg(what)
                         : tr("All %1 %2").arg(total).arg(what);
}

// The chart as the window paints it, as vectors: a QChartView's scene renders its items straight into
// the PDF painter; another chart widget (the treemap) paints itself through QWidget::render.
QSizeF chartSize(QWidget* chart)
{
    if (auto* view = qobject_cast<QChartView*>(chart))
        return view->viewport()->size();
    return chart->size();
}

// Sizes the chart for the page. Pending layout of its view runs first, so it cannot undo the resize.
void fitChart(QWidget* chart)
{
    QCoreApplication::sendPostedEvents();
    if (chart->size() == kChartSize)
        return;
    chart->resize(kChartSize);
    for (int i = 0; i < 2; ++i)
        QApplication::processEvents();
}

void paintChart(QWidget* chart, QPainter& painter, const QRectF& target)
{
    fitChart(chart);
    const QSizeF size = chartSize(chart);
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / size.width(), target.height() / size.height());
    const QRectF own(QPointF(0, 0), size);
    painter.fillRect(own, chart->palette().color(chart->backgroundRole()));
    painter.setRenderHint(QPainter::Antialiasing);
    if (auto* view = qobject_cast<QChartView*>(chart))
        view->scene()->render(&painter, own, view->mapToScene(view->viewport()->rect()).boundingRect(),
                              Qt::IgnoreAspectRatio);
    else
        chart->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    painter.restore();
}

class ReportBuilder
{
public:
    ReportBuilder(std::shared_ptr<const gui::ViewData> data, const ReportOptions& options)
        : m_shared(std::move(data))
        , m_data(*m_shared)
        , m_report(m_data.report)
        , m_options(options)
        , m_doc(options.theme == gui::ThemeKind::Dark ? ReportStyle::dark() : ReportStyle::light())
    { }

    ReportDocument& document() { return m_doc; }

    QString generatedLine() const
    {
        const QString version = QCoreApplication::applicationVersion();
        return tr("Generated %1 by Faultline%2")
            .arg(minuteText(generatedAt()), version.isEmpty() ? QString() : QStringLiteral(" ") + version);
    }

    QString workspaceName() const
    {
        return m_options.workspaceName.isEmpty() ? QFileInfo(m_options.workspacePath).completeBaseName()
                                                 : m_options.workspaceName;
    }

    void cover()
    {
        m_doc.setFooterText(tr("Faultline retro report · %1 · %2").arg(workspaceName(), generatedLine()));
        m_doc.addTitle(tr("Faultline retro report"));
        m_doc.addSubheading(workspaceName());
        m_doc.addParagraph(tr("Workspace: %1").arg(QFileInfo(m_options.workspacePath).absoluteFilePath()));
        m_doc.addParagraph(tr("Period: %1").arg(periodText(m_report.options)));
        m_doc.addParagraph(tr("Services: %1").arg(servicesText(m_report.options.services)));
        m_doc.addParagraph(generatedLine(), true);
        m_doc.addHeading(tr("Data sources"));
        m_doc.addParagraph(tr("Everything the workspace holds, whatever the period: the sections below count "
                              "only what falls in the period."),
                           true);
        ReportTable sources;
        sources.headers = QStringList { tr("Kind"), tr("Rows"), tr("First"), tr("Last") };
        sources.rightAligned = { false, true, false, false };
        for (const store::SourceSummary& s : m_options.facts.sources)
            sources.rows << QStringList { s.kind, QLocale().toString(qlonglong(s.rows)),
                                          s.firstMs ? dayText(*s.firstMs) : QStringLiteral("—"),
                                          s.lastMs ? dayText(*s.lastMs) : QStringLiteral("—") };
        m_doc.addTable(sources);
        if (m_data.workspaceEmpty)
            m_doc.addParagraph(tr("This workspace holds no activity yet: every section below is empty."));
    }

    void dora()
    {
        m_doc.addPageBreak();
        m_doc.addHeading(tr("DORA metrics: AI-assisted vs not"));
        m_doc.addParagraph(
            tr("Production deployments in the period, split by whether the deployed change was "
               "AI-assisted. Rates carry a 95 % Wilson interval, the lead-time median a distribution-free "
               "95 % interval (order statistics of its commits); the recovery median shows its n only."),
            true);
        using M = models::DoraTilesModel;
        ReportTable table;
        table.headers = QStringList { tr("Metric"), tr("All"), tr("AI-assisted"), tr("Not AI-assisted") };
        table.rightAligned = { false, true, true, true };
        for (int m = 0; m < M::MetricCount; ++m) {
            const auto metric = M::Metric(m);
            QStringList row { M::metricName(metric) };
            for (const metrics::Segment segment : metrics::kSegments)
                row << doraCell(metric, m_report.dora.segment(segment));
            table.rows << row;
        }
        m_doc.addTable(table);
        m_doc.addParagraph(tr("“too few to compare”: fewer than %1 items behind the number (METRICS.md, "
                              "small samples).")
                               .arg(metrics::kSmallSample),
                           true);
    }

    void profile()
    {
        m_doc.addHeading(tr("Team profile and biggest bottleneck"));
        const models::ArchetypeCard card
            = models::archetypeCard(m_report.archetype, m_report.archetypeInputs);
        m_doc.addSubheading(tr("Team profile (heuristic, not a verdict): %1").arg(card.title));
        if (!card.because.isEmpty())
            m_doc.addParagraph(tr("Because:") + QStringLiteral("\n• ")
                               + card.because.join(QStringLiteral("\n• ")));
        if (!card.inputs.isEmpty())
            m_doc.addParagraph(tr("Looked at: ") + card.inputs.join(QStringLiteral(" · ")), true);
        m_doc.addSubheading(tr("Biggest bottleneck"));
        m_doc.addParagraph(models::describeBottleneck(models::biggestBottleneck(m_report.leadTime)));
    }

    // Lays every view out off-screen and adds its charts; the views stay alive until the pages are
    // painted (the charts paint at that point).
    bool charts(const std::function<bool(int, int)>& progress)
    {
        m_doc.addPageBreak();
        m_doc.addHeading(tr("Charts"));
        const gui::Theme theme = gui::Theme::forKind(m_options.theme);
        const QStringList keys = gui::availableViewKeys();
        for (qsizetype i = 0; i < keys.size(); ++i) {
            std::unique_ptr<gui::View> view = gui::createView(keys[i]);
            if (!view)
                continue;
            layOut(*view, theme, m_shared);
            m_doc.addSubheading(view->title());
            const QList<gui::ViewChart> charts = view->charts();
            if (charts.isEmpty())
                m_doc.addParagraph(view->emptyStateText(), true);
            for (const gui::ViewChart& chart : charts) {
                QWidget* widget = chart.widget;
                fitChart(widget);
                m_doc.addChart(chart.title, chartSize(widget),
                               [widget](QPainter& painter, const QRectF& target) {
                                   paintChart(widget, painter, target);
                               });
            }
            m_views.push_back(std::move(view));
            if (progress && !progress(int((i + 1) * kViewSteps / keys.size()), kProgressSteps))
                return false;
        }
        return true;
    }

    void tables()
    {
        m_doc.addPageBreak();
        m_doc.addHeading(tr("Top tables"));
        hotspots();
        clusters();
        pipeline();
    }

    void appendix()
    {
        m_doc.addPageBreak();
        m_doc.addHeading(tr("Appendix A: Metric definitions"));
        m_doc.addParagraph(tr("The definitions the application's tooltips quote from METRICS.md."), true);
        ReportTable defs;
        defs.headers = QStringList { tr("Metric"), tr("Definition") };
        for (int m = 0; m < models::DoraTilesModel::MetricCount; ++m) {
            const auto metric = models::DoraTilesModel::Metric(m);
            defs.rows << QStringList { models::DoraTilesModel::metricName(metric),
                                       models::DoraTilesModel::definition(metric) };
        }
        for (int c = 0; c < models::LeadStagesModel::ColumnCount; ++c) {
            const auto column = models::LeadStagesModel::Column(c);
            defs.rows << QStringList {
                tr("Lead-time stage: %1").arg(models::LeadStagesModel::stageName(column)),
                models::LeadStagesModel::definition(column)
            };
        }
        const int window = m_report.rework.churnWindowDays;
        defs.rows << QStringList { tr("Code rework (churn)"), models::churnDefinition(window) };
        defs.rows << QStringList { tr("Rework hotspot"), models::hotspotDefinition() };
        defs.rows << QStringList { tr("Repeat incidents"), models::repeatDefinition() };
        models::StageTimingModel stages;
        for (int c = models::StageTimingModel::P50; c < models::StageTimingModel::ColumnCount; ++c)
            defs.rows << QStringList {
                tr("CI stage: %1").arg(stages.headerData(c, Qt::Horizontal).toString()),
                models::StageTimingModel::definition(models::StageTimingModel::Column(c))
            };
        // The cache columns share one tooltip: quote it once.
        models::CacheSavingsModel cache;
        QStringList cacheTips;
        for (int c = models::CacheSavingsModel::Hits; c < models::CacheSavingsModel::ColumnCount; ++c) {
            const QString tip = cache.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
            if (!tip.isEmpty() && !cacheTips.contains(tip))
                cacheTips << tip;
        }
        for (const QString& tip : cacheTips)
            defs.rows << QStringList { tr("Cache savings"), tip };
        m_doc.addTable(defs);

        m_doc.addPageBreak();
        m_doc.addHeading(tr("Appendix B: Settings in force"));
        ReportTable settings;
        settings.headers = QStringList { tr("Setting"), tr("Value") };
        const metrics::MetricsOptions& o = m_report.options;
        settings.rows << QStringList { tr("Period"), periodText(o) };
        settings.rows << QStringList { tr("Services"), servicesText(o.services) };
        settings.rows << QStringList { tr("Production environment rule (this report)"),
                                       o.environmentRule.isEmpty()
                                           ? tr("the workspace's link setting (below)")
                                           : o.environmentRule };
        settings.rows << QStringList { tr("AI threshold"),
                                       o.anyAi ? tr("any AI-assisted commit")
                                               : tr("AI share ≥ %1").arg(QLocale().toString(o.aiThreshold)) };
        settings.rows << QStringList { tr("Churn window"), tr("%1 days").arg(o.churnWindowDays) };
        settings.rows << QStringList { tr("Small-sample threshold"),
                                       tr("%1 items").arg(metrics::kSmallSample) };
        for (const auto& [key, value] : m_options.facts.workspaceSettings)
            settings.rows << QStringList { key, value };
        m_doc.addTable(settings);
    }

private:
    QDateTime generatedAt() const
    {
        return m_options.generatedAt.isValid() ? m_options.generatedAt : QDateTime::currentDateTimeUtc();
    }

    // From the commits behind the median; none when the result was computed without its rows.
    static std::optional<std::pair<double, double>> leadTimeInterval(const metrics::LeadTime& leadTime)
    {
        std::vector<double> hours;
        for (const metrics::Contribution& row : leadTime.rows)
            if (const auto h = metrics::leadTimeHoursOf(row))
                hours.push_back(*h);
        if (std::int64_t(hours.size()) != leadTime.n)
            return std::nullopt;
        return metrics::medianInterval95(std::move(hours));
    }

    static QString doraCell(models::DoraTilesModel::Metric metric, const metrics::DoraSegment& s)
    {
        using M = models::DoraTilesModel;
        QStringList lines { M::formatValue(metric, M::value(s, metric)),
                            models::MetricTableModel::formatN(M::count(s, metric)) };
        const metrics::Rate* rate = metric == M::ChangeFailureRate ? &s.changeFailureRate
            : metric == M::ReworkRate                              ? &s.reworkRate
                                                                   : nullptr;
        if (rate && rate->ci95)
            lines << tr("95 % CI %1 – %2")
                         .arg(models::MetricTableModel::formatPercent(rate->ci95->first),
                              models::MetricTableModel::formatPercent(rate->ci95->second));
        if (metric == M::LeadTime)
            if (const auto ci = leadTimeInterval(s.leadTime))
                lines << tr("95 % CI %1 – %2")
                             .arg(M::formatValue(metric, ci->first), M::formatValue(metric, ci->second));
        if (metric == M::LeadTime && s.leadTime.p90Hours)
            lines << tr("p90 %1").arg(M::formatValue(metric, s.leadTime.p90Hours));
        return lines.join(QLatin1Char('\n'));
    }

    void layOut(gui::View& view, const gui::Theme& theme, const std::shared_ptr<const gui::ViewData>& data)
    {
        // Never on screen: the views are only painted into the PDF.
        view.setAttribute(Qt::WA_DontShowOnScreen, true);
        view.setPalette(theme.palette());
        view.setTheme(theme);
        if (auto* changes = qobject_cast<gui::ChangesView*>(&view))
            changes->setAnonymise(m_options.anonymise);
        view.setReport(data);
        view.show();
        view.resize(kViewSize);
        if (view.layout())
            view.layout()->activate();
        // Charts lay themselves out in response to posted resize and layout events.
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
    }

    void addTable(const QAbstractItemModel& model, const QList<int>& columns, const QString& caption,
                  const QString& none)
    {
        if (model.rowCount() == 0) {
            m_doc.addParagraph(none, true);
            return;
        }
        m_doc.addTable(tableFrom(model, columns, kTopRows, caption));
    }

    void hotspots()
    {
        m_doc.addSubheading(tr("Rework hotspots"));
        models::HotspotsModel model;
        model.setResult(m_report.rework);
        addTable(model, columnRange(models::HotspotsModel::Path, models::HotspotsModel::AiChurnedLines),
                 topCaption(std::min(model.rowCount(), kTopRows),
                            std::max<qsizetype>(model.filesWithChurn(), model.rowCount()),
                            tr("files with churn")),
                 tr("No churned lines in this period."));
    }

    void clusters()
    {
        m_doc.addSubheading(tr("Repeat-incident clusters"));
        models::RepeatClustersModel repeats;
        repeats.setResult(m_report.repeats);
        using R = models::RepeatClustersModel;
        addTable(repeats,
                 { R::Cluster, R::Service, R::Count, R::Repeats, R::FirstSeen, R::LastSeen, R::MedianInterval,
                   R::MedianRecovery, R::AiShare },
                 topCaption(std::min(repeats.rowCount(), kTopRows), repeats.rowCount(), tr("clusters")),
                 tr("No incidents in this period."));
        m_doc.addSubheading(tr("CI failure clusters"));
        models::CiClustersModel ci;
        ci.setResult(m_report.ciFailures);
        addTable(ci, columnRange(0, models::CiClustersModel::ColumnCount),
                 topCaption(std::min(ci.rowCount(), kTopRows), ci.rowCount(), tr("clusters")),
                 tr("No failed CI jobs with a recognisable error in this period."));
    }

    void pipeline()
    {
        static const metrics::StageWeeks none;
        const metrics::StageWeeks& weeks = m_data.pipeline ? m_data.pipeline->weeks : none;
        m_doc.addSubheading(tr("Slowest stages"));
        models::StageTimingModel stages;
        stages.setResult(m_report.pipeline, weeks);
        // Without runner rates the cost column would be a column of dashes, as in the Pipeline view.
        const int stageColumns = m_report.pipeline.ciMinutes.estimatedCost
            ? models::StageTimingModel::ColumnCount
            : models::StageTimingModel::Cost;
        addTable(stages, columnRange(0, stageColumns), tr("CI stages (p50 and p90 job duration)"),
                 tr("No CI jobs in this period."));
        m_doc.addSubheading(tr("Slowest jobs"));
        models::SlowJobsModel jobs;
        jobs.setResult(weeks.slowest);
        addTable(jobs, columnRange(0, models::SlowJobsModel::ColumnCount),
                 topCaption(std::min(jobs.rowCount(), kTopRows), jobs.rowCount(), tr("jobs")),
                 tr("No CI jobs in this period."));
        m_doc.addSubheading(tr("Cache savings"));
        models::CacheSavingsModel cache;
        cache.setResult(m_report.pipeline.cache);
        addTable(cache, columnRange(0, models::CacheSavingsModel::ColumnCount),
                 topCaption(std::min(cache.rowCount(), kTopRows), cache.rowCount(), tr("cached steps")),
                 tr("No cache hits or misses recorded in this period."));
    }

    std::shared_ptr<const gui::ViewData> m_shared; // what the views show, shared rather than copied
    const gui::ViewData& m_data;
    const metrics::MetricsReport& m_report;
    const ReportOptions& m_options;
    ReportDocument m_doc;
    std::vector<std::unique_ptr<gui::View>> m_views;
};

QString settingOr(const store::SqliteDatabase& db, const char* key, const QString& unset)
{
    const QString value = store::workspaceSetting(db, QString::fromLatin1(key));
    return value.isEmpty() ? unset : value;
}

} // namespace

ReportFacts loadReportFacts(const store::SqliteDatabase& db)
{
    using importers::link::LinkSettings;
    ReportFacts facts;
    facts.sources = store::sourceSummaries(db);
    const QString notSet = tr("not set (built-in default)");
    facts.workspaceSettings = {
        { QString::fromLatin1(LinkSettings::kProductionKey),
          settingOr(db, LinkSettings::kProductionKey, notSet) },
        { QString::fromLatin1(LinkSettings::kIncidentWindowKey),
          settingOr(db, LinkSettings::kIncidentWindowKey, notSet) },
        { QString::fromLatin1(LinkSettings::kServicePathsKey),
          settingOr(db, LinkSettings::kServicePathsKey, notSet) },
        { QString::fromLatin1(LinkSettings::kBotRulesFileKey),
          settingOr(db, LinkSettings::kBotRulesFileKey, notSet) },
        { QString::fromLatin1(metrics::kRunnerRatesKey),
          settingOr(db, metrics::kRunnerRatesKey, tr("not set: no CI cost estimate")) },
        { QString::fromLatin1(metrics::kStagingKey),
          settingOr(db, metrics::kStagingKey,
                    tr("not set: %1").arg(QString::fromLatin1(metrics::kDefaultStagingRule))) },
    };
    return facts;
}

QStringList reportSectionTitles()
{
    return { tr("Faultline retro report"),
             tr("Data sources"),
             tr("DORA metrics: AI-assisted vs not"),
             tr("Team profile and biggest bottleneck"),
             tr("Biggest bottleneck"),
             tr("Charts"),
             tr("Top tables"),
             tr("Rework hotspots"),
             tr("Repeat-incident clusters"),
             tr("CI failure clusters"),
             tr("Slowest stages"),
             tr("Slowest jobs"),
             tr("Cache savings"),
             tr("Appendix A: Metric definitions"),
             tr("Appendix B: Settings in force") };
}

bool writeReport(const QString& pdfPath, const gui::ViewData& data, const ReportOptions& options,
                 QString* error, const std::function<bool(int, int)>& progress)
{
    return writeReport(pdfPath, std::make_shared<const gui::ViewData>(data), options, error, progress);
}

bool writeReport(const QString& pdfPath, std::shared_ptr<const gui::ViewData> data,
                 const ReportOptions& options, QString* error, const std::function<bool(int, int)>& progress)
{
    const auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    QSaveFile file(pdfPath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1: %2").arg(pdfPath, file.errorString()));
    ReportBuilder builder(std::move(data), options);
    builder.cover();
    builder.dora();
    builder.profile();
    if (!builder.charts(progress)) {
        file.cancelWriting();
        return fail(QStringLiteral("cancelled"));
    }
    builder.tables();
    builder.appendix();
    const auto pageProgress = [&progress](int done, int total) {
        return !progress
            || progress(kViewSteps + done * (kProgressSteps - kViewSteps) / total, kProgressSteps);
    };
    QString why;
    if (!builder.document().write(&file,
                                  QStringLiteral("Faultline retro report · %1").arg(builder.workspaceName()),
                                  &why, pageProgress)) {
        file.cancelWriting();
        return fail(why == QLatin1String("cancelled")
                        ? why
                        : QStringLiteral("cannot write %1: %2").arg(pdfPath, why));
    }
    if (!file.commit())
        return fail(QStringLiteral("cannot write %1: %2").arg(pdfPath, file.errorString()));
    return true;
}

} // namespace faultline::exporting
