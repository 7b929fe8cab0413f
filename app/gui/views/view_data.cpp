#include "view_data.h"

#include "gui/views/shared_result.h"
#include "store/delivery_queries.h"
#include "store/pipeline_queries.h"
#include "store/trend_queries.h"

#include <QDateTime>
#include <QObject>

namespace faultline::gui {

namespace {
constexpr std::int64_t kDayMs = 86400LL * 1000;
}

ViewData loadViewData(const store::SqliteDatabase& db, const FilterState& filters,
                      const std::function<void(int, int, const QString&)>& progress,
                      const std::function<bool()>& cancelled)
{
    const auto step = [&](int value, const QString& text) {
        if (progress)
            progress(value, 3, text);
        return !(cancelled && cancelled());
    };
    ViewData data;
    data.filters = filters;
    const auto window = metrics::defaultWindow(db);
    data.workspaceEmpty = !window;
    // An empty workspace still gets a period (ending tonight) so the filter bar has dates to show.
    data.anchorMs = window ? window->second : (QDateTime::currentMSecsSinceEpoch() / kDayMs + 1) * kDayMs;
    const metrics::MetricsOptions options = filters.options(data.anchorMs);
    if (!step(0, QObject::tr("Computing metrics…")))
        return data;
    metrics::MetricsFacts facts = metrics::loadMetricsFacts(db, options);
    data.report = metrics::buildMetricsReport(facts, options);
    if (!step(1, QObject::tr("Computing weekly trends…")))
        return data;
    const auto merges = store::loadPullRequestMerges(db, options.fromMs, options.toMs);
    data.weekly = metrics::computeWeeklyTrends(facts.dora, merges, options, filters.headlineSegment());
    data.reworkViews = loadReworkViewsData(db, data.report, facts.incidents);
    data.changes = loadChangesData(db, changeFilterFor(filters, options.fromMs, options.toMs));
    data.leadHistogramAi = shareResult(metrics::leadTimeHistogram(data.report.dora.ai.leadTime));
    data.leadHistogramNotAi = shareResult(metrics::leadTimeHistogram(data.report.dora.notAi.leadTime));
    data.pipeline = makePipelineViewData(std::move(facts.pipeline), facts.runnerRates,
                                         store::loadPipelineSteps(db, options.fromMs, options.toMs),
                                         std::move(facts.ciFailures.flaky));
    step(3, QObject::tr("Done"));
    return data;
}

} // namespace faultline::gui
