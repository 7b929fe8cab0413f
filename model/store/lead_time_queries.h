#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// A successful deployment that shipped a pull request or a commit.
struct ShippedBy
{
    std::int64_t deploymentId = 0;
    QString environment;
    bool isProduction = false;
    std::optional<std::int64_t> finishedAt;
};

// What the lead-time breakdown (model/metrics/lead_time_breakdown) reads about one merged pull request.
struct LeadTimePr
{
    std::int64_t id = 0;
    std::int64_t number = 0;
    QString project;
    bool isBot = false;
    std::optional<std::int64_t> createdAt;
    std::int64_t mergedAt = 0;
    std::optional<std::int64_t> firstCommitAuthoredAt; // the PR's listed commits, else its linked ones
    std::optional<std::int64_t> firstReviewAt; // by someone other than the author
    std::optional<std::int64_t> ciFirstStartedAt; // of the CI runs linked to the PR (pr_run links)
    std::optional<std::int64_t> ciLastFinishedAt;
    std::int64_t aiLines = 0; // over the PR's commits in an imported history
    std::int64_t addedLines = 0;
    bool anyAiCommit = false;
    std::vector<ShippedBy> shippedBy; // successful deployments whose changeset holds the PR
};

// A commit of a successful deployment's changeset that belongs to no pull request.
struct LeadTimeCommit
{
    std::int64_t commitId = 0;
    QString sha;
    std::int64_t authoredAt = 0;
    double aiShare = 0;
    std::vector<ShippedBy> shippedBy;
};

struct LeadTimeFacts
{
    std::vector<LeadTimePr> prs; // merged in [from, to), by merge time then id
    std::vector<LeadTimeCommit> commits; // authored in [from, to), by author time then id
};

LeadTimeFacts loadLeadTimeFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs);

} // namespace faultline::store
