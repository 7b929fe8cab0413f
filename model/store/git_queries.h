#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

struct RepositoryInfo
{
    std::int64_t id = 0;
    QString name;
    QString location;
    QString headRef;
    QString headSha;
};

// Blame at the imported head: which commit wrote a run of lines of one file.
struct BlameSpan
{
    std::uint32_t firstLine = 0;
    std::uint32_t lineCount = 0;
    QString sha;
};

struct StoredCommit
{
    std::int64_t id = 0;
    std::int64_t repoId = 0;
    QString sha;
    QString authorName, authorEmail, committerName, committerEmail;
    std::int64_t authoredAt = 0;
    QString subject;
    QByteArray message;
    std::optional<QString> aiTool, aiRule, aiField, aiEvidence;
    double aiShare = 0;
    std::int64_t aiLines = 0;
    std::int64_t addedLines = 0;
    std::int64_t deletedLines = 0;
    bool isMerge = false;
};

std::vector<RepositoryInfo> repositories(const SqliteDatabase& db);
std::vector<BlameSpan> blameAtHead(const SqliteDatabase& db, std::int64_t repoId, const QString& path);

// Commits whose sha starts with `prefix` (at most `limit`), so callers can report ambiguity.
std::vector<StoredCommit> findCommits(const SqliteDatabase& db, const QString& prefix, int limit = 2);

} // namespace faultline::store
