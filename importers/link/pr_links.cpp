#include "pr_links.h"

#include "link_text.h"

#include <QRegularExpression>

#include <algorithm>

namespace faultline::importers::link {

namespace {

const QString kGithub = QStringLiteral("github");

QString prName(const store::LinkPullRequest& pr)
{
    return QStringLiteral("#%1").arg(pr.number);
}

// Projects of CI runs and pull requests name the same project when equal, or when both name a
// repository of the same name (owner/name next to a bare name).
QString projectKey(const QString& project)
{
    return repositoryKey(project);
}

} // namespace

std::optional<std::int64_t> PrIndex::subjectNumber(const QString& subject)
{
    // Most subjects have no "(#": skip the regex for them (every commit of every history is asked).
    if (!subject.contains(QLatin1String("(#")))
        return std::nullopt;
    static const QRegularExpression pattern(QStringLiteral("\\(#(\\d+)\\)\\s*$"));
    const QRegularExpressionMatch m = pattern.match(subject);
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const std::int64_t n = m.captured(1).toLongLong(&ok);
    return ok && n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

bool PrIndex::projectMatches(const QString& project, int repoIndex) const
{
    return !project.isEmpty() && repositoryKey(project) == m_data.repos[size_t(repoIndex)].name.toLower();
}

std::vector<int> PrIndex::prsOfNumber(int repoIndex, std::int64_t number) const
{
    const std::vector<int> candidates = m_githubByNumber.value(number);
    std::vector<int> matched;
    for (int p : candidates) {
        if (projectMatches(m_data.prs[size_t(p)].project, repoIndex))
            matched.push_back(p);
    }
    if (matched.empty() && m_data.singleRepository())
        return candidates;
    return matched;
}

// The commits with `sha` in the repositories the PR's project names; in all of them when it names
// none of the imported ones.
std::vector<int> PrIndex::commitsOfPr(int pr, const QString& sha) const
{
    std::vector<int> all = m_data.graph.findAll(sha);
    std::vector<int> matched;
    for (int c : all) {
        if (projectMatches(m_data.prs[size_t(pr)].project,
                           m_data.repoIndex.value(m_data.commits[size_t(c)].repoId)))
            matched.push_back(c);
    }
    return matched.empty() ? all : matched;
}

PrIndex::PrIndex(const LinkData& data)
    : m_data(data)
{
    for (size_t p = 0; p < data.prs.size(); ++p) {
        const store::LinkPullRequest& pr = data.prs[p];
        if (!pr.squashCommitSha.isEmpty())
            m_bySquashSha[pr.squashCommitSha].push_back(int(p));
        if (!pr.mergeCommitSha.isEmpty())
            m_byMergeSha[pr.mergeCommitSha].push_back(int(p));
        if (pr.provider == kGithub)
            m_githubByNumber[pr.number].push_back(int(p));
    }

    for (size_t p = 0; p < data.prs.size(); ++p) {
        const store::LinkPullRequest& pr = data.prs[p];
        if (!pr.squashCommitSha.isEmpty()) {
            for (int c : commitsOfPr(int(p), pr.squashCommitSha))
                m_relations.push_back({ int(p), c, QStringLiteral("squash-commit"),
                                        QStringLiteral("squash commit of %1").arg(prName(pr)) });
        }
        if (!pr.mergeCommitSha.isEmpty()) {
            for (int c : commitsOfPr(int(p), pr.mergeCommitSha))
                m_relations.push_back({ int(p), c, QStringLiteral("merge-commit"),
                                        QStringLiteral("merge commit of %1").arg(prName(pr)) });
        }
    }
    for (size_t p = 0; p < data.prs.size(); ++p) {
        const auto [begin, end] = data.prCommitRange[p];
        for (int k = begin; k < end; ++k) {
            for (int c : commitsOfPr(int(p), data.prCommits[size_t(k)].sha))
                m_relations.push_back(
                    { int(p), c, QStringLiteral("pr-commit"),
                      QStringLiteral("one of the commits of %1").arg(prName(data.prs[p])) });
        }
    }
    if (!m_githubByNumber.isEmpty()) {
        for (size_t c = 0; c < data.commits.size(); ++c) {
            const auto number = subjectNumber(data.commits[c].subject);
            if (!number)
                continue;
            for (int p : prsOfNumber(data.repoIndex.value(data.commits[c].repoId), *number))
                m_relations.push_back({ p, int(c), QStringLiteral("subject-pr-number"),
                                        QStringLiteral("subject: %1").arg(data.commits[c].subject) });
        }
    }
    for (size_t r = 0; r < m_relations.size(); ++r)
        m_relationsOfCommit[m_relations[r].commit].push_back(int(r));
}

std::optional<PrIndex::Relation> PrIndex::mergedPr(int commit) const
{
    const store::LinkCommit& c = m_data.commits[size_t(commit)];
    const int repo = m_data.repoIndex.value(c.repoId);
    auto pick = [&](const std::vector<int>& candidates) {
        for (int p : candidates) {
            if (projectMatches(m_data.prs[size_t(p)].project, repo))
                return p;
        }
        return candidates.empty() ? -1 : candidates.front();
    };
    if (const int p = pick(m_bySquashSha.value(c.sha)); p >= 0)
        return Relation { p, commit, QStringLiteral("squash-commit"), {} };
    if (const int p = pick(m_byMergeSha.value(c.sha)); p >= 0)
        return Relation { p, commit, QStringLiteral("merge-commit"), {} };
    if (const auto number = subjectNumber(c.subject)) {
        const std::vector<int> prs = prsOfNumber(repo, *number);
        if (!prs.empty())
            return Relation { prs.front(), commit, QStringLiteral("subject-pr-number"), {} };
    }
    return std::nullopt;
}

int PrIndex::listingPr(int commit) const
{
    for (int r : m_relationsOfCommit.value(commit)) {
        if (m_relations[size_t(r)].reason == QLatin1String("pr-commit"))
            return m_relations[size_t(r)].pr;
    }
    return -1;
}

std::vector<int> PrIndex::prsOfCommit(int commit) const
{
    std::vector<int> out;
    for (int r : m_relationsOfCommit.value(commit))
        out.push_back(m_relations[size_t(r)].pr);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void linkPullRequests(const LinkData& data, const PrIndex& prs, LinkResult& result)
{
    for (const PrIndex::Relation& r : prs.relations()) {
        result.link(kind::kPrCommit, type::kPullRequest, data.prs[size_t(r.pr)].id, type::kCommit,
                    data.commits[size_t(r.commit)].id, r.reason, r.detail);
    }

    QHash<QString, std::vector<int>> runsBySha;
    QHash<QString, std::vector<int>> runsByProjectNumber;
    for (size_t i = 0; i < data.runs.size(); ++i) {
        const store::LinkRun& run = data.runs[i];
        if (!run.headSha.isEmpty())
            runsBySha[run.headSha].push_back(int(i));
        if (run.prNumber)
            runsByProjectNumber[projectKey(run.project) + QLatin1Char('#') + QString::number(*run.prNumber)]
                .push_back(int(i));
    }
    if (runsBySha.isEmpty() && runsByProjectNumber.isEmpty())
        return;
    for (size_t p = 0; p < data.prs.size(); ++p) {
        const store::LinkPullRequest& pr = data.prs[p];
        auto linkRun = [&](int run, const char* reason, const QString& detail) {
            result.link(kind::kPrRun, type::kPullRequest, pr.id, type::kRun, data.runs[size_t(run)].id,
                        QLatin1String(reason), detail);
        };
        if (!pr.headSha.isEmpty()) {
            for (int run : runsBySha.value(pr.headSha))
                linkRun(run, "head-sha",
                        QStringLiteral("ran on the PR's head commit %1").arg(sha7(pr.headSha)));
        }
        const auto [begin, end] = data.prCommitRange[p];
        for (int k = begin; k < end; ++k) {
            const QString& sha = data.prCommits[size_t(k)].sha;
            for (int run : runsBySha.value(sha))
                linkRun(run, "pr-commit",
                        QStringLiteral("ran on %1, one of the PR's commits").arg(sha7(sha)));
        }
        for (int run : runsByProjectNumber.value(projectKey(pr.project) + QLatin1Char('#')
                                                 + QString::number(pr.number)))
            linkRun(
                run, "run-pr-number",
                QStringLiteral("the run names PR %1 of %2").arg(prName(pr), data.runs[size_t(run)].project));
    }
}

} // namespace faultline::importers::link
