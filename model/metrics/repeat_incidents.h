#pragma once

#include "metrics_options.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace faultline::store {
struct IncidentFacts;
}

namespace faultline::metrics {

// METRICS.md "Repeat incidents". Clusters are formed over every incident of the selected services
// (a repeat may follow an incident from before the period); everything reported is about the
// incidents created in [fromMs, toMs).

inline constexpr double kDefaultTitleJaccard = 0.6;
inline constexpr int kDefaultRepeatWindowDays = 90;

struct RepeatIncidentCluster
{
    QString fingerprint; // normalised title of its earliest incident in the period
    QString service;
    int count = 0; // incidents in the period
    std::int64_t firstMs = 0; // created time of the earliest / latest of them
    std::int64_t lastMs = 0;
    std::optional<double> medianIntervalHours; // between consecutive incidents; null for one
    std::optional<double> medianRecoveryHours; // resolved − created over the resolved ones
    int resolved = 0; // n of the recovery median
    int repeats = 0;
    std::vector<std::int64_t> incidentIds; // by created time, then id
    std::vector<std::int64_t> deploymentIds; // linked to those incidents, ascending
    QStringList deployments; // their external ids, same order
    QStringList files; // changed by those deployments' changeset commits, sorted, distinct
    std::int64_t aiLines = 0; // over those commits, each counted once
    std::int64_t addedLines = 0;
    std::optional<double> aiShare; // aiLines / addedLines; null without added lines
};

// Why an incident counts as a repeat: the latest-resolved earlier incident of its cluster that
// makes it one.
struct RepeatIncidentRow
{
    std::int64_t incidentId = 0;
    QString incidentKey;
    std::int64_t earlierIncidentId = 0;
    QString earlierIncidentKey;
    QString reason;
};

struct RepeatIncidents
{
    int incidents = 0; // created in the period, of the selected services
    int repeats = 0;
    std::optional<double> repeatRate; // null when there are no incidents
    std::pair<double, double> ci95 { 0.0, 1.0 }; // Wilson interval of the rate
    bool smallSample = true; // fewer than kSmallSample incidents
    std::vector<RepeatIncidentCluster> clusters; // count desc, last desc, fingerprint, service
    std::vector<RepeatIncidentRow> contributing; // the repeats, by created time, then id
};

// Settings: `titleJaccard` is the token Jaccard similarity at or above which clusters of one
// service merge; an incident is a repeat when an earlier incident of its cluster was resolved
// before it started, at most `repeatWindowDays` days before.
RepeatIncidents computeRepeatIncidents(const store::IncidentFacts& facts, const MetricsOptions& options,
                                       double titleJaccard = kDefaultTitleJaccard,
                                       int repeatWindowDays = kDefaultRepeatWindowDays);

} // namespace faultline::metrics
