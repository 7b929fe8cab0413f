#pragma once

#include "metrics/incident_timeline.h"
#include "metrics/metrics_report.h"
#include "metrics/treemap_layout.h"

#include <vector>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

// What the Rework and Incidents views show beyond the metrics report: the directory treemap (lines at
// head need their own read) and the incidents of the repeat clusters with their times.
struct ReworkViewsData
{
    std::vector<metrics::DirectoryTile> directories;
    // false: the workspace has no file contents at head and directories are sized by added lines.
    bool sizedByHeadLines = true;
    std::vector<metrics::IncidentTimelineRow> incidents;
};

// Off the GUI thread, after the report (it reads the report's churn per directory and clusters, and
// the incidents the report was computed from).
ReworkViewsData loadReworkViewsData(const store::SqliteDatabase& db, const metrics::MetricsReport& report,
                                    const store::IncidentFacts& incidents);

} // namespace faultline::gui
