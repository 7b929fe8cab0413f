#pragma once

#include "link_rows.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace faultline::store {

class ImportBatch;
class SqliteDatabase;

// A workspace setting (workspace_meta); empty when unset.
QString workspaceSetting(const SqliteDatabase& db, const QString& key);
// Sets a workspace setting; an empty value removes it (the default applies again).
void setWorkspaceSetting(SqliteDatabase& db, const QString& key, const QString& value);

// All SQL of the linker (importers/link), within one ImportBatch: each load reads one table (or a
// join) in one query, ordered so that the result is the same on every run; each write replaces the
// full set of derived rows the linker owns by writing only the difference, so that a relink that
// changes nothing writes nothing and row ids stay stable.
class LinkStore
{
public:
    explicit LinkStore(ImportBatch& batch);

    QString setting(const QString& key);

    std::vector<LinkRepo> repos();
    std::vector<LinkCommit> commits();
    std::vector<LinkParent> parents();
    // Files changed by the commits of one repository (commit id order).
    std::vector<LinkFile> filesOfRepo(std::int64_t repoId);
    std::vector<LinkPullRequest> pullRequests();
    std::vector<LinkPrCommit> prCommits();
    std::vector<LinkDeployment> deployments();
    std::vector<LinkIncident> incidents();
    std::vector<LinkRun> runs();

    // Makes `rows` (all of one kind) the links of that kind: inserts, updates the reason and detail
    // of, and deletes only what differs from the stored links.
    RowDiff replaceLinks(const QString& kind, std::vector<LinkRow> rows);
    // Makes `rows` the whole deployment_changes table, the same way.
    RowDiff replaceChanges(std::vector<ChangeRow> rows);
    void updateDeployment(std::int64_t id, const DeploymentDerived& derived);
    void updatePullRequestBot(std::int64_t id, bool isBot, const QString& rule);

private:
    ImportBatch& m_batch;
};

} // namespace faultline::store
