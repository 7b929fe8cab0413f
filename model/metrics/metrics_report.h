#pragma once

#include "metrics/archetype.h"
#include "metrics/ci_failures.h"
#include "metrics/code_rework.h"
#include "metrics/dora_metrics.h"
#include "metrics/lead_time_breakdown.h"
#include "metrics/metrics_options.h"
#include "metrics/pipeline_metrics.h"
#include "metrics/repeat_incidents.h"
#include "store/ci_failure_queries.h"
#include "store/delivery_queries.h"
#include "store/incident_queries.h"
#include "store/lead_time_queries.h"
#include "store/pipeline_queries.h"
#include "store/rework_queries.h"

#include <QHash>
#include <QRegularExpression>

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

// Everything the report is computed from, read once for the period: the GUI keeps it to draw its
// views' extra series from the same rows instead of reading them again.
struct MetricsFacts
{
    store::DoraFacts dora;
    store::LeadTimeFacts leadTime;
    store::PipelineFacts pipeline;
    store::CiFailureFacts ciFailures;
    store::ReworkFacts rework;
    store::IncidentFacts incidents;
    QHash<QString, double> runnerRates; // metrics.runner_rates
    QRegularExpression stagingRule; // metrics.staging_environment
};

// Throws std::invalid_argument naming the key when a metrics setting cannot be used.
MetricsFacts loadMetricsFacts(const store::SqliteDatabase& db, const MetricsOptions& options);
MetricsReport buildMetricsReport(const MetricsFacts& facts, const MetricsOptions& options);
MetricsReport buildMetricsReport(const store::SqliteDatabase& db, const MetricsOptions& options);

// The workspace setting metrics.runner_rates ({"<runner label>": <cost per minute>}); an empty text
// gives no rates. Throws std::invalid_argument naming the key when it cannot be used.
QHash<QString, double> parseRunnerRates(const QString& settingText);

} // namespace faultline::metrics
