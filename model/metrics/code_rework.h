#pragma once

#include "metrics/metrics_options.h"
#include "store/rework_queries.h"

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace faultline::metrics {

// METRICS.md "Code rework (line level)" for commits authored in [fromMs, toMs): a line is churned when a
// later commit deletes or modifies it within options.churnWindowDays of its origin commit's author time;
// the churn counts for the origin commit's segment and period.

struct ReworkSegment
{
    std::int64_t commits = 0; // commits authored in the period in this segment (n)
    std::int64_t addedLines = 0;
    std::int64_t churnedLines = 0;
    std::optional<double> churnRate; // churned ÷ added; nullopt when nothing was added
    // 95 % Wilson interval of the rate over lines; nullopt with the rate.
    std::optional<std::pair<double, double>> churnRateCi95;
    bool tooFewToCompare = true; // fewer than kSmallSample commits
};

// One churn row that counts: `lines` of `originSha` deleted or modified by `removingSha` in `path`.
struct ChurnContribution
{
    std::int64_t churnId = 0;
    std::int64_t repoId = 0;
    QString originSha;
    std::int64_t originAuthoredAt = 0;
    QString removingSha;
    QString path;
    std::int64_t lines = 0;
    std::int64_t ageMs = 0;
    bool originAi = false; // the origin commit is AI-assisted: the lines count for the AI segment
};

// One commit of the period: what it added and how much of that was churned within the window.
struct ReworkCommitRow
{
    std::int64_t commitId = 0;
    QString sha;
    std::int64_t authoredAt = 0;
    std::int64_t addedLines = 0;
    std::int64_t churnedLines = 0;
    double aiShare = 0;
    bool ai = false;
};

// METRICS.md "Rework hotspot": a file ranked by churned lines in the period.
struct ReworkHotspot
{
    std::int64_t repoId = 0;
    QString repo;
    QString path;
    std::int64_t churnedLines = 0;
    // Churned lines whose origin commit is AI-assisted ÷ churned lines.
    std::optional<double> aiShare;
    std::int64_t commits = 0; // commits of the period touching the file
    std::optional<std::int64_t> linesAtHead; // nullopt: the file is not at the imported head
    std::int64_t addedLines = 0; // lines of the file originated by commits of the period
    std::optional<double> churnRate; // churned ÷ added; nullopt when nothing was added
};

// Churn of one week or directory, all and AI-assisted (not AI-assisted = all − AI).
struct ReworkBucket
{
    std::int64_t addedLines = 0;
    std::int64_t churnedLines = 0;
    std::int64_t aiAddedLines = 0;
    std::int64_t aiChurnedLines = 0;
    std::optional<double> churnRate; // churned ÷ added; null when nothing was added
    std::optional<double> aiChurnRate;
    std::optional<double> notAiChurnRate;
};

struct CodeRework
{
    int churnWindowDays = 14;
    ReworkSegment all, ai, notAi;
    std::vector<ReworkHotspot> hotspots; // most churned first, ties by path, then repository id
    std::int64_t hotspotFiles = 0; // files with churn in the period, before the limit
    std::vector<ChurnContribution> contributing; // by origin author time and sha, then removal (age), path
    std::vector<ReworkCommitRow> commits; // by author time, then sha
    // METRICS.md: churn rate per period and per directory. Weeks are keyed by the Monday (UTC,
    // "YYYY-MM-DD") of the origin commit's author time; directories by the file's parent folder
    // ("" for the repository root), across repositories.
    std::map<QString, ReworkBucket> byWeek;
    std::map<QString, ReworkBucket> byDirectory;

    const ReworkSegment& segment(Segment s) const;
};

// The commit's segment under the options: ai_share >= aiThreshold, or with anyAi any AI share at all.
bool isAiAssisted(double aiShare, const MetricsOptions& options);

// hotspotLimit < 0: every file with churn.
CodeRework computeCodeRework(const store::ReworkFacts& facts, const MetricsOptions& options,
                             int hotspotLimit = 50);

} // namespace faultline::metrics
