#include "linker.h"

#include "bot_rules.h"
#include "changesets.h"
#include "common/import_error.h"
#include "incident_links.h"
#include "link_data.h"
#include "link_settings.h"
#include "pr_links.h"
#include "rollbacks.h"
#include "service_paths.h"
#include "store/import_batch.h"
#include "store/link_store.h"
#include "unplanned.h"

#include <QElapsedTimer>

namespace faultline::importers::link {

namespace {

constexpr int kPhases = 7;

// Writes what was computed: only rows that differ from the stored ones (LinkStore).
void write(store::LinkStore& store, const LinkData& data, LinkResult& result, const BotRules& bots,
           LinkSummary& summary)
{
    auto count = [&](const store::RowDiff& diff) {
        summary.rowsChanged += diff.inserted + diff.updated + diff.deleted;
    };
    for (const QString& linkKind :
         { kind::kRollback, kind::kUnplanned, kind::kIncidentDeployment, kind::kPrCommit, kind::kPrRun }) {
        const store::RowDiff diff = store.replaceLinks(linkKind, result.links.take(linkKind));
        if (linkKind == kind::kIncidentDeployment)
            summary.incidentLinks = diff.rows;
        else if (linkKind == kind::kPrCommit)
            summary.prCommitLinks = diff.rows;
        else if (linkKind == kind::kPrRun)
            summary.prRunLinks = diff.rows;
        count(diff);
    }
    const store::RowDiff changes = store.replaceChanges(std::move(result.changes));
    summary.changesetRows = changes.rows;
    count(changes);

    for (size_t d = 0; d < data.deployments.size(); ++d) {
        const store::DeploymentDerived& derived = result.derived[d];
        summary.commitsUnknown += derived.commitsKnown ? 0 : 1;
        summary.rollbacks += derived.isRollback ? 1 : 0;
        summary.unplanned += derived.isUnplanned ? 1 : 0;
        if (derived != data.deployments[d].stored) {
            store.updateDeployment(data.deployments[d].id, derived);
            ++summary.rowsChanged;
        }
    }
    for (const store::LinkPullRequest& pr : data.prs) {
        const QString rule = bots.match(pr.author, pr.headRef);
        summary.botPullRequests += rule.isEmpty() ? 0 : 1;
        if (pr.isBot != !rule.isEmpty() || pr.botRule != rule) {
            store.updatePullRequestBot(pr.id, !rule.isEmpty(), rule);
            ++summary.rowsChanged;
        }
    }
}

} // namespace

LinkSummary relink(store::ImportBatch& batch, const ProgressCallback& progress)
{
    QElapsedTimer timer;
    timer.start();
    int phase = 0;
    auto advance = [&] {
        if (progress && !progress(phase++, kPhases))
            throw ImportCancelled();
    };
    advance();

    store::LinkStore store(batch);
    const LinkSettings settings = LinkSettings::load(store);
    const BotRules bots = BotRules::load(settings.botRulesFile);
    LinkData data;
    data.deployments = store.deployments();
    data.prs = store.pullRequests();
    // Every link starts at a deployment or a pull request: without either (a git or CI import into a
    // workspace without them), the history is not read, and the links are all (still) none.
    std::vector<store::LinkParent> parents;
    if (!data.deployments.empty() || !data.prs.empty()) {
        data.repos = store.repos();
        data.commits = store.commits();
        parents = store.parents();
        data.prCommits = store.prCommits();
        data.incidents = store.incidents();
        data.runs = store.runs();
    }
    data.buildIndexes(parents);
    advance();

    LinkResult result(data);
    resolveDeployments(data, settings, result);
    const PrIndex prs(data);
    const ServicePaths paths(data, settings, result,
                             [&store](std::int64_t repoId) { return store.filesOfRepo(repoId); });
    advance();
    computeChangesets(data, paths, prs, result);
    advance();
    findRollbacks(data, result);
    linkPullRequests(data, prs, result);
    advance();
    findUnplanned(data, prs, result);
    advance();
    linkIncidents(data, settings, result);
    advance();

    LinkSummary summary;
    summary.deployments = std::int64_t(data.deployments.size());
    write(store, data, result, bots, summary);
    advance();
    summary.durationMs = timer.elapsed();
    return summary;
}

} // namespace faultline::importers::link
