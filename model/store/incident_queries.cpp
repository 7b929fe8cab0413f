#include "incident_queries.h"

#include "sqlite_database.h"
#include "text_pool.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

namespace faultline::store {

namespace {

// The deployments incidents of the period are linked to; the subquery is served by the links UNIQUE
// index (kind, from_type, …), so only those deployments' changesets and files are read.
constexpr const char* kLinkedDeployments
    = "(SELECT to_id FROM links WHERE kind = 'incident_deployment' AND from_type = 'incident' "
      "AND to_type = 'deployment' AND from_id IN (SELECT id FROM incidents WHERE created_at >= ?1 "
      "AND created_at < ?2))";

void bindPeriod(SqliteStatement& q, std::optional<std::int64_t> fromMs, std::optional<std::int64_t> toMs)
{
    q.bind(1, fromMs.value_or(std::numeric_limits<std::int64_t>::min()))
        .bind(2, toMs.value_or(std::numeric_limits<std::int64_t>::max()));
}

template <typename T> const T* findById(const std::vector<T>& rows, std::int64_t id)
{
    auto it = std::lower_bound(rows.begin(), rows.end(), id,
                               [](const T& row, std::int64_t value) { return row.id < value; });
    return it != rows.end() && it->id == id ? &*it : nullptr;
}

template <typename T> T* findById(std::vector<T>& rows, std::int64_t id)
{
    return const_cast<T*>(findById(std::as_const(rows), id));
}

} // namespace

const LinkedDeploymentFact* IncidentFacts::deployment(std::int64_t id) const
{
    return findById(deployments, id);
}

const ChangeCommitFact* IncidentFacts::commit(std::int64_t id) const
{
    return findById(commits, id);
}

IncidentFacts loadIncidentFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs,
                                std::optional<std::int64_t> toMs)
{
    IncidentFacts facts;
    TextPool pool;
    {
        auto q = db.prepare(
            "SELECT i.id, coalesce(nullif(i.display_key, ''), i.external_id), "
            "coalesce(i.service, ''), i.title, i.created_at, i.resolved_at, f.normalized "
            "FROM incidents i LEFT JOIN fingerprints f ON f.id = i.fingerprint_id ORDER BY i.id");
        while (q.step()) {
            IncidentFact i;
            i.id = q.int64(0);
            i.key = q.text(1);
            i.service = q.text(2);
            i.title = q.text(3);
            i.createdAt = q.int64(4);
            i.resolvedAt = q.optionalInt64(5);
            if (!q.isNull(6))
                i.fingerprint = q.text(6);
            facts.incidents.push_back(std::move(i));
        }
    }
    {
        auto q = db.prepare("SELECT from_id, to_id FROM links WHERE kind = 'incident_deployment' AND "
                            "from_type = 'incident' AND to_type = 'deployment' ORDER BY from_id, to_id");
        while (q.step()) {
            if (IncidentFact* i = findById(facts.incidents, q.int64(0)))
                i->deploymentIds.push_back(q.int64(1));
        }
    }
    {
        auto q = db.prepare(
            std::string("SELECT id, external_id, coalesce(service, '') FROM deployments WHERE id IN ")
            + kLinkedDeployments + " ORDER BY id");
        bindPeriod(q, fromMs, toMs);
        while (q.step())
            facts.deployments.push_back({ q.int64(0), q.text(1), q.text(2), {} });
    }
    {
        // Rows of a changeset that no imported history holds (a PR's squashed commits) have no
        // commit_id and no line counts: they cannot contribute to an AI share or a file list.
        auto q = db.prepare(std::string("SELECT x.deployment_id, x.commit_id FROM deployment_changes x "
                                        "WHERE x.commit_id IS NOT NULL AND x.deployment_id IN ")
                            + kLinkedDeployments + " ORDER BY x.deployment_id, x.commit_id");
        bindPeriod(q, fromMs, toMs);
        while (q.step()) {
            if (LinkedDeploymentFact* d = findById(facts.deployments, q.int64(0)))
                d->commitIds.push_back(q.int64(1));
        }
    }
    const std::string linkedCommits = std::string("(SELECT x.commit_id FROM deployment_changes x WHERE "
                                                  "x.commit_id IS NOT NULL AND x.deployment_id IN ")
        + kLinkedDeployments + ")";
    {
        auto q = db.prepare("SELECT id, sha, ai_lines, added_lines FROM commits WHERE id IN " + linkedCommits
                            + " ORDER BY id");
        bindPeriod(q, fromMs, toMs);
        while (q.step())
            facts.commits.push_back({ q.int64(0), q.text(1), q.int64(2), q.int64(3), {} });
    }
    {
        auto q = db.prepare("SELECT commit_id, path FROM commit_files WHERE commit_id IN " + linkedCommits
                            + " ORDER BY commit_id, path");
        bindPeriod(q, fromMs, toMs);
        while (q.step()) {
            if (ChangeCommitFact* c = findById(facts.commits, q.int64(0)))
                c->files.push_back(pool.get(q.textView(1)));
        }
    }
    return facts;
}

} // namespace faultline::store
