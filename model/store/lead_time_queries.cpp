#include "lead_time_queries.h"

#include "sqlite_database.h"
#include "text_pool.h"

#include <QHash>

namespace faultline::store {

namespace {

// Links written by the linker (importers/link): a PR's commits in history and its CI runs.
constexpr const char* kPrs = R"sql(
WITH linked AS (
    SELECT l.from_id AS pr_id, c.id AS commit_id, c.authored_at, c.ai_lines, c.added_lines, c.ai_share
    FROM links l JOIN commits c ON c.id = l.to_id
    WHERE l.kind = 'pr_commit' AND l.from_type = 'pull_request' AND l.to_type = 'commit'
), runs AS (
    SELECT l.from_id AS pr_id, coalesce(r.started_at, r.created_at) AS started_at, r.finished_at
    FROM links l JOIN pipeline_runs r ON r.id = l.to_id
    WHERE l.kind = 'pr_run' AND l.from_type = 'pull_request' AND l.to_type = 'pipeline_run'
)
SELECT p.id, p.number, p.project, p.is_bot, p.created_at, p.merged_at,
    coalesce((SELECT min(authored_at) FROM pr_commits c WHERE c.pr_id = p.id),
             (SELECT min(authored_at) FROM linked WHERE pr_id = p.id)),
    (SELECT min(r.submitted_at) FROM pr_reviews r WHERE r.pr_id = p.id AND r.submitted_at IS NOT NULL
        AND lower(coalesce(r.author, '')) <> lower(coalesce(p.author, ''))
        AND upper(coalesce(r.state, '')) <> 'PENDING'),
    (SELECT min(started_at) FROM runs WHERE pr_id = p.id),
    (SELECT max(finished_at) FROM runs WHERE pr_id = p.id),
    (SELECT coalesce(sum(ai_lines), 0) FROM linked WHERE pr_id = p.id),
    (SELECT coalesce(sum(added_lines), 0) FROM linked WHERE pr_id = p.id),
    (SELECT coalesce(max(ai_share > 0), 0) FROM linked WHERE pr_id = p.id)
FROM pull_requests p
WHERE p.merged_at >= ?1 AND p.merged_at < ?2
ORDER BY p.merged_at, p.id
)sql";

// Successful deployments holding a PR: by the PR's own changeset rows or its linked commits.
constexpr const char* kPrDeployments = R"sql(
SELECT DISTINCT pr_id, d.id, d.environment, d.is_production, d.finished_at FROM (
    SELECT p.id AS pr_id, x.deployment_id AS deployment_id
    FROM pull_requests p JOIN deployment_changes x ON x.pr_id = p.id
    WHERE p.merged_at >= ?1 AND p.merged_at < ?2
    UNION
    SELECT p.id, x.deployment_id
    FROM pull_requests p
    JOIN links l ON l.kind = 'pr_commit' AND l.from_type = 'pull_request' AND l.from_id = p.id
        AND l.to_type = 'commit'
    JOIN deployment_changes x ON x.commit_id = l.to_id
    WHERE p.merged_at >= ?1 AND p.merged_at < ?2
) s JOIN deployments d ON d.id = s.deployment_id
WHERE d.status = 'success'
ORDER BY pr_id, d.finished_at, d.id
)sql";

constexpr const char* kCommits = R"sql(
SELECT c.id, c.sha, c.authored_at, c.ai_share, d.id, d.environment, d.is_production, d.finished_at
FROM commits c
CROSS JOIN deployment_changes x ON x.commit_id = c.id
JOIN deployments d ON d.id = x.deployment_id
WHERE x.pr_id IS NULL AND d.status = 'success' AND c.authored_at >= ?1 AND c.authored_at < ?2
    AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'pr_commit' AND l.from_type = 'pull_request'
                    AND l.to_type = 'commit' AND l.to_id = c.id)
ORDER BY c.authored_at, c.id, d.finished_at, d.id
)sql";

} // namespace

LeadTimeFacts loadLeadTimeFacts(const SqliteDatabase& db, std::int64_t fromMs, std::int64_t toMs)
{
    LeadTimeFacts facts;
    TextPool pool;
    QHash<std::int64_t, size_t> prIndex;
    auto prs = db.prepare(kPrs);
    prs.bind(1, fromMs).bind(2, toMs);
    while (prs.step()) {
        LeadTimePr p;
        p.id = prs.int64(0);
        p.number = prs.int64(1);
        p.project = prs.text(2);
        p.isBot = prs.int64(3) != 0;
        p.createdAt = prs.optionalInt64(4);
        p.mergedAt = prs.int64(5);
        p.firstCommitAuthoredAt = prs.optionalInt64(6);
        p.firstReviewAt = prs.optionalInt64(7);
        p.ciFirstStartedAt = prs.optionalInt64(8);
        p.ciLastFinishedAt = prs.optionalInt64(9);
        p.aiLines = prs.int64(10);
        p.addedLines = prs.int64(11);
        p.anyAiCommit = prs.int64(12) != 0;
        prIndex.insert(p.id, facts.prs.size());
        facts.prs.push_back(std::move(p));
    }
    auto shipped = db.prepare(kPrDeployments);
    shipped.bind(1, fromMs).bind(2, toMs);
    while (shipped.step()) {
        const auto it = prIndex.constFind(shipped.int64(0));
        if (it == prIndex.constEnd())
            continue;
        facts.prs[*it].shippedBy.push_back({ shipped.int64(1), pool.get(shipped.textView(2)),
                                             shipped.int64(3) != 0, shipped.optionalInt64(4) });
    }
    auto commits = db.prepare(kCommits);
    commits.bind(1, fromMs).bind(2, toMs);
    while (commits.step()) {
        const std::int64_t id = commits.int64(0);
        if (facts.commits.empty() || facts.commits.back().commitId != id)
            facts.commits.push_back({ id, commits.text(1), commits.int64(2), commits.real(3), {} });
        facts.commits.back().shippedBy.push_back({ commits.int64(4), pool.get(commits.textView(5)),
                                                   commits.int64(6) != 0, commits.optionalInt64(7) });
    }
    return facts;
}

} // namespace faultline::store
