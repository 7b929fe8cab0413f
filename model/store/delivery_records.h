#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

// Deploy history, incidents and pull requests normalised across sources. Times are UTC epoch ms; a
// field the export lacks stays empty (null) and never overwrites what another export provided.

// Normalised deployment outcome: what the metrics count is `success` and `failure`; everything
// else is kept and shown but not counted (METRICS.md "Production deployment").
namespace deployment_status {
inline constexpr const char* kSuccess = "success";
inline constexpr const char* kFailure = "failure";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kUnknown = "unknown";
} // namespace deployment_status

struct DeploymentRecord
{
    QString provider; // github, gitlab, argocd, helm, csv
    QString externalId; // unique per provider: GitHub/GitLab id, "<app>#<history id>", "<release>#<revision>"
    QString service; // application; the repository name when the source has none
    QString environment;
    QString status; // one of deployment_status
    QString statusRaw; // the source's own value
    std::optional<std::int64_t> createdAt;
    std::optional<std::int64_t> startedAt;
    std::optional<std::int64_t> finishedAt;
    std::optional<std::int64_t> updatedAt; // a newer value wins on re-import
    QString commitSha; // lower-case hex; empty when the source names no commit (helm)
    QString ref;
    QString url;
    QString description;
    QString creator;
    QString repository; // repository URL or owner/name
    // External id of the deployment this one explicitly rolls back to ("Rollback to 2" in helm).
    QString rollbackTarget;
};

// One status of a deployment (GitHub deployment statuses): the outcome is derived from all of them.
struct DeploymentStatusRecord
{
    QString provider;
    QString deploymentExternalId;
    QString externalId;
    QString state; // source value: error, failure, inactive, in_progress, queued, pending, success
    std::optional<std::int64_t> createdAt;
    QString description;
    QString logUrl;
};

struct IncidentRecord
{
    QString provider; // pagerduty, opsgenie, jira, csv
    QString externalId;
    QString displayKey; // what people call it: PagerDuty number, Jira key, Opsgenie tiny id
    QString title;
    QString service;
    QString environment;
    QString severity;
    QString priority;
    QString status;
    std::int64_t createdAt = 0; // detected / declared; required
    std::optional<std::int64_t> acknowledgedAt;
    std::optional<std::int64_t> resolvedAt; // service restored; empty while open
    std::optional<std::int64_t> impactStartedAt;
    std::optional<std::int64_t> mitigatedAt;
    std::optional<std::int64_t> closedAt;
    std::optional<std::int64_t> updatedAt;
    QString url;
    QString causedByDeployment; // deployment external id
    QString causedByCommitSha;
    QString causedByPr; // PR number or URL
    QString repository;
    QStringList labels;
    // Normalised title for the repeat-incident fingerprint (normalizeForFingerprint); empty: none.
    QString fingerprint;
};

struct PrCommitRecord
{
    QString sha;
    std::optional<std::int64_t> authoredAt;
    std::optional<std::int64_t> committedAt;
    QString authorName;
    QString authorEmail;
    QString authorLogin;
    QString headline;
};

struct PrReviewRecord
{
    QString key; // review id, or author + time when the source has none
    QString author;
    QString state; // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING (GitLab: APPROVED)
    std::optional<std::int64_t> submittedAt;
};

struct PullRequestRecord
{
    QString provider; // github, gitlab
    QString project; // owner/repo or GitLab project id; may be empty
    std::int64_t number = 0; // GitHub number, GitLab iid
    QString title;
    QString author; // login
    QString state; // OPEN, CLOSED, MERGED (GitLab: opened, closed, locked, merged), kept as given
    std::optional<bool> isDraft; // absent: keep the stored value
    std::optional<std::int64_t> createdAt;
    std::optional<std::int64_t> mergedAt;
    std::optional<std::int64_t> closedAt;
    std::optional<std::int64_t> updatedAt;
    QString headRef;
    QString headSha;
    QString baseRef;
    QString mergeCommitSha;
    QString squashCommitSha;
    QString mergedBy;
    QString reviewDecision;
    std::optional<std::int64_t> additions;
    std::optional<std::int64_t> deletions;
    std::optional<std::int64_t> changedFiles;
    // Absent: keep the stored labels; an empty list clears them.
    std::optional<QStringList> labels;
    QString url;
    // The export listed the PR's commits / reviews (even an empty list): they replace the stored ones.
    // Otherwise the stored ones are kept.
    bool hasCommits = false;
    std::vector<PrCommitRecord> commits;
    bool hasReviews = false;
    std::vector<PrReviewRecord> reviews;
};

} // namespace faultline::store
