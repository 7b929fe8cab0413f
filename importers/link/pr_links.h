#pragma once

#include "link_data.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::importers::link {

// Which commits of the imported histories belong to which pull requests: the PR's own commits
// (pr_commits), its merge or squash commit, and commits whose subject ends with "(#N)" (GitHub's
// squash and merge subjects). A PR matches a repository when its project names it (repo name or
// owner/name); with one repository imported, every PR does.
class PrIndex
{
public:
    explicit PrIndex(const LinkData& data);

    struct Relation
    {
        int pr = -1;
        int commit = -1;
        QString reason; // squash-commit, merge-commit, pr-commit, subject-pr-number
        QString detail;
    };
    // Strongest reason first: merge and squash commits, the PR's commits, then subjects.
    const std::vector<Relation>& relations() const { return m_relations; }

    // The PR a commit is the squash or merge of (reason squash-commit, merge-commit or
    // subject-pr-number), or nullopt.
    std::optional<Relation> mergedPr(int commit) const;
    // The first PR that lists the commit among its own commits, or -1.
    int listingPr(int commit) const;
    // Every PR related to the commit, lowest index first.
    std::vector<int> prsOfCommit(int commit) const;

    // The number N of a subject ending with "(#N)".
    static std::optional<std::int64_t> subjectNumber(const QString& subject);
    // GitHub PRs numbered `number` of the project a repository is.
    std::vector<int> prsOfNumber(int repoIndex, std::int64_t number) const;

private:
    bool projectMatches(const QString& project, int repoIndex) const;
    std::vector<int> commitsOfPr(int pr, const QString& sha) const;

    const LinkData& m_data;
    std::vector<Relation> m_relations;
    QHash<QString, std::vector<int>> m_bySquashSha;
    QHash<QString, std::vector<int>> m_byMergeSha;
    QHash<std::int64_t, std::vector<int>> m_githubByNumber;
    QHash<int, std::vector<int>> m_relationsOfCommit; // commit → relation indexes
};

// Links kind pr_commit (pull request → commit in history) and pr_run (pull request → CI run: its
// head commit, one of its commits, or a run for its number in the same project).
void linkPullRequests(const LinkData& data, const PrIndex& prs, LinkResult& result);

} // namespace faultline::importers::link
