#include "git_queries.h"

#include "sqlite_database.h"

namespace faultline::store {

std::vector<RepositoryInfo> repositories(const SqliteDatabase& db)
{
    std::vector<RepositoryInfo> out;
    auto q = db.prepare("SELECT id, name, location, head_ref, head_sha FROM repos ORDER BY name, id");
    while (q.step())
        out.push_back({ q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4) });
    return out;
}

std::vector<BlameSpan> blameAtHead(const SqliteDatabase& db, std::int64_t repoId, const QString& path)
{
    std::vector<BlameSpan> out;
    auto q = db.prepare("SELECT s.first_line, s.line_count, c.sha FROM line_spans s "
                        "JOIN commits c ON c.id = s.origin_commit_id "
                        "WHERE s.repo_id = ?1 AND s.path = ?2 ORDER BY s.first_line");
    q.bind(1, repoId).bind(2, path);
    while (q.step())
        out.push_back({ std::uint32_t(q.int64(0)), std::uint32_t(q.int64(1)), q.text(2) });
    return out;
}

std::vector<StoredCommit> findCommits(const SqliteDatabase& db, const QString& prefix, int limit)
{
    std::vector<StoredCommit> out;
    // A range scan on the sha index instead of LIKE, which would not use it (and treats % and _ specially).
    auto q = db.prepare("SELECT id, repo_id, sha, author_name, author_email, committer_name, committer_email, authored_at, "
                        "subject, message, ai_tool, ai_rule, ai_field, ai_evidence, ai_share, ai_lines, added_lines, "
                        "deleted_lines, is_merge FROM commits WHERE sha >= ?1 AND sha < ?2 ORDER BY sha LIMIT ?3");
    const QString lower = prefix.toLower();
    q.bind(1, lower).bind(2, lower + QChar(0xFFFF)).bind(3, limit);
    auto optionalText = [&q](int c) { return q.isNull(c) ? std::nullopt : std::optional<QString>(q.text(c)); };
    while (q.step()) {
        StoredCommit c;
        c.id = q.int64(0);
        c.repoId = q.int64(1);
        c.sha = q.text(2);
        c.authorName = q.text(3);
        c.authorEmail = q.text(4);
        c.committerName = q.text(5);
        c.committerEmail = q.text(6);
        c.authoredAt = q.int64(7);
        c.subject = q.text(8);
        c.message = q.utf8(9);
        c.aiTool = optionalText(10);
        c.aiRule = optionalText(11);
        c.aiField = optionalText(12);
        c.aiEvidence = optionalText(13);
        c.aiShare = q.real(14);
        c.aiLines = q.int64(15);
        c.addedLines = q.int64(16);
        c.deletedLines = q.int64(17);
        c.isMerge = q.int64(18) != 0;
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace faultline::store
