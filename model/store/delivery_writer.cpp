#include "delivery_writer.h"

#include "import_batch.h"
#include "store_error.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace faultline::store {

namespace {

QString jsonList(const QStringList& values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

// ?5 status and ?6 service/environment may be NULL ("not in this export"): a new row then gets
// 'unknown' / '', a stored row keeps its value.
constexpr const char* kDeploymentUpsert = R"sql(
INSERT INTO deployments (provider, external_id, service, environment, status, status_raw, created_at, started_at,
    finished_at, updated_at, commit_sha, ref, url, description, creator, repository, rollback_target)
VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), coalesce(?5, 'unknown'), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
    ?14, ?15, ?16, ?17)
ON CONFLICT (provider, external_id) DO UPDATE SET
    service = coalesce(?3, service),
    environment = coalesce(?4, environment),
    status = CASE WHEN ?5 IS NULL OR (?5 = 'unknown' AND status <> 'unknown') THEN status ELSE ?5 END,
    status_raw = coalesce(excluded.status_raw, status_raw),
    created_at = coalesce(excluded.created_at, created_at),
    started_at = coalesce(excluded.started_at, started_at),
    finished_at = coalesce(excluded.finished_at, finished_at),
    updated_at = coalesce(excluded.updated_at, updated_at),
    commit_sha = coalesce(excluded.commit_sha, commit_sha),
    ref = coalesce(excluded.ref, ref),
    url = coalesce(excluded.url, url),
    description = coalesce(excluded.description, description),
    creator = coalesce(excluded.creator, creator),
    repository = coalesce(excluded.repository, repository),
    rollback_target = coalesce(excluded.rollback_target, rollback_target)
WHERE excluded.updated_at IS NULL OR deployments.updated_at IS NULL OR excluded.updated_at >= deployments.updated_at
RETURNING id
)sql";

constexpr const char* kIncidentUpsert = R"sql(
INSERT INTO incidents (provider, external_id, display_key, title, service, environment, severity, priority, status,
    created_at, acknowledged_at, resolved_at, impact_started_at, mitigated_at, closed_at, updated_at, url,
    caused_by_deployment, caused_by_commit_sha, caused_by_pr, repository, labels, fingerprint_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
    coalesce(?22, '[]'), ?23)
ON CONFLICT (provider, external_id) DO UPDATE SET
    display_key = coalesce(excluded.display_key, display_key),
    title = excluded.title,
    service = coalesce(excluded.service, service),
    environment = coalesce(excluded.environment, environment),
    severity = coalesce(excluded.severity, severity),
    priority = coalesce(excluded.priority, priority),
    status = coalesce(excluded.status, status),
    created_at = excluded.created_at,
    acknowledged_at = coalesce(excluded.acknowledged_at, acknowledged_at),
    resolved_at = coalesce(excluded.resolved_at, resolved_at),
    impact_started_at = coalesce(excluded.impact_started_at, impact_started_at),
    mitigated_at = coalesce(excluded.mitigated_at, mitigated_at),
    closed_at = coalesce(excluded.closed_at, closed_at),
    updated_at = coalesce(excluded.updated_at, updated_at),
    url = coalesce(excluded.url, url),
    caused_by_deployment = coalesce(excluded.caused_by_deployment, caused_by_deployment),
    caused_by_commit_sha = coalesce(excluded.caused_by_commit_sha, caused_by_commit_sha),
    caused_by_pr = coalesce(excluded.caused_by_pr, caused_by_pr),
    repository = coalesce(excluded.repository, repository),
    labels = CASE WHEN ?22 IS NULL THEN labels ELSE excluded.labels END,
    fingerprint_id = coalesce(excluded.fingerprint_id, fingerprint_id)
WHERE excluded.updated_at IS NULL OR incidents.updated_at IS NULL OR excluded.updated_at >= incidents.updated_at
RETURNING id
)sql";

constexpr const char* kPullRequestUpsert = R"sql(
INSERT INTO pull_requests (provider, project, number, title, author, state, is_draft, created_at, merged_at,
    closed_at, updated_at, head_ref, head_sha, base_ref, merge_commit_sha, squash_commit_sha, merged_by,
    review_decision, additions, deletions, changed_files, labels, url)
VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, coalesce(?7, 0), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
    ?21, coalesce(?22, '[]'), ?23)
ON CONFLICT (provider, project, number) DO UPDATE SET
    title = coalesce(?4, title),
    author = coalesce(excluded.author, author),
    state = coalesce(excluded.state, state),
    is_draft = coalesce(?7, is_draft),
    created_at = coalesce(excluded.created_at, created_at),
    merged_at = coalesce(excluded.merged_at, merged_at),
    closed_at = coalesce(excluded.closed_at, closed_at),
    updated_at = coalesce(excluded.updated_at, updated_at),
    head_ref = coalesce(excluded.head_ref, head_ref),
    head_sha = coalesce(excluded.head_sha, head_sha),
    base_ref = coalesce(excluded.base_ref, base_ref),
    merge_commit_sha = coalesce(excluded.merge_commit_sha, merge_commit_sha),
    squash_commit_sha = coalesce(excluded.squash_commit_sha, squash_commit_sha),
    merged_by = coalesce(excluded.merged_by, merged_by),
    review_decision = coalesce(excluded.review_decision, review_decision),
    additions = coalesce(excluded.additions, additions),
    deletions = coalesce(excluded.deletions, deletions),
    changed_files = coalesce(excluded.changed_files, changed_files),
    labels = CASE WHEN ?22 IS NULL THEN labels ELSE excluded.labels END,
    url = coalesce(excluded.url, url)
WHERE excluded.updated_at IS NULL OR pull_requests.updated_at IS NULL
    OR excluded.updated_at >= pull_requests.updated_at
RETURNING id
)sql";

} // namespace

DeliveryWriter::DeliveryWriter(ImportBatch& batch)
    : m_batch(batch)
    , m_fingerprints(batch)
{ }

std::int64_t DeliveryWriter::upsertDeployment(const DeploymentRecord& d)
{
    if (d.provider.isEmpty() || d.externalId.isEmpty())
        throw StoreError("a deployment needs a provider and an external id");
    auto& s = m_batch.statement(kDeploymentUpsert);
    s.bindTextOrEmpty(1, d.provider);
    s.bindTextOrEmpty(2, d.externalId);
    s.bindTextOrNull(3, d.service);
    s.bindTextOrNull(4, d.environment);
    s.bindTextOrNull(5, d.status);
    s.bindTextOrNull(6, d.statusRaw);
    s.bind(7, d.createdAt).bind(8, d.startedAt).bind(9, d.finishedAt).bind(10, d.updatedAt);
    s.bindTextOrNull(11, d.commitSha.toLower());
    s.bindTextOrNull(12, d.ref);
    s.bindTextOrNull(13, d.url);
    s.bindTextOrNull(14, d.description);
    s.bindTextOrNull(15, d.creator);
    s.bindTextOrNull(16, d.repository);
    s.bindTextOrNull(17, d.rollbackTarget);
    m_batch.countRows(QStringLiteral("deployments"), 1);
    if (s.step())
        return s.int64(0);
    // The stored record is newer: keep it.
    return findDeployment(d.provider, d.externalId).value();
}

std::optional<std::int64_t> DeliveryWriter::findDeployment(const QString& provider, const QString& externalId)
{
    auto& s = m_batch.statement("SELECT id FROM deployments WHERE provider = ?1 AND external_id = ?2");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, externalId);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

bool DeliveryWriter::removeRunningDeployment(const QString& provider, const QString& externalId)
{
    auto& s = m_batch.statement(
        "DELETE FROM deployments WHERE provider = ?1 AND external_id = ?2 AND status = 'running'");
    s.bindTextOrEmpty(1, provider);
    s.bindTextOrEmpty(2, externalId);
    s.exec();
    return sqlite3_changes(m_batch.db().handle()) > 0;
}

bool DeliveryWriter::upsertDeploymentStatus(const DeploymentStatusRecord& status)
{
    const auto deploymentId = findDeployment(status.provider, status.deploymentExternalId);
    if (!deploymentId)
        return false;
    auto& s = m_batch.statement(R"sql(
INSERT INTO deployment_statuses (deployment_id, external_id, state, created_at, description, log_url)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (deployment_id, external_id) DO UPDATE SET
    state = excluded.state,
    created_at = coalesce(excluded.created_at, created_at),
    description = coalesce(excluded.description, description),
    log_url = coalesce(excluded.log_url, log_url)
)sql");
    s.bind(1, *deploymentId);
    s.bindTextOrEmpty(2, status.externalId);
    s.bindTextOrEmpty(3, status.state);
    s.bind(4, status.createdAt);
    s.bindTextOrNull(5, status.description);
    s.bindTextOrNull(6, status.logUrl);
    s.exec();
    m_batch.countRows(QStringLiteral("deployment_statuses"), 1);
    return true;
}

std::vector<DeploymentStatusRecord> DeliveryWriter::statusesOf(std::int64_t deploymentId)
{
    auto& s = m_batch.statement(R"sql(
SELECT d.provider, d.external_id, st.external_id, st.state, st.created_at, st.description, st.log_url
FROM deployment_statuses st JOIN deployments d ON d.id = st.deployment_id
WHERE st.deployment_id = ?1
ORDER BY st.created_at IS NULL, st.created_at, length(st.external_id), st.external_id
)sql");
    s.bind(1, deploymentId);
    std::vector<DeploymentStatusRecord> out;
    while (s.step()) {
        DeploymentStatusRecord r;
        r.provider = s.text(0);
        r.deploymentExternalId = s.text(1);
        r.externalId = s.text(2);
        r.state = s.text(3);
        r.createdAt = s.optionalInt64(4);
        r.description = s.text(5);
        r.logUrl = s.text(6);
        out.push_back(std::move(r));
    }
    return out;
}

void DeliveryWriter::setDeploymentOutcome(std::int64_t deploymentId, const QString& status,
                                          const QString& statusRaw, std::optional<std::int64_t> startedAt,
                                          std::optional<std::int64_t> finishedAt)
{
    auto& s = m_batch.statement(R"sql(
UPDATE deployments SET status = ?2, status_raw = coalesce(?3, status_raw),
    started_at = coalesce(?4, started_at), finished_at = ?5
WHERE id = ?1
)sql");
    s.bind(1, deploymentId);
    s.bindTextOrEmpty(2, status);
    s.bindTextOrNull(3, statusRaw);
    s.bind(4, startedAt).bind(5, finishedAt);
    s.exec();
}

std::int64_t DeliveryWriter::upsertIncident(const IncidentRecord& i)
{
    if (i.provider.isEmpty() || i.externalId.isEmpty())
        throw StoreError("an incident needs a provider and an external id");
    std::optional<std::int64_t> fingerprintId;
    if (!i.fingerprint.isEmpty())
        fingerprintId = m_fingerprints.fingerprint(QStringLiteral("incident"), i.service, i.fingerprint);
    auto& s = m_batch.statement(kIncidentUpsert);
    s.bindTextOrEmpty(1, i.provider);
    s.bindTextOrEmpty(2, i.externalId);
    s.bindTextOrNull(3, i.displayKey);
    s.bindTextOrEmpty(4, i.title);
    s.bindTextOrNull(5, i.service);
    s.bindTextOrNull(6, i.environment);
    s.bindTextOrNull(7, i.severity);
    s.bindTextOrNull(8, i.priority);
    s.bindTextOrNull(9, i.status);
    s.bind(10, i.createdAt)
        .bind(11, i.acknowledgedAt)
        .bind(12, i.resolvedAt)
        .bind(13, i.impactStartedAt)
        .bind(14, i.mitigatedAt)
        .bind(15, i.closedAt)
        .bind(16, i.updatedAt);
    s.bindTextOrNull(17, i.url);
    s.bindTextOrNull(18, i.causedByDeployment);
    s.bindTextOrNull(19, i.causedByCommitSha.toLower());
    s.bindTextOrNull(20, i.causedByPr);
    s.bindTextOrNull(21, i.repository);
    if (i.labels.isEmpty())
        s.bindNull(22);
    else
        s.bind(22, jsonList(i.labels));
    s.bind(23, fingerprintId);
    m_batch.countRows(QStringLiteral("incidents"), 1);
    if (s.step())
        return s.int64(0);
    auto& find = m_batch.statement("SELECT id FROM incidents WHERE provider = ?1 AND external_id = ?2");
    find.bindTextOrEmpty(1, i.provider);
    find.bindTextOrEmpty(2, i.externalId);
    if (!find.step())
        throw StoreError("incident vanished after its upsert");
    return find.int64(0);
}

std::int64_t DeliveryWriter::upsertPullRequest(const PullRequestRecord& pr)
{
    if (pr.provider.isEmpty() || pr.number <= 0)
        throw StoreError("a pull request needs a provider and a positive number");
    auto& s = m_batch.statement(kPullRequestUpsert);
    s.bindTextOrEmpty(1, pr.provider);
    s.bindTextOrEmpty(2, pr.project);
    s.bind(3, pr.number);
    s.bindTextOrNull(4, pr.title);
    s.bindTextOrNull(5, pr.author);
    s.bindTextOrNull(6, pr.state);
    if (pr.isDraft)
        s.bind(7, std::int64_t(*pr.isDraft));
    else
        s.bindNull(7);
    s.bind(8, pr.createdAt).bind(9, pr.mergedAt).bind(10, pr.closedAt).bind(11, pr.updatedAt);
    s.bindTextOrNull(12, pr.headRef);
    s.bindTextOrNull(13, pr.headSha.toLower());
    s.bindTextOrNull(14, pr.baseRef);
    s.bindTextOrNull(15, pr.mergeCommitSha.toLower());
    s.bindTextOrNull(16, pr.squashCommitSha.toLower());
    s.bindTextOrNull(17, pr.mergedBy);
    s.bindTextOrNull(18, pr.reviewDecision);
    s.bind(19, pr.additions).bind(20, pr.deletions).bind(21, pr.changedFiles);
    if (pr.labels)
        s.bind(22, jsonList(*pr.labels));
    else
        s.bindNull(22);
    s.bindTextOrNull(23, pr.url);
    m_batch.countRows(QStringLiteral("pull_requests"), 1);
    std::int64_t id = 0;
    if (s.step()) {
        id = s.int64(0);
    } else {
        // The stored PR is newer: keep it and its commits and reviews.
        auto& find = m_batch.statement(
            "SELECT id FROM pull_requests WHERE provider = ?1 AND project = ?2 AND number = ?3");
        find.bindTextOrEmpty(1, pr.provider);
        find.bindTextOrEmpty(2, pr.project);
        find.bind(3, pr.number);
        if (!find.step())
            throw StoreError("pull request vanished after its upsert");
        return find.int64(0);
    }
    if (pr.hasCommits) {
        auto& clear = m_batch.statement("DELETE FROM pr_commits WHERE pr_id = ?1");
        clear.bind(1, id);
        clear.exec();
        auto& insert = m_batch.statement(R"sql(
INSERT INTO pr_commits (pr_id, sha, authored_at, committed_at, author_name, author_email, author_login, headline)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING
)sql");
        for (const PrCommitRecord& c : pr.commits) {
            insert.reset();
            insert.bind(1, id);
            insert.bindTextOrEmpty(2, c.sha.toLower());
            insert.bind(3, c.authoredAt).bind(4, c.committedAt);
            insert.bindTextOrNull(5, c.authorName);
            insert.bindTextOrNull(6, c.authorEmail);
            insert.bindTextOrNull(7, c.authorLogin);
            insert.bindTextOrNull(8, c.headline);
            insert.exec();
        }
        m_batch.countRows(QStringLiteral("pr_commits"), qint64(pr.commits.size()));
    }
    if (pr.hasReviews) {
        auto& clear = m_batch.statement("DELETE FROM pr_reviews WHERE pr_id = ?1");
        clear.bind(1, id);
        clear.exec();
        auto& insert = m_batch.statement(R"sql(
INSERT INTO pr_reviews (pr_id, review_key, author, state, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT DO NOTHING
)sql");
        for (const PrReviewRecord& r : pr.reviews) {
            insert.reset();
            insert.bind(1, id);
            insert.bindTextOrEmpty(2, r.key);
            insert.bindTextOrNull(3, r.author);
            insert.bindTextOrNull(4, r.state);
            insert.bind(5, r.submittedAt);
            insert.exec();
        }
        m_batch.countRows(QStringLiteral("pr_reviews"), qint64(pr.reviews.size()));
    }
    return id;
}

} // namespace faultline::store
