#pragma once

#include "metrics/archetype.h"
#include "metrics/ci_failures.h"
#include "metrics/code_rework.h"
#include "metrics/dora_metrics.h"
#include "metrics/lead_time_breakdown.h"
#include "metrics/metrics_options.h"
#include "metrics/pipeline_metrics.h"
#include "metrics/repeat_incidents.h"

#include <utility>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::metrics {

// Every metric of METRICS.md for one set of options: what `faultline metrics` prints, and what the
// GUI views and the PDF report show (computed once, here).
struct MetricsReport
{
    MetricsOptions options;
    DoraResult dora;
    LeadTimeBreakdown leadTime;
    PipelineMetrics pipeline;
    CiFailures ciFailures;
    CodeRework rework;
    RepeatIncidents repeats;
    ArchetypeInputs archetypeInputs;
    Archetype archetype;
};

// Workspace settings the metrics read (workspace_meta), next to the link settings:
//   metrics.runner_rates         JSON {"<runner label>": <cost per CI minute>}: estimated CI cost
//   metrics.staging_environment  regular expression (case-insensitive) naming staging environments;
//                                default kDefaultStagingRule
// A value that cannot be used throws std::invalid_argument naming the key.
inline constexpr const char* kRunnerRatesKey = "metrics.runner_rates";
inline constexpr const char* kStagingKey = "metrics.staging_environment";

// The default period: the 90 days up to midnight (UTC) after the workspace's latest activity
// (deployment, commit, incident, merge or CI run), so the same workspace gives the same numbers
// whenever it is asked; nullopt for an empty workspace.
std::optional<std::pair<std::int64_t, std::int64_t>> defaultWindow(const store::SqliteDatabase& db);

// Throws std::invalid_argument naming the key when a metrics setting cannot be used.
void validateMetricsSettings(const store::SqliteDatabase& db);

MetricsReport buildMetricsReport(const store::SqliteDatabase& db, const MetricsOptions& options);

} // namespace faultline::metrics
