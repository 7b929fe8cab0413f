#include "repeat_incidents.h"

#include "metric_math.h"
#include "store/incident_queries.h"
#include "token_jaccard.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <set>

namespace faultline::metrics {

namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;
constexpr std::int64_t kMsPerDay = 24LL * 3600 * 1000;

QString hoursText(double hours)
{
    return QString::number(hours, 'f', 1);
}

} // namespace

RepeatIncidents computeRepeatIncidents(const store::IncidentFacts& facts, const MetricsOptions& options,
                                       double titleJaccard, int repeatWindowDays)
{
    RepeatIncidents out;
    const std::int64_t repeatWindowMs = std::int64_t(repeatWindowDays) * kMsPerDay;
    auto inPeriod = [&](const store::IncidentFact& i) {
        return i.createdAt >= options.fromMs && i.createdAt < options.toMs;
    };

    // The incidents of the selected services, with their normalised text. One written without a
    // fingerprint (not by the importers, which always set one) falls back to its lower-cased title.
    std::vector<const store::IncidentFact*> incidents;
    std::vector<QString> texts;
    for (const store::IncidentFact& i : facts.incidents) {
        if (!options.services.isEmpty() && !options.services.contains(i.service))
            continue;
        incidents.push_back(&i);
        texts.push_back(i.fingerprint ? *i.fingerprint : i.title.toLower().simplified());
    }

    // Fingerprint groups (service + normalised title), in (service, text) order.
    std::map<std::pair<QString, QString>, std::size_t> groupIndex;
    for (std::size_t k = 0; k < incidents.size(); ++k)
        groupIndex.emplace(std::pair(incidents[k]->service, texts[k]), 0);
    std::vector<std::pair<QString, QString>> groups;
    for (auto& [key, index] : groupIndex) {
        index = groups.size();
        groups.push_back(key);
    }

    // Groups of one service whose titles are similar enough merge, transitively.
    const std::vector<std::size_t> clusterOf = mergeSimilarGroups(groups, titleJaccard);

    // Each cluster's incidents (selected indexes), by created time then id.
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t k = 0; k < incidents.size(); ++k)
        members[clusterOf[groupIndex.at({ incidents[k]->service, texts[k] })]].push_back(k);

    std::vector<std::pair<std::int64_t, RepeatIncidentRow>> repeats; // created time, row
    for (auto& [root, ks] : members) {
        std::sort(ks.begin(), ks.end(), [&](std::size_t x, std::size_t y) {
            if (incidents[x]->createdAt != incidents[y]->createdAt)
                return incidents[x]->createdAt < incidents[y]->createdAt;
            return incidents[x]->id < incidents[y]->id;
        });
        RepeatIncidentCluster cluster;
        cluster.service = groups[root].first;
        std::vector<double> recoveries;
        std::set<std::int64_t> deploymentIds;
        // Earlier incidents of the cluster by (resolution time, −id): the last entry before this one's
        // start is the latest resolution, lowest id on ties.
        std::map<std::pair<std::int64_t, std::int64_t>, const store::IncidentFact*> resolvedEarlier;
        std::size_t indexed = 0;
        for (std::size_t pos = 0; pos < ks.size(); ++pos) {
            const store::IncidentFact& incident = *incidents[ks[pos]];
            if (!inPeriod(incident))
                continue;
            if (cluster.count == 0) {
                cluster.fingerprint = texts[ks[pos]];
                cluster.firstMs = incident.createdAt;
            }
            ++cluster.count;
            cluster.lastMs = incident.createdAt;
            cluster.incidentIds.push_back(incident.id);
            if (incident.resolvedAt && *incident.resolvedAt >= incident.createdAt) {
                recoveries.push_back(double(*incident.resolvedAt - incident.createdAt) / kMsPerHour);
                ++cluster.resolved;
            }
            deploymentIds.insert(incident.deploymentIds.begin(), incident.deploymentIds.end());

            // A repeat: an earlier incident of the cluster (from any time) resolved before this one
            // started, within the window. The latest-resolved one is named (ties: the lowest id).
            // Incidents created earlier join an ordered index as the scan passes them, so each lookup
            // is logarithmic rather than a walk over the whole cluster.
            for (; indexed < pos && incidents[ks[indexed]]->createdAt < incident.createdAt; ++indexed) {
                const store::IncidentFact& candidate = *incidents[ks[indexed]];
                if (candidate.resolvedAt)
                    resolvedEarlier.emplace(std::pair(*candidate.resolvedAt, -candidate.id), &candidate);
            }
            const store::IncidentFact* earlier = nullptr;
            auto latest = resolvedEarlier.lower_bound(
                std::pair(incident.createdAt, std::numeric_limits<std::int64_t>::min()));
            if (latest != resolvedEarlier.begin()) {
                const store::IncidentFact* candidate = std::prev(latest)->second;
                if (incident.createdAt - *candidate->resolvedAt <= repeatWindowMs)
                    earlier = candidate;
            }
            if (earlier) {
                ++cluster.repeats;
                const double gapHours = double(incident.createdAt - *earlier->resolvedAt) / kMsPerHour;
                repeats.emplace_back(
                    incident.createdAt,
                    RepeatIncidentRow {
                        incident.id, incident.key, earlier->id, earlier->key,
                        QStringLiteral("repeat of %1, resolved %2 h before it started (cluster \"%3\" of %4)")
                            .arg(earlier->key, hoursText(gapHours), cluster.fingerprint,
                                 incident.service.isEmpty() ? QStringLiteral("no service")
                                                            : incident.service) });
            }
        }
        if (cluster.count == 0)
            continue;
        out.incidents += cluster.count;
        out.repeats += cluster.repeats;

        std::vector<double> intervals;
        std::int64_t previous = -1;
        bool first = true;
        for (std::size_t k : ks) {
            const store::IncidentFact& incident = *incidents[k];
            if (!inPeriod(incident))
                continue;
            if (!first)
                intervals.push_back(double(incident.createdAt - previous) / kMsPerHour);
            previous = incident.createdAt;
            first = false;
        }
        cluster.medianIntervalHours = median(intervals);
        cluster.medianRecoveryHours = median(recoveries);

        // Files and AI share over the linked deployments' changeset commits, each commit counted
        // once even when several deployments (a failed one and its retry) share it.
        std::set<std::int64_t> commitIds;
        std::set<QString> files;
        for (std::int64_t id : deploymentIds) {
            cluster.deploymentIds.push_back(id);
            const store::LinkedDeploymentFact* d = facts.deployment(id);
            cluster.deployments << (d ? d->externalId : QString::number(id));
            if (d)
                commitIds.insert(d->commitIds.begin(), d->commitIds.end());
        }
        for (std::int64_t id : commitIds) {
            if (const store::ChangeCommitFact* c = facts.commit(id)) {
                cluster.aiLines += c->aiLines;
                cluster.addedLines += c->addedLines;
                files.insert(c->files.begin(), c->files.end());
            }
        }
        for (const QString& f : files)
            cluster.files << f;
        if (cluster.addedLines > 0)
            cluster.aiShare = double(cluster.aiLines) / double(cluster.addedLines);
        out.clusters.push_back(std::move(cluster));
    }

    std::sort(out.clusters.begin(), out.clusters.end(),
              [](const RepeatIncidentCluster& a, const RepeatIncidentCluster& b) {
                  if (a.count != b.count)
                      return a.count > b.count;
                  if (a.lastMs != b.lastMs)
                      return a.lastMs > b.lastMs;
                  if (a.fingerprint != b.fingerprint)
                      return a.fingerprint < b.fingerprint;
                  if (a.service != b.service)
                      return a.service < b.service;
                  return a.incidentIds.front() < b.incidentIds.front();
              });
    // The repeats in created-time order (then id) across clusters.
    std::sort(repeats.begin(), repeats.end(), [](const auto& a, const auto& b) {
        return std::pair(a.first, a.second.incidentId) < std::pair(b.first, b.second.incidentId);
    });
    for (auto& r : repeats)
        out.contributing.push_back(std::move(r.second));

    if (out.incidents > 0)
        out.repeatRate = double(out.repeats) / double(out.incidents);
    out.ci95 = wilson95(out.repeats, out.incidents);
    out.smallSample = out.incidents < kSmallSample;
    return out;
}

} // namespace faultline::metrics
