#include "ci_failures.h"

#include "pipeline_metrics.h"
#include "token_jaccard.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace faultline::metrics {

namespace {

QString testName(const store::FlakyResultFact& r)
{
    if (!r.classname.isEmpty())
        return r.classname + QLatin1Char('.') + r.name;
    return r.suite.isEmpty() ? r.name : r.suite + QStringLiteral(": ") + r.name;
}

} // namespace

CiFailures computeCiFailures(const store::CiFailureFacts& facts, const MetricsOptions& options,
                             double similarity)
{
    CiFailures out;
    auto inPeriod = [&](std::int64_t at) { return at >= options.fromMs && at < options.toMs; };

    std::vector<const store::CiFailureFact*> failures;
    for (const store::CiFailureFact& f : facts.failures)
        if (inPeriod(f.at) && isFailedJob(f.status, f.conclusion))
            failures.push_back(&f);
    std::sort(failures.begin(), failures.end(),
              [](auto* a, auto* b) { return std::pair(a->at, a->jobId) < std::pair(b->at, b->jobId); });
    out.failedJobs = std::int64_t(failures.size());

    // Fingerprint groups in (service, text) order, merged as repeat-incident clusters are.
    std::map<std::pair<QString, QString>, std::size_t> groupIndex;
    for (const auto* f : failures)
        groupIndex.emplace(std::pair(f->service, f->fingerprint), 0);
    std::vector<std::pair<QString, QString>> groups;
    for (auto& [key, index] : groupIndex) {
        index = groups.size();
        groups.push_back(key);
    }
    const std::vector<std::size_t> clusterOf = mergeSimilarGroups(groups, similarity);

    std::map<std::size_t, CiFailureCluster> clusters;
    std::map<std::size_t, std::pair<std::set<std::int64_t>, std::set<QString>>> distinct; // runs, commits
    for (const auto* f : failures) {
        const std::size_t root = clusterOf[groupIndex.at({ f->service, f->fingerprint })];
        CiFailureCluster& c = clusters[root];
        if (c.count == 0) {
            c.fingerprint = f->fingerprint;
            c.service = f->service;
            c.job = f->jobName;
            c.errorLine = f->errorLine;
            c.firstMs = f->at;
        }
        ++c.count;
        c.lastMs = f->at;
        c.jobIds.push_back(f->jobId);
        auto& [runs, commits] = distinct[root];
        runs.insert(f->runId);
        if (!f->headSha.isEmpty())
            commits.insert(f->headSha);
    }
    for (auto& [root, c] : clusters) {
        c.runs = std::int64_t(distinct[root].first.size());
        c.commits = std::int64_t(distinct[root].second.size());
        out.clusters.push_back(std::move(c));
    }
    std::sort(out.clusters.begin(), out.clusters.end(),
              [](const CiFailureCluster& a, const CiFailureCluster& b) {
                  if (a.count != b.count)
                      return a.count > b.count;
                  if (a.lastMs != b.lastMs)
                      return a.lastMs > b.lastMs;
                  return std::tie(a.fingerprint, a.service) < std::tie(b.fingerprint, b.service);
              });

    std::map<QString, FlakyTest> flaky;
    std::map<QString, std::set<QString>> flakyCommits;
    std::vector<const store::FlakyResultFact*> results;
    for (const store::FlakyResultFact& r : facts.flaky)
        if (inPeriod(r.at))
            results.push_back(&r);
    std::sort(results.begin(), results.end(),
              [](auto* a, auto* b) { return std::pair(a->at, a->id) < std::pair(b->at, b->id); });
    for (const auto* r : results) {
        const QString name = testName(*r);
        FlakyTest& t = flaky[name];
        t.test = name;
        ++t.results;
        t.lastMs = r->at;
        t.resultIds.push_back(r->id);
        if (!r->commitSha.isEmpty())
            flakyCommits[name].insert(r->commitSha);
    }
    out.flakyResults = std::int64_t(results.size());
    for (auto& [name, t] : flaky) {
        t.commits = std::int64_t(flakyCommits[name].size());
        out.flakyTests.push_back(std::move(t));
    }
    std::stable_sort(out.flakyTests.begin(), out.flakyTests.end(),
                     [](const FlakyTest& a, const FlakyTest& b) { return a.results > b.results; });
    return out;
}

} // namespace faultline::metrics
