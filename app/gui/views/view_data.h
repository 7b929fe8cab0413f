#pragma once

#include "gui/filter_state.h"
#include "gui/views/changes_data.h"
#include "gui/views/pipeline_data.h"
#include "gui/views/rework_data.h"
#include "metrics/lead_time_histogram.h"
#include "metrics/metrics_report.h"
#include "metrics/weekly_trends.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

// Everything the views show for one filter state, computed off the GUI thread in one go: the metrics
// report of METRICS.md plus the weekly series the charts plot.
struct ViewData
{
    FilterState filters;
    std::int64_t anchorMs = 0; // end of the preset periods (FilterState::period)
    bool workspaceEmpty = true; // no activity at all: every view shows its empty state
    metrics::MetricsReport report;
    metrics::WeeklyTrends weekly; // of filters.headlineSegment()
    ReworkViewsData reworkViews; // the Rework treemap and the Incidents timeline
    ChangesData changes; // the Changes view's first page and weekly split
    std::shared_ptr<const PipelineViewData> pipeline; // stage timing per week, the period's jobs
    // The DORA lead-time rows in buckets (null when not computed: the view buckets them itself).
    std::shared_ptr<const metrics::LeadTimeHistogram> leadHistogramAi;
    std::shared_ptr<const metrics::LeadTimeHistogram> leadHistogramNotAi;
};

// Steps reported through `progress` (value, maximum, text); returns false from `cancelled` to stop
// early (the result is then incomplete and must be dropped).
ViewData loadViewData(const store::SqliteDatabase& db, const FilterState& filters,
                      const std::function<void(int, int, const QString&)>& progress = {},
                      const std::function<bool()>& cancelled = {});

} // namespace faultline::gui
