#include "pipeline_data.h"

#include "gui/views/shared_result.h"

#include <algorithm>

namespace faultline::gui {

const store::PipelineJob* PipelineViewData::job(std::int64_t id) const
{
    const auto it = std::lower_bound(jobsById.begin(), jobsById.end(), id,
                                     [](const store::PipelineJob& j, std::int64_t v) { return j.id < v; });
    return it != jobsById.end() && it->id == id ? &*it : nullptr;
}

const store::FlakyResultFact* PipelineViewData::flakyResult(std::int64_t id) const
{
    const auto it
        = std::lower_bound(flakyResults.begin(), flakyResults.end(), id,
                           [](const store::FlakyResultFact& r, std::int64_t v) { return r.id < v; });
    return it != flakyResults.end() && it->id == id ? &*it : nullptr;
}

std::shared_ptr<const PipelineViewData> makePipelineViewData(store::PipelineFacts facts,
                                                             const QHash<QString, double>& ratePerMinute,
                                                             const std::vector<store::PipelineStep>& steps,
                                                             std::vector<store::FlakyResultFact> flaky)
{
    PipelineViewData data;
    data.ratePerMinute = ratePerMinute;
    data.weeks = metrics::computeStageWeeks(facts, data.ratePerMinute);
    data.slowSteps = metrics::slowestSteps(steps);
    data.flakyResults = std::move(flaky);
    std::sort(data.flakyResults.begin(), data.flakyResults.end(),
              [](const store::FlakyResultFact& a, const store::FlakyResultFact& b) { return a.id < b.id; });
    data.jobsById = std::move(facts.jobs);
    std::sort(data.jobsById.begin(), data.jobsById.end(),
              [](const store::PipelineJob& a, const store::PipelineJob& b) { return a.id < b.id; });
    return shareResult(std::move(data));
}

} // namespace faultline::gui
