#include "link_store.h"

#include "import_batch.h"
#include "sqlite_database.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <tuple>

namespace faultline::store {

namespace {

QStringList jsonList(const QByteArray& json)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue& v : array)
        if (v.isString())
            out << v.toString();
    return out;
}

auto linkKey(const LinkRow& r)
{
    return std::tie(r.fromType, r.fromId, r.toType, r.toId);
}

auto changeKey(const ChangeRow& r)
{
    return std::tie(r.deploymentId, r.sha);
}

const BulkWriter::Spec kLinks { "links",
                                { "kind", "from_type", "from_id", "to_type", "to_id", "reason", "detail" } };
const BulkWriter::Spec kChanges { "deployment_changes",
                                  { "deployment_id", "sha", "commit_id", "pr_id", "stands_for", "authored_at",
                                    "committed_at", "reason" } };

// Merges two key-sorted lists: `stored` rows missing from `fresh` go to `gone`, fresh rows missing
// from `stored` to `added`, rows in both whose other columns differ to `changed` (fresh, with the
// stored row found by `pair`).
template <typename Row, typename Key, typename Same, typename OnGone, typename OnAdded, typename OnChanged>
void mergeSorted(const std::vector<Row>& stored, const std::vector<Row>& fresh, Key key, Same same,
                 OnGone gone, OnAdded added, OnChanged changed)
{
    size_t i = 0;
    size_t j = 0;
    while (i < stored.size() || j < fresh.size()) {
        if (j == fresh.size() || (i < stored.size() && key(stored[i]) < key(fresh[j]))) {
            gone(stored[i++]);
        } else if (i == stored.size() || key(fresh[j]) < key(stored[i])) {
            added(fresh[j++]);
        } else {
            if (!same(stored[i], fresh[j]))
                changed(stored[i], fresh[j]);
            ++i;
            ++j;
        }
    }
}

} // namespace

QString workspaceSetting(const SqliteDatabase& db, const QString& key)
{
    auto s = db.prepare("SELECT value FROM workspace_meta WHERE key = ?1");
    s.bind(1, key);
    return s.step() ? s.text(0) : QString();
}

void setWorkspaceSetting(SqliteDatabase& db, const QString& key, const QString& value)
{
    if (value.isEmpty()) {
        auto s = db.prepare("DELETE FROM workspace_meta WHERE key = ?1");
        s.bind(1, key);
        s.exec();
        return;
    }
    auto s = db.prepare("INSERT INTO workspace_meta (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value);
    s.exec();
}

LinkStore::LinkStore(ImportBatch& batch)
    : m_batch(batch)
{ }

QString LinkStore::setting(const QString& key)
{
    auto& s = m_batch.statement("SELECT value FROM workspace_meta WHERE key = ?1");
    s.bind(1, key);
    const QString value = s.step() ? s.text(0) : QString();
    s.reset();
    return value;
}

std::vector<LinkRepo> LinkStore::repos()
{
    std::vector<LinkRepo> out;
    auto& s = m_batch.statement("SELECT id, name FROM repos ORDER BY id");
    while (s.step())
        out.push_back({ s.int64(0), s.text(1) });
    return out;
}

std::vector<LinkCommit> LinkStore::commits()
{
    std::vector<LinkCommit> out;
    // Only a revert's message is read: a history's messages are most of its bytes.
    auto& s = m_batch.statement(R"sql(
SELECT id, repo_id, sha, subject, CASE WHEN instr(message, 'This reverts commit') > 0 THEN message END,
    authored_at, committed_at, is_merge, added_lines, ai_lines
FROM commits ORDER BY id
)sql");
    while (s.step()) {
        LinkCommit c;
        c.id = s.int64(0);
        c.repoId = s.int64(1);
        c.sha = s.text(2);
        c.subject = s.text(3);
        if (!s.isNull(4))
            c.revertMessage = s.text(4);
        c.authoredAt = s.int64(5);
        c.committedAt = s.int64(6);
        c.isMerge = s.int64(7) != 0;
        c.addedLines = s.int64(8);
        c.aiLines = s.int64(9);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<LinkParent> LinkStore::parents()
{
    std::vector<LinkParent> out;
    auto& s
        = m_batch.statement("SELECT commit_id, parent_sha FROM commit_parents ORDER BY commit_id, position");
    while (s.step())
        out.push_back({ s.int64(0), s.text(1) });
    return out;
}

std::vector<LinkFile> LinkStore::filesOfRepo(std::int64_t repoId)
{
    std::vector<LinkFile> out;
    auto& s = m_batch.statement(R"sql(
SELECT f.commit_id, f.path, f.old_path FROM commits c JOIN commit_files f ON f.commit_id = c.id
WHERE c.repo_id = ?1 ORDER BY f.commit_id, f.path
)sql");
    s.bind(1, repoId);
    while (s.step())
        out.push_back({ s.int64(0), s.text(1), s.text(2) });
    return out;
}

std::vector<LinkPullRequest> LinkStore::pullRequests()
{
    std::vector<LinkPullRequest> out;
    auto& s = m_batch.statement(R"sql(
SELECT id, provider, project, number, title, author, head_ref, head_sha, merge_commit_sha, squash_commit_sha,
    labels, url, merged_at, is_bot, bot_rule
FROM pull_requests ORDER BY id
)sql");
    while (s.step()) {
        LinkPullRequest p;
        p.id = s.int64(0);
        p.provider = s.text(1);
        p.project = s.text(2);
        p.number = s.int64(3);
        p.title = s.text(4);
        p.author = s.text(5);
        p.headRef = s.text(6);
        p.headSha = s.text(7);
        p.mergeCommitSha = s.text(8);
        p.squashCommitSha = s.text(9);
        p.labels = jsonList(s.utf8(10));
        p.url = s.text(11);
        p.mergedAt = s.optionalInt64(12);
        p.isBot = s.int64(13) != 0;
        p.botRule = s.text(14);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<LinkPrCommit> LinkStore::prCommits()
{
    std::vector<LinkPrCommit> out;
    auto& s = m_batch.statement(
        "SELECT pr_id, sha, authored_at, committed_at, headline FROM pr_commits ORDER BY pr_id, sha");
    while (s.step())
        out.push_back({ s.int64(0), s.text(1), s.optionalInt64(2), s.optionalInt64(3), s.text(4) });
    return out;
}

std::vector<LinkDeployment> LinkStore::deployments()
{
    std::vector<LinkDeployment> out;
    auto& s = m_batch.statement(R"sql(
SELECT id, provider, external_id, service, environment, status, created_at, started_at, finished_at, commit_sha,
    ref, repository, rollback_target, repo_id, previous_id, changeset_size, changeset_note, is_production,
    is_rollback, is_unplanned, commits_known, ai_share
FROM deployments ORDER BY id
)sql");
    while (s.step()) {
        LinkDeployment d;
        d.id = s.int64(0);
        d.provider = s.text(1);
        d.externalId = s.text(2);
        d.service = s.text(3);
        d.environment = s.text(4);
        d.status = s.text(5);
        d.createdAt = s.optionalInt64(6);
        d.startedAt = s.optionalInt64(7);
        d.finishedAt = s.optionalInt64(8);
        d.commitSha = s.text(9);
        d.ref = s.text(10);
        d.repository = s.text(11);
        d.rollbackTarget = s.text(12);
        d.stored.repoId = s.optionalInt64(13);
        d.stored.previousId = s.optionalInt64(14);
        d.stored.changesetSize = s.optionalInt64(15);
        d.stored.changesetNote = s.text(16);
        d.stored.isProduction = s.int64(17) != 0;
        d.stored.isRollback = s.int64(18) != 0;
        d.stored.isUnplanned = s.int64(19) != 0;
        d.stored.commitsKnown = s.int64(20) != 0;
        d.stored.aiShare = s.optionalReal(21);
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<LinkIncident> LinkStore::incidents()
{
    std::vector<LinkIncident> out;
    auto& s = m_batch.statement(R"sql(
SELECT id, external_id, display_key, service, repository, created_at, resolved_at, caused_by_deployment,
    caused_by_commit_sha, caused_by_pr
FROM incidents ORDER BY id
)sql");
    while (s.step()) {
        LinkIncident i;
        i.id = s.int64(0);
        i.externalId = s.text(1);
        i.displayKey = s.text(2);
        i.service = s.text(3);
        i.repository = s.text(4);
        i.createdAt = s.int64(5);
        i.resolvedAt = s.optionalInt64(6);
        i.causedByDeployment = s.text(7);
        i.causedByCommitSha = s.text(8);
        i.causedByPr = s.text(9);
        out.push_back(std::move(i));
    }
    return out;
}

std::vector<LinkRun> LinkStore::runs()
{
    std::vector<LinkRun> out;
    auto& s = m_batch.statement(
        "SELECT id, provider, project, head_sha, pr_number FROM pipeline_runs ORDER BY id");
    while (s.step())
        out.push_back({ s.int64(0), s.text(1), s.text(2), s.text(3), s.optionalInt64(4) });
    return out;
}

RowDiff LinkStore::replaceLinks(const QString& kind, std::vector<LinkRow> rows)
{
    std::vector<LinkRow> stored;
    {
        auto& s = m_batch.statement(
            "SELECT id, from_type, from_id, to_type, to_id, reason, detail FROM links WHERE kind = ?1");
        s.bind(1, kind);
        while (s.step()) {
            LinkRow r;
            r.id = s.int64(0);
            r.kind = kind;
            r.fromType = s.text(1);
            r.fromId = s.int64(2);
            r.toType = s.text(3);
            r.toId = s.int64(4);
            r.reason = s.text(5);
            r.detail = s.text(6);
            stored.push_back(std::move(r));
        }
        s.reset();
    }
    auto less = [](const LinkRow& a, const LinkRow& b) { return linkKey(a) < linkKey(b); };
    std::sort(stored.begin(), stored.end(), less);
    // The first row of a key wins: callers add the strongest reason first.
    std::stable_sort(rows.begin(), rows.end(), less);
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const LinkRow& a, const LinkRow& b) { return linkKey(a) == linkKey(b); }),
               rows.end());

    RowDiff diff;
    diff.rows = std::int64_t(rows.size());
    auto& insert = m_batch.writer(kLinks);
    mergeSorted(
        stored, rows, linkKey,
        [](const LinkRow& a, const LinkRow& b) { return a.reason == b.reason && a.detail == b.detail; },
        [&](const LinkRow& gone) {
            auto& s = m_batch.statement("DELETE FROM links WHERE id = ?1");
            s.bind(1, gone.id);
            s.exec();
            ++diff.deleted;
        },
        [&](const LinkRow& added) {
            insert.value(kind)
                .value(added.fromType)
                .value(added.fromId)
                .value(added.toType)
                .value(added.toId);
            insert.value(added.reason);
            if (added.detail.isEmpty())
                insert.null();
            else
                insert.value(added.detail);
            insert.endRow();
            ++diff.inserted;
        },
        [&](const LinkRow& old, const LinkRow& fresh) {
            auto& s = m_batch.statement("UPDATE links SET reason = ?2, detail = ?3 WHERE id = ?1");
            s.bind(1, old.id).bind(2, fresh.reason);
            s.bindTextOrNull(3, fresh.detail);
            s.exec();
            ++diff.updated;
        });
    // A second relink in the same transaction reads what this one wrote.
    insert.flush();
    return diff;
}

RowDiff LinkStore::replaceChanges(std::vector<ChangeRow> rows)
{
    std::vector<ChangeRow> stored;
    {
        auto& s = m_batch.statement(R"sql(
SELECT deployment_id, sha, commit_id, pr_id, stands_for, authored_at, committed_at, reason FROM deployment_changes
)sql");
        while (s.step()) {
            stored.push_back({ s.int64(0), s.text(1), s.optionalInt64(2), s.optionalInt64(3), s.text(4),
                               s.optionalInt64(5), s.optionalInt64(6), s.text(7) });
        }
        s.reset();
    }
    auto less = [](const ChangeRow& a, const ChangeRow& b) { return changeKey(a) < changeKey(b); };
    std::sort(stored.begin(), stored.end(), less);
    std::stable_sort(rows.begin(), rows.end(), less);
    rows.erase(
        std::unique(rows.begin(), rows.end(),
                    [](const ChangeRow& a, const ChangeRow& b) { return changeKey(a) == changeKey(b); }),
        rows.end());

    RowDiff diff;
    diff.rows = std::int64_t(rows.size());
    auto& insert = m_batch.writer(kChanges);
    mergeSorted(
        stored, rows, changeKey, [](const ChangeRow& a, const ChangeRow& b) { return a == b; },
        [&](const ChangeRow& gone) {
            auto& s
                = m_batch.statement("DELETE FROM deployment_changes WHERE deployment_id = ?1 AND sha = ?2");
            s.bind(1, gone.deploymentId).bind(2, gone.sha);
            s.exec();
            ++diff.deleted;
        },
        [&](const ChangeRow& r) {
            insert.value(r.deploymentId).value(r.sha).value(r.commitId).value(r.prId);
            if (r.standsFor.isEmpty())
                insert.null();
            else
                insert.value(r.standsFor);
            insert.value(r.authoredAt).value(r.committedAt).value(r.reason);
            insert.endRow();
            ++diff.inserted;
        },
        [&](const ChangeRow&, const ChangeRow& r) {
            auto& s = m_batch.statement(R"sql(
UPDATE deployment_changes SET commit_id = ?3, pr_id = ?4, stands_for = ?5, authored_at = ?6, committed_at = ?7,
    reason = ?8
WHERE deployment_id = ?1 AND sha = ?2
)sql");
            s.bind(1, r.deploymentId).bind(2, r.sha).bind(3, r.commitId).bind(4, r.prId);
            s.bindTextOrNull(5, r.standsFor);
            s.bind(6, r.authoredAt).bind(7, r.committedAt).bind(8, r.reason);
            s.exec();
            ++diff.updated;
        });
    insert.flush();
    return diff;
}

void LinkStore::updateDeployment(std::int64_t id, const DeploymentDerived& d)
{
    auto& s = m_batch.statement(R"sql(
UPDATE deployments SET repo_id = ?2, previous_id = ?3, changeset_size = ?4, changeset_note = ?5,
    is_production = ?6, is_rollback = ?7, is_unplanned = ?8, commits_known = ?9, ai_share = ?10
WHERE id = ?1
)sql");
    s.bind(1, id).bind(2, d.repoId).bind(3, d.previousId).bind(4, d.changesetSize);
    s.bindTextOrNull(5, d.changesetNote);
    s.bind(6, int(d.isProduction)).bind(7, int(d.isRollback)).bind(8, int(d.isUnplanned));
    s.bind(9, int(d.commitsKnown)).bind(10, d.aiShare);
    s.exec();
}

void LinkStore::updatePullRequestBot(std::int64_t id, bool isBot, const QString& rule)
{
    auto& s = m_batch.statement("UPDATE pull_requests SET is_bot = ?2, bot_rule = ?3 WHERE id = ?1");
    s.bind(1, id).bind(2, int(isBot));
    s.bindTextOrNull(3, rule);
    s.exec();
}

} // namespace faultline::store
