#pragma once

#include "metrics/archetype.h"
#include "metrics/lead_time_breakdown.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace faultline::models {

// The single largest lead-time stage (median hours, all changes) among coding, pickup, review,
// CI wait and deploy: the Overview's "biggest bottleneck".
struct Bottleneck
{
    metrics::LeadStage stage = metrics::LeadStage::Coding;
    double medianHours = 0;
    double shareOfTotal = 0; // of the sum of the five stage medians
    int n = 0;
};
std::optional<Bottleneck> biggestBottleneck(const metrics::LeadTimeBreakdown& breakdown);

QString leadStageName(metrics::LeadStage stage); // "Review", "CI wait", …
// One sentence naming the bottleneck, or saying which import would show it.
QString describeBottleneck(const std::optional<Bottleneck>& bottleneck);

// The archetype card: the label (or that no profile fits) and the figures that triggered it; the
// inputs are listed too, so a reader sees what the heuristic looked at.
struct ArchetypeCard
{
    QString title;
    QStringList because;
    QStringList inputs;
};
ArchetypeCard archetypeCard(const metrics::Archetype& archetype, const metrics::ArchetypeInputs& inputs);

} // namespace faultline::models
