#include "metrics/incident_timeline.h"

#include "store/incident_queries.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace faultline::metrics {

std::vector<IncidentTimelineRow> incidentTimeline(const store::IncidentFacts& facts,
                                                  const RepeatIncidents& repeats)
{
    std::unordered_map<std::int64_t, const store::IncidentFact*> byId;
    byId.reserve(facts.incidents.size());
    for (const store::IncidentFact& f : facts.incidents)
        byId.emplace(f.id, &f);
    std::unordered_map<std::int64_t, const RepeatIncidentRow*> repeatOf;
    for (const RepeatIncidentRow& r : repeats.contributing)
        repeatOf.emplace(r.incidentId, &r);

    std::vector<IncidentTimelineRow> out;
    for (size_t c = 0; c < repeats.clusters.size(); ++c) {
        for (const std::int64_t id : repeats.clusters[c].incidentIds) {
            const auto f = byId.find(id);
            if (f == byId.end())
                continue;
            IncidentTimelineRow row;
            row.incidentId = id;
            row.key = f->second->key;
            row.title = f->second->title;
            row.service = f->second->service;
            row.createdAt = f->second->createdAt;
            row.resolvedAt = f->second->resolvedAt;
            row.cluster = int(c);
            const auto r = repeatOf.find(id);
            row.repeat = r != repeatOf.end();
            if (row.repeat)
                row.reason = r->second->reason;
            out.push_back(std::move(row));
        }
    }
    std::sort(out.begin(), out.end(), [](const IncidentTimelineRow& a, const IncidentTimelineRow& b) {
        return std::tie(a.createdAt, a.incidentId) < std::tie(b.createdAt, b.incidentId);
    });
    return out;
}

} // namespace faultline::metrics
