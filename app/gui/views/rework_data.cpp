#include "rework_data.h"

#include "store/head_lines_queries.h"

namespace faultline::gui {

ReworkViewsData loadReworkViewsData(const store::SqliteDatabase& db, const metrics::MetricsReport& report,
                                    const store::IncidentFacts& incidents)
{
    ReworkViewsData out;
    const std::map<QString, std::int64_t> head = store::loadHeadLinesByPath(db);
    out.sizedByHeadLines = !head.empty();
    out.directories = out.sizedByHeadLines ? metrics::directoryTiles(head, report.rework.byDirectory)
                                           : metrics::directoryTilesByAddedLines(report.rework.byDirectory);
    if (!report.repeats.clusters.empty())
        out.incidents = metrics::incidentTimeline(incidents, report.repeats);
    return out;
}

} // namespace faultline::gui
