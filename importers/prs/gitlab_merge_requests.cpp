// GitLab merge requests (FORMATS.md §8b): `GET /projects/:id/merge_requests` lists (pages one after
// the other, JSON Lines, a single MR object), also `glab mr list -F json`, which prints the same fields.
//
// Decisions worth knowing:
//  - number = iid (what people call !N); the project is project_id, else the path of references.full
//    or web_url, else --project: project_id is what the GitLab CI importer stores for pipelines, so a
//    merge request and its pipelines share one project value.
//  - Drafts: `draft`, or `work_in_progress` on older servers. The merger is merge_user, else the
//    deprecated merged_by.
//  - state is GitLab's own (opened, closed, locked, merged); labels may be names or, with
//    with_labels_details=true, objects with a name.
//  - `reviewers` carry no review times or verdicts, so they are not reviews; the list has no commits
//    either: stored ones are kept.
#include "common/time_order.h"
#include "prs/pr_importers.h"
#include "prs/pr_values.h"

#include <QRegularExpression>

namespace faultline::importers::prs {

namespace {

using json::Node;
using store::PullRequestRecord;

// "group/sub/project" of references.full ("group/sub/project!12") or of an MR web_url
// (https://host/group/sub/project/-/merge_requests/12).
QString projectPath(const Node& mr)
{
    const QString full = fieldOf(mr["references"], "full");
    static const QRegularExpression reference(QStringLiteral(R"(^(.+)!\d+$)"));
    if (const auto m = reference.match(full); m.hasMatch())
        return m.captured(1);
    static const QRegularExpression url(QStringLiteral(R"(^https?://[^/]+/(.+?)/(?:-/)?merge_requests/\d+)"));
    if (const auto m = url.match(mr["web_url"].text()); m.hasMatch())
        return m.captured(1);
    return {};
}

class GitlabMergeRequestsImport
{
public:
    GitlabMergeRequestsImport(const QString& path, FileImportContext& ctx)
        : m_ctx(ctx)
        , m_reader(path, ctx)
    { }

    void importFile()
    {
        while (auto root = m_reader.nextDocument())
            m_reader.forEachRecord(*root, QStringLiteral("a GitLab merge request object"),
                                   [this](const Node& mr) { write(mr); });
        m_reader.finish();
    }

private:
    void write(const Node& m)
    {
        const auto& time = m_ctx.time();
        PullRequestRecord pr;
        pr.provider = QStringLiteral("gitlab");
        pr.number = numberOf(m["iid"]);
        pr.project = m["project_id"].id();
        if (pr.project.isEmpty())
            pr.project = projectPath(m);
        if (pr.project.isEmpty())
            pr.project = m_ctx.options().project;
        pr.title = m["title"].text();
        pr.state = m["state"].text();
        if (m.has("draft") || m.has("work_in_progress"))
            pr.isDraft
                = m["draft"].boolean().value_or(false) || m["work_in_progress"].boolean().value_or(false);
        pr.author = fieldOf(m["author"], "username");
        pr.createdAt = m["created_at"].timestamp(time);
        pr.updatedAt = m["updated_at"].timestamp(time);
        pr.mergedAt = m["merged_at"].timestamp(time);
        pr.closedAt = m["closed_at"].timestamp(time);
        // Merge and close are stamped by the forge on the request it created (one clock).
        checkRecordTimes(m_ctx, m["merged_at"], "created_at", pr.createdAt, "merged_at", pr.mergedAt);
        checkRecordTimes(m_ctx, m["closed_at"], "created_at", pr.createdAt, "closed_at", pr.closedAt);
        pr.mergedBy = fieldOf(m["merge_user"], "username");
        if (pr.mergedBy.isEmpty())
            pr.mergedBy = fieldOf(m["merged_by"], "username");
        pr.headRef = m["source_branch"].text();
        pr.baseRef = m["target_branch"].text();
        pr.headSha = shaOf(m["sha"]);
        pr.mergeCommitSha = shaOf(m["merge_commit_sha"]);
        pr.squashCommitSha = shaOf(m["squash_commit_sha"]);
        if (m.has("labels"))
            pr.labels = labelsOf(m["labels"]);
        pr.url = m["web_url"].text();
        m_ctx.writer().upsertPullRequest(pr);
    }

    FileImportContext& m_ctx;
    PrRecordReader m_reader;
};

} // namespace

void importGitlabMergeRequests(const QString& path, FileImportContext& ctx)
{
    GitlabMergeRequestsImport(path, ctx).importFile();
}

} // namespace faultline::importers::prs
