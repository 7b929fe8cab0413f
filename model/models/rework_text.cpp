#include "rework_text.h"

#include "models/hotspots_model.h"

#include <QCoreApplication>

namespace faultline::models {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("faultline::models::ReworkText", text);
}

} // namespace

QString percentText(double ratio)
{
    const double percent = ratio * 100.0;
    return QStringLiteral("%1 %").arg(percent, 0, 'f', percent != 0 && percent < 10 ? 1 : 0);
}

QString hoursText(double hours)
{
    if (hours < 1)
        return tr("%1 min").arg(qRound(hours * 60));
    if (hours < 48)
        return tr("%1 h").arg(hours, 0, 'f', 1);
    return tr("%1 d").arg(hours / 24.0, 0, 'f', 1);
}

QString churnDefinition(int windowDays)
{
    return tr("A line is churned when a later commit on the first-parent history deletes or modifies it "
              "within %1 days of its origin commit's author time; the churn counts for the origin commit's "
              "segment (AI-assisted or not). Churn rate = churned lines ÷ added lines. Moved lines are not "
              "churn.")
        .arg(windowDays);
}

QString hotspotDefinition()
{
    return tr("Rework hotspot: a file ranked by churned lines in the period, with its AI share of churned "
              "lines, commits touching it, lines at head and churn rate.");
}

QString repeatDefinition()
{
    return tr("A cluster is all incidents with one fingerprint (service + normalised title), merged with "
              "clusters whose titles share ≥ 0.6 token Jaccard similarity for the same service. An incident "
              "is a repeat when its cluster has an earlier incident resolved before it started, within 90 "
              "days.");
}

QString hotspotToolTip(const metrics::ReworkHotspot& h, int windowDays)
{
    QString text = h.path + QStringLiteral("\n")
        + tr("%1 churned lines (within %2 days), %3 added in the period by %4 commits")
              .arg(h.churnedLines)
              .arg(windowDays)
              .arg(h.addedLines)
              .arg(h.commits);
    if (h.churnRate)
        text += QStringLiteral("\n")
            + tr("Churn rate %1 (n = %2 added lines)").arg(percentText(*h.churnRate)).arg(h.addedLines);
    if (h.addedLines < metrics::kSmallSample)
        text += QStringLiteral("\n")
            + tr("Small sample: fewer than %1 added lines").arg(metrics::kSmallSample);
    if (h.aiShare)
        text += QStringLiteral("\n")
            + tr("AI-assisted origin: %1 of churned lines").arg(percentText(*h.aiShare));
    if (!h.linesAtHead)
        text += QStringLiteral("\n")
            + tr("Not at the imported head (deleted, renamed, or imported without contents)");
    return text + QStringLiteral("\n\n") + hotspotDefinition();
}

QString hotspotColumnToolTip(int column, int windowDays)
{
    switch (HotspotsModel::Column(column)) {
    case HotspotsModel::ChurnedLines:
    case HotspotsModel::AiChurnedLines:
    case HotspotsModel::NotAiChurnedLines:
    case HotspotsModel::ChurnRate:
        return churnDefinition(windowDays);
    case HotspotsModel::AiShare:
        return tr("Churned lines whose origin commit is AI-assisted ÷ churned lines of the file.");
    case HotspotsModel::Commits:
        return tr("Commits of the period touching the file.");
    case HotspotsModel::LinesAtHead:
        return tr("Lines of the file at the imported head (blame).");
    case HotspotsModel::AddedLines:
        return tr("Lines of the file originated by commits of the period (blame sense): the n of the rate.");
    case HotspotsModel::Path:
    case HotspotsModel::Repository:
    case HotspotsModel::ColumnCount:
        break;
    }
    return hotspotDefinition();
}

QString churnReason(const metrics::ChurnContribution& row, int windowDays)
{
    const double ageDays = double(row.ageMs) / (86400.0 * 1000.0);
    return tr("%1 lines of %2 (%3) deleted or modified by %4 after %5 days, within the %6-day window")
        .arg(row.lines)
        .arg(row.originSha.left(10), row.originAi ? tr("AI-assisted") : tr("not AI-assisted"),
             row.removingSha.left(10))
        .arg(ageDays, 0, 'f', 1)
        .arg(windowDays);
}

} // namespace faultline::models
