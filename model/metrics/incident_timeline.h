#pragma once

#include "metrics/repeat_incidents.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {
struct IncidentFacts;
}

namespace faultline::metrics {

// One incident of a repeat-incident cluster as the Incidents view plots and lists it: when it started
// and was resolved, which cluster it belongs to and, for a repeat, the reason the metric recorded.
struct IncidentTimelineRow
{
    std::int64_t incidentId = 0;
    QString key;
    QString title;
    QString service;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> resolvedAt;
    int cluster = 0; // index into RepeatIncidents::clusters
    bool repeat = false;
    QString reason; // RepeatIncidentRow::reason for a repeat; empty otherwise
};

// The incidents of every cluster of `repeats` (only those: the period's, of the selected services),
// joined with their facts; by created time, then id. Incidents missing from `facts` are skipped.
std::vector<IncidentTimelineRow> incidentTimeline(const store::IncidentFacts& facts,
                                                  const RepeatIncidents& repeats);

} // namespace faultline::metrics
