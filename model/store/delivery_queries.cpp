#include "delivery_queries.h"

#include "link_store.h"
#include "sqlite_database.h"
#include "text_pool.h"

#include <limits>

namespace faultline::store {

namespace {

std::vector<DoraLink> deploymentLinks(const SqliteDatabase& db, const char* sql, TextPool& pool)
{
    std::vector<DoraLink> links;
    auto s = db.prepare(sql);
    while (s.step())
        links.push_back({ s.int64(0), s.int64(1), pool.get(s.textView(2)) });
    return links;
}

} // namespace

DoraFacts loadDoraFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs,
                        std::optional<std::int64_t> toMs)
{
    DoraFacts facts;
    TextPool pool;
    {
        auto s = db.prepare("SELECT id, service, environment, status, "
                            "coalesce(finished_at, started_at, created_at), is_production, is_rollback, "
                            "is_unplanned, commits_known, ai_share FROM deployments ORDER BY id");
        while (s.step()) {
            DoraDeployment d;
            d.id = s.int64(0);
            d.service = pool.get(s.textView(1));
            d.environment = pool.get(s.textView(2));
            d.status = pool.get(s.textView(3));
            d.at = s.optionalInt64(4);
            d.isProduction = s.int64(5) != 0;
            d.isRollback = s.int64(6) != 0;
            d.isUnplanned = s.int64(7) != 0;
            d.commitsKnown = s.int64(8) != 0;
            d.aiShare = s.optionalReal(9);
            facts.deployments.push_back(std::move(d));
        }
    }
    {
        // Only deployments of the period need their changesets (lead time, the AI segment): a changeset
        // table of a million rows is read in a fraction of the time when the period is a quarter.
        auto s = db.prepare("SELECT x.deployment_id, x.sha, x.authored_at, x.committed_at, c.ai_share "
                            "FROM deployments d JOIN deployment_changes x ON x.deployment_id = d.id "
                            "LEFT JOIN commits c ON c.id = x.commit_id "
                            "WHERE coalesce(d.finished_at, d.started_at, d.created_at) >= ?1 "
                            "AND coalesce(d.finished_at, d.started_at, d.created_at) < ?2 "
                            "ORDER BY x.deployment_id, x.sha");
        s.bind(1, fromMs.value_or(std::numeric_limits<std::int64_t>::min()))
            .bind(2, toMs.value_or(std::numeric_limits<std::int64_t>::max()));
        while (s.step()) {
            facts.changes.push_back(
                { s.int64(0), s.text(1), s.optionalInt64(2), s.optionalInt64(3), s.optionalReal(4) });
        }
    }
    // A rollback link points from the rollback to each deployment it undid: keyed by the undone one.
    facts.rollbacks = deploymentLinks(db,
                                      "SELECT to_id, from_id, reason FROM links WHERE kind = 'rollback' "
                                      "AND from_type = 'deployment' AND to_type = 'deployment' "
                                      "ORDER BY to_id, from_id",
                                      pool);
    facts.unplanned = deploymentLinks(db,
                                      "SELECT from_id, to_id, reason FROM links WHERE kind = 'unplanned' "
                                      "AND from_type = 'deployment' ORDER BY from_id, to_type, to_id",
                                      pool);
    {
        auto s = db.prepare("SELECT l.from_id, l.to_id, i.resolved_at, l.reason FROM links l "
                            "JOIN incidents i ON i.id = l.from_id WHERE l.kind = 'incident_deployment' "
                            "AND l.from_type = 'incident' AND l.to_type = 'deployment' "
                            "ORDER BY l.to_id, l.from_id");
        while (s.step())
            facts.incidents.push_back(
                { s.int64(0), s.int64(1), s.optionalInt64(2), pool.get(s.textView(3)) });
    }
    facts.productionRule = workspaceSetting(db, QStringLiteral("link.production_environment"));
    return facts;
}

} // namespace faultline::store
