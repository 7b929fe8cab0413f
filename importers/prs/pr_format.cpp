#include "pr_format.h"

#include "common/import_error.h"
#include "common/json_documents.h"
#include "common/text_encoding.h"

#include <QFile>

#include <set>
#include <string_view>

namespace faultline::importers::prs {

namespace {

using json::Node;

// Documents looked at before a file of only empty pages counts as empty.
constexpr int kMaxDocuments = 50;

// Every field `gh pr list --json` knows (FORMATS.md §8a).
const std::set<std::string_view>& ghFields()
{
    static const std::set<std::string_view> fields {
        "additions",
        "assignees",
        "author",
        "autoMergeRequest",
        "baseRefName",
        "body",
        "changedFiles",
        "closed",
        "closedAt",
        "comments",
        "commits",
        "createdAt",
        "deletions",
        "files",
        "fullDatabaseId",
        "headRefName",
        "headRefOid",
        "headRepository",
        "headRepositoryOwner",
        "id",
        "isCrossRepository",
        "isDraft",
        "labels",
        "latestReviews",
        "maintainerCanModify",
        "mergeCommit",
        "mergeStateStatus",
        "mergeable",
        "mergedAt",
        "mergedBy",
        "milestone",
        "number",
        "potentialMergeCommit",
        "projectCards",
        "projectItems",
        "reactionGroups",
        "reviewDecision",
        "reviewRequests",
        "reviews",
        "state",
        "statusCheckRollup",
        "title",
        "updatedAt",
        "url",
    };
    return fields;
}

bool isCamelCase(std::string_view key)
{
    for (const char c : key) {
        if (c >= 'A' && c <= 'Z')
            return true;
    }
    return false;
}

bool has(const Node& record, std::string_view key)
{
    return record[key].exists();
}

bool isGitlab(const Node& r)
{
    return has(r, "iid") && (has(r, "source_branch") || has(r, "target_branch"));
}

bool isGithubRest(const Node& r)
{
    return has(r, "number")
        && (r["head"].isObject() || r["base"].isObject() || has(r, "html_url") || has(r, "merged_at"));
}

// camelCase fields of gh's list, or nothing but fields of it (`--json number,title`).
bool isGh(const Node& r)
{
    if (!has(r, "number"))
        return false;
    bool camel = false;
    bool allKnown = true;
    r.forEachField([&](std::string_view key, const Node&) {
        const bool known = ghFields().count(key) > 0;
        allKnown = allKnown && known;
        camel = camel || (known && isCamelCase(key));
    });
    return camel || allKnown;
}

// A response to gh's repository query: with its pull requests, or with `repository: null` and the
// errors that say why (the importer reports them).
bool isGraphQlPullRequests(const Node& root)
{
    if (!root.isObject() || !root["data"].isObject())
        return false;
    const Node repository = root["data"]["repository"];
    return repository.isNull() || (repository.isObject() && repository["pullRequests"].exists());
}

QString describe(const Node& node)
{
    if (node.isObject()) {
        QStringList keys;
        int count = 0;
        node.forEachField([&](std::string_view key, const Node&) {
            if (count++ < 6)
                keys << QLatin1Char('"') + QString::fromUtf8(key.data(), qsizetype(key.size()))
                        + QLatin1Char('"');
        });
        if (keys.isEmpty())
            return QStringLiteral("an empty object at %1").arg(node.path());
        if (count > 6)
            keys << QStringLiteral("…");
        return QStringLiteral("an object with the fields %1 at %2")
            .arg(keys.join(QStringLiteral(", ")), node.path());
    }
    if (node.isArray())
        return QStringLiteral("an array of arrays at %1").arg(node.path());
    return QStringLiteral("a value that is not an object at %1").arg(node.path());
}

QString expected()
{
    return QStringLiteral(
        "expected `gh pr list --json …` output (number, title, mergedAt, …) or the GraphQL response gh "
        "reads, "
        "a GitHub REST pulls list (number, head, base, html_url, merged_at) or GitLab merge requests (iid, "
        "source_branch, target_branch); pass --format to say which it is");
}

// `line` 1: the file as a whole (its encoding, or no JSON at all); 0: `found` says where.
[[noreturn]] void notAnExport(const QString& path, const QString& found, int line = 0)
{
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
    throw ImportError(QStringLiteral("%1: not a pull request export: %2; %3").arg(where, found, expected()));
}

} // namespace

QStringList formatNames()
{
    return { QString::fromLatin1(kGhFormat), QString::fromLatin1(kGithubRestFormat),
             QString::fromLatin1(kGitlabFormat) };
}

std::optional<QString> formatOfRecord(const Node& record)
{
    if (!record.isObject())
        return std::nullopt;
    if (isGitlab(record))
        return QString::fromLatin1(kGitlabFormat);
    if (isGithubRest(record))
        return QString::fromLatin1(kGithubRestFormat);
    if (isGh(record))
        return QString::fromLatin1(kGhFormat);
    return std::nullopt;
}

QString detectPrFormat(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    const QByteArray head = file.read(64 * 1024);
    file.close();
    if (head.trimmed().isEmpty())
        notAnExport(path, QStringLiteral("the file is empty"), 1);
    refuseUtf16(path, head);
    if (!json::JsonDocumentReader::looksLikeJson(head))
        notAnExport(path, QStringLiteral("the file is not JSON"), 1);

    json::JsonDocumentReader reader(path);
    for (int i = 0; i < kMaxDocuments; ++i) {
        const auto root = reader.next();
        if (!root)
            break;
        if (isGraphQlPullRequests(*root))
            return QString::fromLatin1(kGhFormat);
        std::optional<Node> record = root->first();
        if (root->isArray() && !record)
            continue; // an empty page
        if (root->isObject() && (root->has("data") || root->has("errors")))
            notAnExport(path, QStringLiteral("a GraphQL response without data.repository.pullRequests"));
        if (auto format = formatOfRecord(*record))
            return *format;
        notAnExport(path, QStringLiteral("found %1").arg(describe(*record)));
    }
    // Nothing but empty lists: any format imports that as nothing.
    return QString::fromLatin1(kGhFormat);
}

} // namespace faultline::importers::prs
