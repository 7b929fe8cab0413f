#include "export_queries.h"

#include "sqlite_database.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace faultline::store {

namespace {

using K = ExportKind;

// Each table: its columns, in the order its SELECT returns them, and the SELECT. Parameters:
// ?1 from, ?2 to (the period, half-open), ?3 services as a JSON array (NULL: all), ?4 segment
// (0 all, 1 AI-assisted, 2 not), ?5 any AI (0/1), ?6 AI threshold. Lists are '; '-separated (a
// commit's parents: space-separated shas).

constexpr ExportColumn kCommitColumns[] = {
    { "sha", K::Text },
    { "parents", K::Text },
    { "repository", K::Text },
    { "author_name", K::Person },
    { "author_email", K::Email, 3 },
    { "authored_at", K::Time },
    { "committer_name", K::Person },
    { "committer_email", K::Email, 6 },
    { "committed_at", K::Time },
    { "subject", K::Text },
    { "is_merge", K::Flag },
    { "ai_tool", K::Text },
    { "ai_rule", K::Text },
    { "ai_share", K::Real },
    { "ai_lines", K::Integer },
    { "added_lines", K::Integer },
    { "deleted_lines", K::Integer },
    { "files_changed", K::Integer },
};

// Ordered by (authored_at, id): the order of the commits_authored_at index, so no sort step.
constexpr const char* kCommitsSql = R"sql(
SELECT c.sha,
    (SELECT group_concat(parent_sha, ' ') FROM
        (SELECT p.parent_sha FROM commit_parents p WHERE p.commit_id = c.id ORDER BY p.position)),
    r.name, c.author_name, c.author_email, c.authored_at, c.committer_name, c.committer_email,
    c.committed_at, c.subject, c.is_merge, c.ai_tool, c.ai_rule, c.ai_share, c.ai_lines, c.added_lines,
    c.deleted_lines, (SELECT count(*) FROM commit_files f WHERE f.commit_id = c.id)
FROM commits c JOIN repos r ON r.id = c.repo_id
WHERE c.authored_at >= ?1 AND c.authored_at < ?2
    AND (?4 = 0 OR (?4 = 1) = (CASE WHEN ?5 THEN c.ai_share > 0 ELSE c.ai_share >= ?6 END))
ORDER BY c.authored_at, c.id
)sql";

constexpr ExportColumn kDeploymentColumns[] = {
    { "deployment_id", K::Text }, { "provider", K::Text },
    { "service", K::Text },       { "environment", K::Text },
    { "status", K::Text },        { "is_production", K::Flag },
    { "created_at", K::Time },    { "started_at", K::Time },
    { "finished_at", K::Time },   { "duration_s", K::DurationMs },
    { "commit_sha", K::Text },    { "ref", K::Text },
    { "repository", K::Text },    { "is_rollback", K::Flag },
    { "is_unplanned", K::Flag },  { "changeset_size", K::Integer },
    { "ai_share", K::Real },      { "creator", K::Person },
    { "url", K::Text },
};

constexpr const char* kDeploymentsSql = R"sql(
SELECT d.external_id, d.provider, d.service, d.environment, d.status, d.is_production, d.created_at,
    d.started_at, d.finished_at, d.finished_at - d.started_at, d.commit_sha, d.ref, d.repository,
    d.is_rollback, d.is_unplanned, d.changeset_size, d.ai_share, d.creator, d.url
FROM deployments d
WHERE coalesce(d.finished_at, d.started_at, d.created_at) >= ?1
    AND coalesce(d.finished_at, d.started_at, d.created_at) < ?2
    AND (?3 IS NULL OR d.service IN (SELECT value FROM json_each(?3)))
ORDER BY coalesce(d.finished_at, d.started_at, d.created_at), d.id
)sql";

constexpr ExportColumn kIncidentColumns[] = {
    { "incident_id", K::Text },
    { "key", K::Text },
    { "provider", K::Text },
    { "title", K::Text },
    { "service", K::Text },
    { "environment", K::Text },
    { "severity", K::Text },
    { "priority", K::Text },
    { "status", K::Text },
    { "created_at", K::Time },
    { "acknowledged_at", K::Time },
    { "resolved_at", K::Time },
    { "recovery_s", K::DurationMs },
    { "caused_by_deployment", K::Text },
    { "caused_by_commit_sha", K::Text },
    { "caused_by_pr", K::Text },
    { "linked_deployments", K::Text },
    { "url", K::Text },
};

constexpr const char* kIncidentsSql = R"sql(
SELECT i.external_id, coalesce(i.display_key, i.external_id), i.provider, i.title, i.service,
    i.environment, i.severity, i.priority, i.status, i.created_at, i.acknowledged_at, i.resolved_at,
    i.resolved_at - i.created_at, i.caused_by_deployment, i.caused_by_commit_sha, i.caused_by_pr,
    (SELECT group_concat(external_id, '; ') FROM
        (SELECT d.external_id FROM links l JOIN deployments d ON d.id = l.to_id
         WHERE l.kind = 'incident_deployment' AND l.from_type = 'incident' AND l.to_type = 'deployment'
             AND l.from_id = i.id ORDER BY d.id)),
    i.url
FROM incidents i
WHERE i.created_at >= ?1 AND i.created_at < ?2
    AND (?3 IS NULL OR i.service IN (SELECT value FROM json_each(?3)))
ORDER BY i.created_at, i.id
)sql";

constexpr ExportColumn kRunColumns[] = {
    { "provider", K::Text },
    { "project", K::Text },
    { "run_id", K::Text },
    { "attempt", K::Integer },
    { "run_number", K::Integer },
    { "workflow", K::Text },
    { "name", K::Text },
    { "event", K::Text },
    { "status", K::Text },
    { "conclusion", K::Text },
    { "head_sha", K::Text },
    { "head_branch", K::Text },
    { "pr_number", K::Integer },
    { "created_at", K::Time },
    { "started_at", K::Time },
    { "finished_at", K::Time },
    { "duration_s", K::DurationMs },
    { "queued_s", K::DurationMs },
    { "jobs", K::Integer },
    { "url", K::Text },
};

// A run without a start time counts by its creation time, as in the pipeline metrics.
constexpr const char* kRunsSql = R"sql(
SELECT r.provider, r.project, r.external_id, r.attempt, r.run_number, r.workflow, r.name, r.event,
    r.status, r.conclusion, r.head_sha, r.head_branch, r.pr_number, r.created_at, r.started_at,
    r.finished_at, r.duration_ms, r.queued_ms, (SELECT count(*) FROM jobs j WHERE j.run_id = r.id), r.url
FROM pipeline_runs r
WHERE coalesce(r.started_at, r.created_at) >= ?1 AND coalesce(r.started_at, r.created_at) < ?2
ORDER BY coalesce(r.started_at, r.created_at), r.id
)sql";

constexpr ExportColumn kJobColumns[] = {
    { "provider", K::Text },       { "project", K::Text },          { "run_id", K::Text },
    { "run_attempt", K::Integer }, { "job_id", K::Text },           { "name", K::Text },
    { "stage", K::Text },          { "stage_raw", K::Text },        { "status", K::Text },
    { "conclusion", K::Text },     { "attempt", K::Integer },       { "is_retried", K::Flag },
    { "allow_failure", K::Flag },  { "created_at", K::Time },       { "started_at", K::Time },
    { "finished_at", K::Time },    { "duration_s", K::DurationMs }, { "queued_s", K::DurationMs },
    { "runner", K::Text },         { "runner_labels", K::Text },    { "cache", K::Text },
    { "failure_reason", K::Text }, { "error_step", K::Text },       { "error_line", K::Text },
};

constexpr const char* kJobsSql = R"sql(
SELECT r.provider, r.project, r.external_id, r.attempt, j.external_id, j.name, j.stage, j.stage_raw,
    j.status, j.conclusion, j.attempt, j.is_retried, j.allow_failure, j.created_at, j.started_at,
    j.finished_at, j.duration_ms, j.queued_ms, j.runner,
    CASE WHEN json_valid(j.runner_labels) AND json_type(j.runner_labels) = 'array'
        THEN (SELECT group_concat(value, '; ') FROM json_each(j.runner_labels)) ELSE j.runner_labels END,
    j.cache, j.failure_reason, j.error_step, j.error_line
FROM pipeline_runs r JOIN jobs j ON j.run_id = r.id
WHERE coalesce(r.started_at, r.created_at) >= ?1 AND coalesce(r.started_at, r.created_at) < ?2
ORDER BY coalesce(r.started_at, r.created_at), r.id, j.id
)sql";

constexpr ExportColumn kTestColumns[] = {
    { "provider", K::Text },       { "project", K::Text },    { "run_id", K::Text },
    { "run_attempt", K::Integer }, { "commit_sha", K::Text }, { "suite", K::Text },
    { "classname", K::Text },      { "name", K::Text },       { "file", K::Text },
    { "outcome", K::Text },        { "flaky", K::Flag },      { "duration_s", K::DurationMs },
    { "started_at", K::Time },     { "message", K::Text },
};

// A result counts by its run's time (as the flaky-test metric does), else by its own start.
constexpr const char* kTestsSql = R"sql(
SELECT r.provider, r.project, r.external_id, r.attempt, coalesce(t.commit_sha, r.head_sha), t.suite,
    t.classname, t.name, t.file, t.outcome, t.flaky, t.duration_ms, t.started_at, t.message
FROM test_cases t LEFT JOIN pipeline_runs r ON r.id = t.run_id
WHERE coalesce(r.started_at, r.created_at, t.started_at) >= ?1
    AND coalesce(r.started_at, r.created_at, t.started_at) < ?2
ORDER BY coalesce(r.started_at, r.created_at, t.started_at), t.id
)sql";

constexpr ExportColumn kPullRequestColumns[] = {
    { "provider", K::Text },
    { "project", K::Text },
    { "number", K::Integer },
    { "title", K::Text },
    { "author", K::Person },
    { "state", K::Text },
    { "is_draft", K::Flag },
    { "is_bot", K::Flag },
    { "created_at", K::Time },
    { "merged_at", K::Time },
    { "closed_at", K::Time },
    { "merged_by", K::Person },
    { "head_ref", K::Text },
    { "head_sha", K::Text },
    { "base_ref", K::Text },
    { "merge_commit_sha", K::Text },
    { "squash_commit_sha", K::Text },
    { "additions", K::Integer },
    { "deletions", K::Integer },
    { "changed_files", K::Integer },
    { "commits", K::Integer },
    { "reviews", K::Integer },
    { "labels", K::Text },
    { "review_decision", K::Text },
    { "url", K::Text },
};

constexpr const char* kPullRequestsSql = R"sql(
SELECT p.provider, p.project, p.number, p.title, p.author, p.state, p.is_draft, p.is_bot, p.created_at,
    p.merged_at, p.closed_at, p.merged_by, p.head_ref, p.head_sha, p.base_ref, p.merge_commit_sha,
    p.squash_commit_sha, p.additions, p.deletions, p.changed_files,
    (SELECT count(*) FROM pr_commits c WHERE c.pr_id = p.id),
    (SELECT count(*) FROM pr_reviews v WHERE v.pr_id = p.id),
    CASE WHEN json_valid(p.labels) AND json_type(p.labels) = 'array'
        THEN (SELECT group_concat(value, '; ') FROM json_each(p.labels)) ELSE p.labels END,
    p.review_decision, p.url
FROM pull_requests p
WHERE coalesce(p.created_at, p.merged_at, p.closed_at) >= ?1
    AND coalesce(p.created_at, p.merged_at, p.closed_at) < ?2
ORDER BY coalesce(p.created_at, p.merged_at, p.closed_at), p.id
)sql";

struct TableSpec
{
    std::span<const ExportColumn> columns;
    const char* sql;
    const char* timeColumn;
    bool hasService;
};

TableSpec spec(ExportTable table)
{
    switch (table) {
    case ExportTable::Commits:
        return { kCommitColumns, kCommitsSql, "authored_at", false };
    case ExportTable::Deployments:
        return { kDeploymentColumns, kDeploymentsSql, "finished_at, else started_at, else created_at", true };
    case ExportTable::Incidents:
        return { kIncidentColumns, kIncidentsSql, "created_at", true };
    case ExportTable::Runs:
        return { kRunColumns, kRunsSql, "started_at, else created_at", false };
    case ExportTable::Jobs:
        return { kJobColumns, kJobsSql, "the run's started_at, else its created_at", false };
    case ExportTable::Tests:
        return { kTestColumns, kTestsSql,
                 "the run's started_at, else its created_at, else the result's started_at", false };
    case ExportTable::PullRequests:
        return { kPullRequestColumns, kPullRequestsSql, "created_at, else merged_at, else closed_at", false };
    }
    return { kCommitColumns, kCommitsSql, "authored_at", false };
}

} // namespace

bool ExportRow::isNull(int column) const
{
    return m_statement.isNull(column);
}

std::int64_t ExportRow::integer(int column) const
{
    return m_statement.int64(column);
}

double ExportRow::real(int column) const
{
    return m_statement.real(column);
}

QString ExportRow::text(int column) const
{
    return m_statement.text(column);
}

std::span<const ExportColumn> exportColumns(ExportTable table)
{
    return spec(table).columns;
}

QString exportTimeColumn(ExportTable table)
{
    return QString::fromLatin1(spec(table).timeColumn);
}

bool exportHasService(ExportTable table)
{
    return spec(table).hasService;
}

std::int64_t exportRows(const SqliteDatabase& db, ExportTable table, const ExportFilter& filter,
                        const std::function<void(const ExportRow&)>& onRow)
{
    auto q = db.prepare(spec(table).sql);
    const int parameters = q.parameterCount();
    q.bind(1, filter.fromMs).bind(2, filter.toMs);
    if (parameters >= 3) {
        if (filter.services.isEmpty())
            q.bindNull(3);
        else
            q.bind(3,
                   QJsonDocument(QJsonArray::fromStringList(filter.services)).toJson(QJsonDocument::Compact));
    }
    if (parameters >= 6) {
        q.bind(4, int(filter.segment)).bind(5, filter.anyAi ? 1 : 0).bind(6, filter.aiThreshold);
    }
    const ExportRow row(q);
    std::int64_t rows = 0;
    while (q.step()) {
        onRow(row);
        ++rows;
    }
    return rows;
}

QStringList exportPeopleNames(const SqliteDatabase& db)
{
    auto q = db.prepare(R"sql(
SELECT author_name FROM commits
UNION SELECT committer_name FROM commits
UNION SELECT author FROM pull_requests WHERE author IS NOT NULL
UNION SELECT merged_by FROM pull_requests WHERE merged_by IS NOT NULL
UNION SELECT author FROM pr_reviews WHERE author IS NOT NULL
UNION SELECT author_name FROM pr_commits WHERE author_name IS NOT NULL
UNION SELECT author_login FROM pr_commits WHERE author_login IS NOT NULL
UNION SELECT creator FROM deployments WHERE creator IS NOT NULL
)sql");
    QStringList names;
    while (q.step()) {
        const QString name = q.text(0);
        if (!name.isEmpty())
            names << name;
    }
    return names;
}

std::vector<std::pair<QString, QString>> exportPeopleEmails(const SqliteDatabase& db)
{
    auto q = db.prepare(R"sql(
SELECT author_email, author_name FROM commits
UNION SELECT committer_email, committer_name FROM commits
UNION SELECT author_email, coalesce(author_name, '') FROM pr_commits WHERE author_email IS NOT NULL
)sql");
    std::vector<std::pair<QString, QString>> pairs;
    while (q.step()) {
        if (!q.isNull(0) && q.textView(0).size() > 0)
            pairs.emplace_back(q.text(0), q.text(1));
    }
    return pairs;
}

} // namespace faultline::store
