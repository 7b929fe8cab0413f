#pragma once

#include "metrics_options.h"
#include "store/lead_time_queries.h"

#include <QRegularExpression>

#include <array>
#include <optional>
#include <vector>

namespace faultline::metrics {

// METRICS.md "Lead-time breakdown (per PR, then per commit without a PR)".
enum class LeadStage
{
    Coding, // first commit authored → PR created
    Pickup, // PR created → first review by someone other than the author
    Review, // first review → merged
    CiWait, // first CI run started → last CI run finished on the PR's commits
    Deploy, // merged → first successful production deployment holding it
    ToStaging, // merged → first staging deployment holding it (where staging deployments exist)
    StagingWait, // that staging deployment → the production one: the shared-staging queue
};
inline constexpr int kLeadStages = 7;
const char* leadStageKey(LeadStage stage); // "coding", "pickup", "review", "ci_wait", "deploy", …

struct StageMedian
{
    std::optional<double> medianHours;
    int n = 0;
};

// One pull request (or one commit without a PR: only the deploy stages apply), the rows behind the medians.
struct LeadTimeRow
{
    std::int64_t prId = 0; // 0 for a commit without a PR
    std::int64_t prNumber = 0;
    std::int64_t commitId = 0; // for a commit without a PR
    bool aiAssisted = false;
    std::array<std::optional<double>, kLeadStages> hours {};
    std::optional<std::int64_t> productionDeploymentId;
    std::optional<std::int64_t> stagingDeploymentId;
};

struct LeadTimeBreakdown
{
    // Per segment (index by int(Segment)), per stage (index by int(LeadStage)).
    std::array<std::array<StageMedian, kLeadStages>, 3> stages {};
    // CI wait ÷ coding time per PR (the "15 min of coding, 30 min of CI = 200 %" ratio): median and n.
    StageMedian ciOverhead; // medianHours holds the ratio here
    std::vector<LeadTimeRow> rows;
};

// Default rule for staging environments (case-insensitive), next to the production rule.
inline constexpr const char* kDefaultStagingRule = "^(stag|staging|pre-?prod|preview|uat)([-_].*)?$";

// Bot pull requests (pull_requests.is_bot) are left out unless includeBots. A negative stage time
// (clock skew) is dropped from that stage.
LeadTimeBreakdown computeLeadTimeBreakdown(const store::LeadTimeFacts& facts, const MetricsOptions& options,
                                           const QRegularExpression& stagingRule, bool includeBots = false);

} // namespace faultline::metrics
