#pragma once

#include "metrics/metrics_options.h"
#include "metrics/stage_weeks.h"
#include "store/ci_failure_queries.h"
#include "store/pipeline_queries.h"

#include <QHash>
#include <QString>

#include <memory>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::gui {

// What the Pipeline view shows beyond the MetricsReport: stage timing and CI minutes per week, the
// slowest jobs, and the jobs themselves (sorted by id) so that a drill-down can describe the rows
// behind a number without another query on the GUI thread.
struct PipelineViewData
{
    metrics::StageWeeks weeks;
    std::vector<metrics::SlowJob> slowSteps; // metrics::slowestSteps
    std::vector<store::FlakyResultFact> flakyResults; // sorted by id: the flaky tests' drill-down
    std::vector<store::PipelineJob> jobsById;
    QHash<QString, double> ratePerMinute; // metrics.runner_rates; empty when not set

    const store::PipelineJob* job(std::int64_t id) const;
    const store::FlakyResultFact* flakyResult(std::int64_t id) const;
};

// From the rows the report was computed from (metrics::MetricsFacts), so the jobs are read once.
// Shared, so a drill-down in progress keeps its jobs when a newer result arrives.
std::shared_ptr<const PipelineViewData>
makePipelineViewData(store::PipelineFacts facts, const QHash<QString, double>& ratePerMinute,
                     const std::vector<store::PipelineStep>& steps = {},
                     std::vector<store::FlakyResultFact> flaky = {});

} // namespace faultline::gui
