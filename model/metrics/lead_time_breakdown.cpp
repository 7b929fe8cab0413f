#include "lead_time_breakdown.h"

#include "metric_math.h"

namespace faultline::metrics {

namespace {

constexpr double kHourMs = 3600.0 * 1000.0;

std::optional<double> hoursBetween(std::optional<std::int64_t> from, std::optional<std::int64_t> to)
{
    if (!from || !to || *to < *from)
        return std::nullopt;
    return double(*to - *from) / kHourMs;
}

// The first production deployment that finished at or after `since`, and the first staging one
// before it.
struct Shipping
{
    const store::ShippedBy* production = nullptr;
    const store::ShippedBy* staging = nullptr;
};

Shipping shippingOf(const std::vector<store::ShippedBy>& shippedBy, std::int64_t since,
                    const QRegularExpression& stagingRule)
{
    Shipping s;
    for (const store::ShippedBy& d : shippedBy) { // ordered by finish time
        if (!d.finishedAt || *d.finishedAt < since)
            continue;
        if (d.isProduction) {
            if (!s.production)
                s.production = &d;
        } else if (!s.staging && !s.production && stagingRule.match(d.environment).hasMatch()) {
            s.staging = &d;
        }
    }
    return s;
}

void setDeployStages(LeadTimeRow& row, const Shipping& s, std::int64_t since)
{
    if (s.production) {
        row.productionDeploymentId = s.production->deploymentId;
        row.hours[int(LeadStage::Deploy)] = hoursBetween(since, s.production->finishedAt);
    }
    if (s.staging) {
        row.stagingDeploymentId = s.staging->deploymentId;
        row.hours[int(LeadStage::ToStaging)] = hoursBetween(since, s.staging->finishedAt);
        if (s.production)
            row.hours[int(LeadStage::StagingWait)]
                = hoursBetween(s.staging->finishedAt, s.production->finishedAt);
    }
}

} // namespace

const char* leadStageKey(LeadStage stage)
{
    switch (stage) {
    case LeadStage::Coding:
        return "coding";
    case LeadStage::Pickup:
        return "pickup";
    case LeadStage::Review:
        return "review";
    case LeadStage::CiWait:
        return "ci_wait";
    case LeadStage::Deploy:
        return "deploy";
    case LeadStage::ToStaging:
        return "to_staging";
    case LeadStage::StagingWait:
        return "staging_wait";
    }
    return "coding";
}

LeadTimeBreakdown computeLeadTimeBreakdown(const store::LeadTimeFacts& facts, const MetricsOptions& options,
                                           const QRegularExpression& stagingRule, bool includeBots)
{
    LeadTimeBreakdown out;
    std::vector<double> overhead;
    for (const store::LeadTimePr& pr : facts.prs) {
        if (pr.isBot && !includeBots)
            continue;
        LeadTimeRow row;
        row.prId = pr.id;
        row.prNumber = pr.number;
        row.aiAssisted = options.anyAi
            ? pr.anyAiCommit
            : pr.addedLines > 0 && double(pr.aiLines) / double(pr.addedLines) >= options.aiThreshold;
        row.hours[int(LeadStage::Coding)] = hoursBetween(pr.firstCommitAuthoredAt, pr.createdAt);
        row.hours[int(LeadStage::Pickup)] = hoursBetween(pr.createdAt, pr.firstReviewAt);
        row.hours[int(LeadStage::Review)] = hoursBetween(pr.firstReviewAt, pr.mergedAt);
        row.hours[int(LeadStage::CiWait)] = hoursBetween(pr.ciFirstStartedAt, pr.ciLastFinishedAt);
        setDeployStages(row, shippingOf(pr.shippedBy, pr.mergedAt, stagingRule), pr.mergedAt);
        const auto coding = row.hours[int(LeadStage::Coding)];
        const auto ciWait = row.hours[int(LeadStage::CiWait)];
        if (coding && *coding > 0 && ciWait)
            overhead.push_back(*ciWait / *coding);
        out.rows.push_back(row);
    }
    // A commit without a PR was merged when it was written (trunk-based work): only the deploy stages.
    for (const store::LeadTimeCommit& commit : facts.commits) {
        LeadTimeRow row;
        row.commitId = commit.commitId;
        row.aiAssisted = options.anyAi ? commit.aiShare > 0 : commit.aiShare >= options.aiThreshold;
        setDeployStages(row, shippingOf(commit.shippedBy, commit.authoredAt, stagingRule), commit.authoredAt);
        out.rows.push_back(row);
    }

    for (const Segment segment : kSegments) {
        for (int stage = 0; stage < kLeadStages; ++stage) {
            std::vector<double> values;
            for (const LeadTimeRow& row : out.rows) {
                if ((segment == Segment::Ai && !row.aiAssisted)
                    || (segment == Segment::NotAi && row.aiAssisted))
                    continue;
                if (row.hours[size_t(stage)])
                    values.push_back(*row.hours[size_t(stage)]);
            }
            out.stages[size_t(segment)][size_t(stage)] = { median(values), int(values.size()) };
        }
    }
    out.ciOverhead = { median(overhead), int(overhead.size()) };
    return out;
}

} // namespace faultline::metrics
