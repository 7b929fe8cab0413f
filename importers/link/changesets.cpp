#include "changesets.h"

#include "link_text.h"

#include <algorithm>

namespace faultline::importers::link {

namespace {

const QString kGraph = QStringLiteral("graph");
const QString kPrCommit = QStringLiteral("pr-commit");

// Builds one deployment's changeset rows; the marks and maps are reused across deployments.
class ChangesetBuilder
{
public:
    ChangesetBuilder(const LinkData& data, const PrIndex& prs, LinkResult& result)
        : m_data(data)
        , m_prs(prs)
        , m_result(result)
        , m_inRange(data.commits.size(), 0)
        , m_mergedPr(data.commits.size(), kUnknown)
    { }

    void build(int deployment, int tip, int base, const std::vector<bool>* filter)
    {
        ++m_token;
        m_range.clear();
        m_expanded.clear();
        m_rowOfSha.clear();
        m_data.graph.range(tip, base, m_range);
        for (int c : m_range)
            m_inRange[size_t(c)] = m_token;
        const std::int64_t deploymentId = m_data.deployments[size_t(deployment)].id;
        const size_t begin = m_result.changes.size();

        for (int c : m_range) {
            const int merged = mergedPr(c);
            if (merged >= 0 && hasCommits(merged)) {
                m_expanded.push_back(c);
                continue;
            }
            if (!kept(c, filter))
                continue;
            const store::LinkCommit& commit = m_data.commits[size_t(c)];
            int pr = m_prs.listingPr(c);
            if (pr < 0)
                pr = merged;
            add({ deploymentId,
                  commit.sha,
                  commit.id,
                  prId(pr),
                  {},
                  commit.authoredAt,
                  commit.committedAt,
                  kGraph },
                c);
        }
        for (int c : m_expanded) {
            const store::LinkCommit& squash = m_data.commits[size_t(c)];
            const int pr = mergedPr(c);
            const auto [first, last] = m_data.prCommitRange[size_t(pr)];
            for (int k = first; k < last; ++k) {
                const store::LinkPrCommit& own = m_data.prCommits[size_t(k)];
                const int inHistory = m_data.graph.find(squash.repoId, own.sha);
                if (inHistory >= 0 && m_inRange[size_t(inHistory)] == m_token) {
                    // In the range itself (a merged branch): its graph row, if the path filter kept it.
                    if (kept(inHistory, filter))
                        setPr(own.sha, pr);
                    continue;
                }
                // A merge's parents are in the range or reachable from the base: deployed before.
                if (inHistory >= 0 && squash.isMerge)
                    continue;
                if (!kept(c, filter))
                    continue;
                if (m_rowOfSha.contains(own.sha)) {
                    setPr(own.sha, pr);
                    continue;
                }
                const store::LinkCommit* known
                    = inHistory >= 0 ? &m_data.commits[size_t(inHistory)] : nullptr;
                store::ChangeRow row { deploymentId,   own.sha,         {},       prId(pr), squash.sha,
                                       own.authoredAt, own.committedAt, kPrCommit };
                if (known) {
                    row.commitId = known->id;
                    if (!row.authoredAt)
                        row.authoredAt = known->authoredAt;
                    if (!row.committedAt)
                        row.committedAt = known->committedAt;
                }
                add(std::move(row), inHistory, k);
            }
        }

        const size_t end = m_result.changes.size();
        m_result.changesOf[size_t(deployment)] = { begin, end };
        store::DeploymentDerived& derived = m_result.derived[size_t(deployment)];
        derived.changesetSize = std::int64_t(end - begin);
        std::int64_t added = 0;
        std::int64_t ai = 0;
        for (size_t r = begin; r < end; ++r) {
            if (const int c = m_result.changeCommit[r]; c >= 0) {
                added += m_data.commits[size_t(c)].addedLines;
                ai += m_data.commits[size_t(c)].aiLines;
            }
        }
        derived.aiShare = added > 0 ? std::optional<double>(double(ai) / double(added)) : std::nullopt;
    }

private:
    static constexpr int kUnknown = -2;

    int mergedPr(int commit)
    {
        int& cached = m_mergedPr[size_t(commit)];
        if (cached == kUnknown) {
            const auto relation = m_prs.mergedPr(commit);
            cached = relation ? relation->pr : -1;
        }
        return cached;
    }
    bool hasCommits(int pr) const
    {
        const auto [first, last] = m_data.prCommitRange[size_t(pr)];
        return last > first;
    }
    static bool kept(int commit, const std::vector<bool>* filter)
    {
        return !filter || (*filter)[size_t(commit)];
    }
    std::optional<std::int64_t> prId(int pr) const
    {
        return pr >= 0 ? std::optional<std::int64_t>(m_data.prs[size_t(pr)].id) : std::nullopt;
    }
    void add(store::ChangeRow row, int commit, int prCommit = -1)
    {
        m_rowOfSha.insert(row.sha, m_result.changes.size());
        m_result.changes.push_back(std::move(row));
        m_result.changeCommit.push_back(commit);
        m_result.changePrCommit.push_back(prCommit);
    }
    void setPr(const QString& sha, int pr)
    {
        auto it = m_rowOfSha.constFind(sha);
        if (it != m_rowOfSha.constEnd() && !m_result.changes[*it].prId)
            m_result.changes[*it].prId = prId(pr);
    }

    const LinkData& m_data;
    const PrIndex& m_prs;
    LinkResult& m_result;
    std::vector<std::uint32_t> m_inRange; // == m_token: in the current range
    std::vector<int> m_mergedPr; // per commit, cached: PR index, -1 none
    std::uint32_t m_token = 0;
    std::vector<int> m_range;
    std::vector<int> m_expanded;
    QHash<QString, size_t> m_rowOfSha;
};

} // namespace

void resolveDeployments(const LinkData& data, const LinkSettings& settings, LinkResult& result)
{
    for (size_t i = 0; i < data.deployments.size(); ++i) {
        const store::LinkDeployment& d = data.deployments[i];
        store::DeploymentDerived& derived = result.derived[i];
        derived.isProduction = settings.isProduction(d.environment);
        if (d.commitSha.isEmpty()) {
            derived.changesetNote = QStringLiteral("commits unknown: the export names no commit");
            continue;
        }
        const std::vector<int> candidates = data.graph.findAll(d.commitSha);
        if (candidates.empty()) {
            derived.changesetNote = QStringLiteral("commits unknown: %1 is not in any imported repository")
                                        .arg(sha7(d.commitSha));
            continue;
        }
        int chosen = candidates.front();
        const QString named = repositoryKey(d.repository);
        const QString service = d.service.toLower();
        for (const QString& wanted : { named, service }) {
            if (wanted.isEmpty())
                continue;
            auto it = std::find_if(candidates.begin(), candidates.end(),
                                   [&](int c) { return data.repoOfCommit(c).name.toLower() == wanted; });
            if (it != candidates.end()) {
                chosen = *it;
                break;
            }
        }
        result.commitOf[i] = chosen;
        derived.commitsKnown = true;
        derived.repoId = data.commits[size_t(chosen)].repoId;
    }
}

void computeChangesets(const LinkData& data, const ServicePaths& paths, const PrIndex& prs,
                       LinkResult& result)
{
    ChangesetBuilder builder(data, prs, result);
    for (const std::vector<int>& stream : result.streams) {
        // The latest successful deployment so far whose sha is in each repository.
        QHash<int, int> lastSuccessByRepo;
        bool anySuccess = false;
        for (int d : stream) {
            const store::LinkDeployment& deployment = data.deployments[size_t(d)];
            store::DeploymentDerived& derived = result.derived[size_t(d)];
            const int tip = result.commitOf[size_t(d)];
            if (tip >= 0 && !isFinal(deployment)) {
                derived.changesetNote
                    = QStringLiteral("no changeset: the deployment is %1").arg(deployment.status);
            } else if (tip >= 0) {
                const int repo = data.repoIndex.value(data.commits[size_t(tip)].repoId);
                const int base = lastSuccessByRepo.value(repo, -1);
                if (base < 0) {
                    derived.changesetNote = anySuccess
                        ? QStringLiteral("first deployment of %1 in %2 with known commits in %3")
                              .arg(deployment.service, deployment.environment, data.repos[size_t(repo)].name)
                        : QStringLiteral("first deployment of %1 in %2")
                              .arg(deployment.service, deployment.environment);
                } else {
                    const store::LinkDeployment& previous = data.deployments[size_t(base)];
                    derived.previousId = previous.id;
                    builder.build(d, tip,
                                  data.graph.find(data.commits[size_t(tip)].repoId, previous.commitSha),
                                  paths.filter(deployment.service, repo));
                }
            }
            if (isSuccess(deployment)) {
                anySuccess = true;
                for (int c : data.graph.findAll(deployment.commitSha))
                    lastSuccessByRepo.insert(data.repoIndex.value(data.commits[size_t(c)].repoId), d);
            }
        }
    }
}

} // namespace faultline::importers::link
