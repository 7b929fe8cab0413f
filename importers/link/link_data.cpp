#include "link_data.h"

#include "store/delivery_records.h"

#include <algorithm>
#include <limits>

namespace faultline::importers::link {

namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

QString streamKey(const store::LinkDeployment& d)
{
    return d.service.toLower() + QChar(0x1f) + d.environment.toLower();
}

} // namespace

void LinkData::buildIndexes(const std::vector<store::LinkParent>& parents)
{
    graph = CommitGraph(commits, parents);
    for (size_t i = 0; i < repos.size(); ++i)
        repoIndex.insert(repos[i].id, int(i));
    for (size_t i = 0; i < prs.size(); ++i)
        prIndex.insert(prs[i].id, int(i));
    prCommitRange.assign(prs.size(), { 0, 0 });
    size_t k = 0;
    for (size_t p = 0; p < prs.size(); ++p) {
        while (k < prCommits.size() && prCommits[k].prId < prs[p].id)
            ++k;
        const size_t begin = k;
        while (k < prCommits.size() && prCommits[k].prId == prs[p].id)
            ++k;
        prCommitRange[p] = { int(begin), int(k) };
    }
}

TimeKey timeKey(const store::LinkDeployment& d)
{
    return { deployedAt(d).value_or(kNever), d.finishedAt.value_or(kNever), d.startedAt.value_or(kNever),
             d.createdAt.value_or(kNever), d.id };
}

std::optional<std::int64_t> deployedAt(const store::LinkDeployment& d)
{
    if (d.finishedAt)
        return d.finishedAt;
    if (d.startedAt)
        return d.startedAt;
    return d.createdAt;
}

bool isSuccess(const store::LinkDeployment& d)
{
    return d.status == QLatin1String(store::deployment_status::kSuccess);
}

bool isFinal(const store::LinkDeployment& d)
{
    return isSuccess(d) || d.status == QLatin1String(store::deployment_status::kFailure);
}

LinkResult::LinkResult(const LinkData& data)
    : derived(data.deployments.size())
    , commitOf(data.deployments.size(), -1)
    , streamOf(data.deployments.size(), -1)
    , positionInStream(data.deployments.size(), -1)
    , changesOf(data.deployments.size(), { 0, 0 })
    , undone(data.deployments.size())
{
    QHash<QString, int> streamIds;
    for (size_t i = 0; i < data.deployments.size(); ++i) {
        const QString key = streamKey(data.deployments[i]);
        auto it = streamIds.find(key);
        if (it == streamIds.end()) {
            it = streamIds.insert(key, int(streams.size()));
            streams.emplace_back();
        }
        streams[size_t(*it)].push_back(int(i));
        streamOf[i] = *it;
    }
    std::vector<TimeKey> keys(data.deployments.size());
    for (size_t i = 0; i < data.deployments.size(); ++i)
        keys[i] = timeKey(data.deployments[i]);
    for (auto& stream : streams) {
        std::sort(stream.begin(), stream.end(),
                  [&](int a, int b) { return keys[size_t(a)] < keys[size_t(b)]; });
        for (size_t p = 0; p < stream.size(); ++p)
            positionInStream[size_t(stream[p])] = int(p);
    }
}

void LinkResult::link(const QString& kind, const QString& fromType, std::int64_t fromId,
                      const QString& toType, std::int64_t toId, const QString& reason, const QString& detail)
{
    links[kind].push_back({ kind, fromType, fromId, toType, toId, reason, detail, 0 });
}

} // namespace faultline::importers::link
