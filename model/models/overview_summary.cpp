#include "overview_summary.h"

#include <QLocale>
#include <QObject>

namespace faultline::models {

using metrics::LeadStage;

namespace {

QString hoursText(double h)
{
    const QLocale locale;
    return h >= 48 ? QObject::tr("%1 days").arg(locale.toString(h / 24.0, 'f', 1))
                   : QObject::tr("%1 h").arg(locale.toString(h, 'f', 1));
}

QString percentText(double fraction)
{
    return QObject::tr("%1 %").arg(QLocale().toString(fraction * 100.0, 'f', 0));
}

} // namespace

QString leadStageName(LeadStage stage)
{
    switch (stage) {
    case LeadStage::Coding:
        return QObject::tr("Coding");
    case LeadStage::Pickup:
        return QObject::tr("Review pickup");
    case LeadStage::Review:
        return QObject::tr("Review");
    case LeadStage::CiWait:
        return QObject::tr("CI wait");
    case LeadStage::Deploy:
        return QObject::tr("Deploy");
    case LeadStage::ToStaging:
        return QObject::tr("To staging");
    case LeadStage::StagingWait:
        return QObject::tr("Staging wait");
    }
    return {};
}

std::optional<Bottleneck> biggestBottleneck(const metrics::LeadTimeBreakdown& breakdown)
{
    // The five sequential stages; to-staging and staging wait split deploy and would count it twice.
    constexpr LeadStage kStages[]
        = { LeadStage::Coding, LeadStage::Pickup, LeadStage::Review, LeadStage::CiWait, LeadStage::Deploy };
    const auto& all = breakdown.stages[size_t(metrics::Segment::All)];
    std::optional<Bottleneck> best;
    double total = 0;
    for (const LeadStage stage : kStages) {
        const metrics::StageMedian& median = all[size_t(stage)];
        if (!median.medianHours)
            continue;
        total += *median.medianHours;
        if (!best || *median.medianHours > best->medianHours)
            best = Bottleneck { stage, *median.medianHours, 0, median.n };
    }
    if (best && total > 0)
        best->shareOfTotal = best->medianHours / total;
    return best;
}

QString describeBottleneck(const std::optional<Bottleneck>& b)
{
    if (!b)
        return QObject::tr("No lead-time stages yet: import pull requests (faultline import prs) and "
                           "deployments to see where changes wait.");
    return QObject::tr("%1 is the biggest bottleneck: a median of %2, %3 of the time a change spends "
                       "between its first commit and production (n = %4).")
        .arg(leadStageName(b->stage), hoursText(b->medianHours), percentText(b->shareOfTotal))
        .arg(b->n);
}

ArchetypeCard archetypeCard(const metrics::Archetype& archetype, const metrics::ArchetypeInputs& in)
{
    ArchetypeCard card;
    card.title = archetype.label.isEmpty() ? QObject::tr("No profile fits") : archetype.label;
    card.because = archetype.because;
    const QLocale locale;
    if (in.deploymentsPerDay)
        card.inputs << QObject::tr("%1 production deployments per day")
                           .arg(locale.toString(*in.deploymentsPerDay, 'f', 2));
    if (in.ciFailureRate)
        card.inputs << QObject::tr("%1 of CI jobs fail").arg(percentText(*in.ciFailureRate));
    if (!in.largestCiStage.isEmpty())
        card.inputs << QObject::tr("most CI minutes: %1").arg(in.largestCiStage);
    if (in.prVolumeGrowth && in.deploymentGrowth)
        card.inputs << QObject::tr("merged PRs ×%1, deployments ×%2 (second half vs first)")
                           .arg(locale.toString(*in.prVolumeGrowth, 'f', 2),
                                locale.toString(*in.deploymentGrowth, 'f', 2));
    return card;
}

} // namespace faultline::models
