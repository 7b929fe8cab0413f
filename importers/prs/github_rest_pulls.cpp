// The GitHub REST pulls list (FORMATS.md §8a): `gh api --paginate "repos/O/R/pulls?state=closed"`, one
// array per page (concatenated pages and JSON Lines too), or a single `pulls/N` object, which adds
// merged_by, additions, deletions and changed_files.
//
// Decisions worth knowing:
//  - merge_commit_sha is stored only when merged_at is set: for an open or unmerged PR GitHub fills it
//    with the sha of a test merge, a commit that never reaches any branch.
//  - state is written in gh's vocabulary (OPEN, CLOSED, MERGED; a closed PR with merged_at is MERGED),
//    so that a REST export and a `gh pr list` export of the same PR agree.
//  - The list has no commits or reviews: the PR's stored ones (from gh) are kept.
//  - The project is base.repo.full_name, else --project, else owner/repo of html_url.
#include "common/time_order.h"
#include "prs/pr_importers.h"
#include "prs/pr_values.h"

namespace faultline::importers::prs {

namespace {

using json::Node;
using store::PullRequestRecord;

QString stateOf(const QString& state, bool merged)
{
    if (state == QLatin1String("closed") && merged)
        return QStringLiteral("MERGED");
    return state.toUpper();
}

class GithubRestImport
{
public:
    GithubRestImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path, ctx)
    { }

    void importFile()
    {
        while (auto root = m_reader.nextDocument())
            m_reader.forEachRecord(*root, QStringLiteral("a pull request object (GitHub REST pulls)"),
                                   [this](const Node& pr) { write(pr); });
        m_reader.finish();
    }

private:
    void write(const Node& p)
    {
        const auto& time = m_ctx.time();
        PullRequestRecord pr;
        pr.provider = QStringLiteral("github");
        pr.number = numberOf(p["number"]);
        pr.title = p["title"].text();
        pr.url = p["html_url"].text();
        pr.author = fieldOf(p["user"], "login");
        pr.isDraft = p["draft"].boolean();
        pr.createdAt = p["created_at"].timestamp(time);
        pr.updatedAt = p["updated_at"].timestamp(time);
        pr.closedAt = p["closed_at"].timestamp(time);
        pr.mergedAt = p["merged_at"].timestamp(time);
        // Merge and close are stamped by the forge on the request it created (one clock).
        checkRecordTimes(m_ctx, p["merged_at"], "created_at", pr.createdAt, "merged_at", pr.mergedAt);
        checkRecordTimes(m_ctx, p["closed_at"], "created_at", pr.createdAt, "closed_at", pr.closedAt);
        pr.state = stateOf(p["state"].text(), pr.mergedAt.has_value());
        const QString mergeCommit = shaOf(p["merge_commit_sha"]);
        if (pr.mergedAt)
            pr.mergeCommitSha = mergeCommit;
        pr.mergedBy = fieldOf(p["merged_by"], "login");
        const Node head = p["head"];
        pr.headRef = fieldOf(head, "ref");
        if (head.exists() && !head.isNull())
            pr.headSha = shaOf(head["sha"]);
        const Node base = p["base"];
        pr.baseRef = fieldOf(base, "ref");
        if (base.exists() && !base.isNull())
            pr.project = fieldOf(base["repo"], "full_name");
        if (pr.project.isEmpty())
            pr.project = m_ctx.options().project;
        if (pr.project.isEmpty())
            pr.project = githubRepoOfUrl(pr.url);
        if (p.has("labels"))
            pr.labels = labelsOf(p["labels"]);
        pr.additions = p["additions"].integer();
        pr.deletions = p["deletions"].integer();
        pr.changedFiles = p["changed_files"].integer();
        m_ctx.writer().upsertPullRequest(pr);
    }

    FileImportContext& m_ctx;
    PrRecordReader m_reader;
};

} // namespace

void importGithubRest(const QString& path, FileImportContext& ctx)
{
    GithubRestImport(path, ctx).importFile();
}

} // namespace faultline::importers::prs
