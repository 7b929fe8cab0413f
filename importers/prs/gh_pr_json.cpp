// `gh pr list --json <fields>` output (FORMATS.md §8a): an array of pull requests with any subset of
// the fields, several such arrays one after the other (pages), JSON Lines (`--jq '.[]'`), one object
// (`gh pr view --json`), and the GraphQL response gh itself reads (`data.repository.pullRequests`,
// also `gh api graphql --paginate` pages), where lists are connections ({nodes}) and a commit sits in
// `commits.nodes[].commit` with `authors.nodes[].user.login`.
//
// Decisions worth knowing:
//  - Only `number` is required: a subset of fields imports what it has and leaves the rest of a stored
//    pull request as it was (the writer never lets a missing field erase a value).
//  - Commits and reviews are replaced only when the export has the field (an empty list included); a
//    commit's author is its first author. `reviews` and `latestReviews` are merged by review id (author
//    + submittedAt when gh gives no id), so a review that is in both counts once.
//  - The project is --project, else owner/repo of the PR's `url`, else '' (gh prints no repository).
//  - Bots are decided by the linker's rules, not here: `author.is_bot` is not read. gh's spelling of an
//    app account, "app/<slug>", is written as "<slug>[bot]", the login REST and commits give it.
#include "common/import_error.h"
#include "common/time_order.h"
#include "prs/pr_importers.h"
#include "prs/pr_values.h"

#include <QSet>

namespace faultline::importers::prs {

namespace {

using json::Node;
using store::PrCommitRecord;
using store::PrReviewRecord;
using store::PullRequestRecord;

// gh prints a GitHub App author as "app/<slug>" (api.Author.MarshalJSON); REST and commits call the same
// account "<slug>[bot]". One spelling keeps a PR's author the same whichever export wrote it last.
QString accountLogin(const QString& login)
{
    if (login.startsWith(QLatin1String("app/")) && login.size() > 4)
        return login.mid(4) + QStringLiteral("[bot]");
    return login;
}

class GhJsonImport
{
public:
    GhJsonImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path, ctx)
    { }

    void importFile()
    {
        while (auto root = m_reader.nextDocument())
            m_reader.forEachRecord(recordsOf(*root),
                                   QStringLiteral("a pull request object (gh pr list --json)"),
                                   [this](const Node& pr) { write(pr); });
        m_reader.finish();
    }

private:
    // A document is a list of pull requests, one of them, or a GraphQL response.
    static Node recordsOf(const Node& root)
    {
        if (!root.isObject() || (!root.has("data") && !root.has("errors")))
            return root;
        const Node repository = root["data"]["repository"];
        if (!repository.isObject()) {
            // A failed query: say what GitHub said rather than that data is missing.
            const Node error
                = root["errors"].isArray() ? root["errors"].first().value_or(root["errors"]) : root;
            if (error.isObject() && error.has("message"))
                throw ImportError(
                    error.describe(QStringLiteral("the GraphQL query failed: ") + error["message"].text()));
            repository.fail("an object (the repository of a GraphQL pullRequests response)");
        }
        const Node connection = repository["pullRequests"];
        if (!connection.isObject())
            connection.fail("an object (the pullRequests connection)");
        if (!connection.has("nodes") && !connection.has("edges"))
            connection.fail("an object with \"nodes\" or \"edges\"");
        return connection;
    }

    void write(const Node& p)
    {
        const auto& time = m_ctx.time();
        PullRequestRecord pr;
        pr.provider = QStringLiteral("github");
        pr.number = numberOf(p["number"]);
        pr.title = p["title"].text();
        pr.url = p["url"].text();
        pr.project = m_ctx.options().project;
        if (pr.project.isEmpty())
            pr.project = githubRepoOfUrl(pr.url);
        pr.author = accountLogin(fieldOf(p["author"], "login"));
        pr.state = p["state"].text();
        pr.isDraft = p["isDraft"].boolean();
        pr.createdAt = p["createdAt"].timestamp(time);
        pr.updatedAt = p["updatedAt"].timestamp(time);
        pr.closedAt = p["closedAt"].timestamp(time);
        pr.mergedAt = p["mergedAt"].timestamp(time);
        // Merge and close are stamped by the forge on the request it created (one clock).
        checkRecordTimes(m_ctx, p["mergedAt"], "createdAt", pr.createdAt, "mergedAt", pr.mergedAt);
        checkRecordTimes(m_ctx, p["closedAt"], "createdAt", pr.createdAt, "closedAt", pr.closedAt);
        pr.mergedBy = accountLogin(fieldOf(p["mergedBy"], "login"));
        pr.baseRef = p["baseRefName"].text();
        pr.headRef = p["headRefName"].text();
        pr.headSha = shaOf(p["headRefOid"]);
        const Node mergeCommit = p["mergeCommit"];
        if (mergeCommit.exists() && !mergeCommit.isNull())
            pr.mergeCommitSha = shaOf(mergeCommit["oid"]);
        if (p.has("labels"))
            pr.labels = labelsOf(p["labels"]);
        pr.additions = p["additions"].integer();
        pr.deletions = p["deletions"].integer();
        pr.changedFiles = p["changedFiles"].integer();
        pr.reviewDecision = p["reviewDecision"].text();
        readCommits(p["commits"], pr);
        readReviews(p, pr);
        m_ctx.writer().upsertPullRequest(pr);
    }

    void readCommits(const Node& commits, PullRequestRecord& pr)
    {
        if (!commits.exists() || commits.isNull())
            return;
        pr.hasCommits = true;
        const auto& time = m_ctx.time();
        forEachListItem(commits, [&](const Node& item) {
            if (!item.isObject())
                item.fail("a commit object");
            const Node c = item["commit"].isObject() ? item["commit"] : item;
            PrCommitRecord commit;
            commit.sha = shaOf(c["oid"]);
            if (commit.sha.isEmpty())
                c["oid"].fail("a commit sha");
            commit.headline = c["messageHeadline"].text();
            commit.authoredAt = c["authoredDate"].timestamp(time);
            commit.committedAt = c["committedDate"].timestamp(time);
            bool first = true;
            forEachListItem(c["authors"], [&](const Node& author) {
                if (!author.isObject())
                    author.fail("an author object");
                if (!first)
                    return;
                first = false;
                commit.authorName = author["name"].text();
                commit.authorEmail = author["email"].text();
                commit.authorLogin = author["login"].text();
                if (commit.authorLogin.isEmpty())
                    commit.authorLogin = fieldOf(author["user"], "login");
            });
            pr.commits.push_back(std::move(commit));
        });
    }

    void readReviews(const Node& p, PullRequestRecord& pr)
    {
        QSet<QString> keys;
        auto read = [&](const Node& reviews) {
            if (!reviews.exists() || reviews.isNull())
                return;
            pr.hasReviews = true;
            forEachListItem(reviews, [&](const Node& r) {
                if (!r.isObject())
                    r.fail("a review object");
                PrReviewRecord review;
                review.author = fieldOf(r["author"], "login");
                review.state = r["state"].text();
                review.submittedAt = r["submittedAt"].timestamp(m_ctx.time());
                review.key = r["id"].id();
                if (review.key.isEmpty())
                    review.key = review.author + QLatin1Char('@')
                        + (review.submittedAt ? formatUtc(*review.submittedAt) : QString());
                if (keys.contains(review.key))
                    return;
                keys.insert(review.key);
                pr.reviews.push_back(std::move(review));
            });
        };
        read(p["reviews"]);
        read(p["latestReviews"]);
    }

    FileImportContext& m_ctx;
    PrRecordReader m_reader;
};

} // namespace

void importGhJson(const QString& path, FileImportContext& ctx)
{
    GhJsonImport(path, ctx).importFile();
}

} // namespace faultline::importers::prs
