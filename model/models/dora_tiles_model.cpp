#include "dora_tiles_model.h"

#include <QLocale>

namespace faultline::models {

using metrics::Segment;

DoraTilesModel::DoraTilesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void DoraTilesModel::setResult(const metrics::DoraResult& result)
{
    beginResetModel();
    m_result = result;
    m_hasResult = true;
    endResetModel();
}

int DoraTilesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_hasResult ? 0 : MetricCount;
}

int DoraTilesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DoraTilesModel::metricName(Metric metric)
{
    switch (metric) {
    case DeploymentFrequency:
        return tr("Deployment frequency");
    case LeadTime:
        return tr("Lead time for changes");
    case ChangeFailureRate:
        return tr("Change failure rate");
    case RecoveryTime:
        return tr("Failed deployment recovery time");
    case ReworkRate:
        return tr("Deployment rework rate");
    case MetricCount:
        break;
    }
    return {};
}

QString DoraTilesModel::definition(Metric metric)
{
    // Quoted from METRICS.md "The five DORA metrics": the tooltip is the definition, not a paraphrase.
    switch (metric) {
    case DeploymentFrequency:
        return tr("Successful production deployments per day over the period (mean), per service and in "
                  "total; also the median number of days with a deployment per week.");
    case LeadTime:
        return tr("For every commit in the changeset of a successful production deployment: deployment "
                  "finished − commit authored time. Headline: median; also p90. Non-positive values are "
                  "dropped (clock skew, automated commits).");
    case ChangeFailureRate:
        return tr("Failed deployments ÷ production deployments, each deployment counted once however many "
                  "reasons it has. Failed: its own status is failure; it is followed by a rollback; the "
                  "next deployment of the service is unplanned and within 48 h; or an incident is linked "
                  "to it.");
    case RecoveryTime:
        return tr("For each failed deployment: from its finish to recovery, where recovery is the latest "
                  "resolution of its linked incidents, or, with none, the finish of the next successful "
                  "production deployment of the same service. Headline: median.");
    case ReworkRate:
        return tr("Unplanned deployments ÷ production deployments. Unplanned: a rollback; a changeset "
                  "with a revert or a hotfix; or deployed while an incident of the service was open and "
                  "resolved within 24 h after it.");
    case MetricCount:
        break;
    }
    return {};
}

QString DoraTilesModel::formatValue(Metric metric, std::optional<double> value)
{
    if (!value)
        return QStringLiteral("—");
    const QLocale locale;
    switch (metric) {
    case DeploymentFrequency:
        return tr("%1 /day").arg(locale.toString(*value, 'f', *value < 10 ? 2 : 1));
    case LeadTime:
    case RecoveryTime:
        if (*value >= 48)
            return tr("%1 d").arg(locale.toString(*value / 24, 'f', 1));
        return tr("%1 h").arg(locale.toString(*value, 'f', 1));
    case ChangeFailureRate:
    case ReworkRate:
        return tr("%1 %").arg(locale.toString(*value * 100, 'f', 1));
    case MetricCount:
        break;
    }
    return {};
}

std::optional<double> DoraTilesModel::value(const metrics::DoraSegment& s, Metric metric)
{
    switch (metric) {
    case DeploymentFrequency:
        return s.frequency.perDay;
    case LeadTime:
        return s.leadTime.medianHours;
    case ChangeFailureRate:
        return s.changeFailureRate.value;
    case RecoveryTime:
        return s.recoveryTime.medianHours;
    case ReworkRate:
        return s.reworkRate.value;
    case MetricCount:
        break;
    }
    return std::nullopt;
}

std::int64_t DoraTilesModel::count(const metrics::DoraSegment& s, Metric metric)
{
    switch (metric) {
    case DeploymentFrequency:
        return s.frequency.deployments;
    case LeadTime:
        return s.leadTime.n;
    case ChangeFailureRate:
        return s.changeFailureRate.n;
    case RecoveryTime:
        return s.recoveryTime.n;
    case ReworkRate:
        return s.reworkRate.n;
    case MetricCount:
        break;
    }
    return 0;
}

const std::vector<metrics::Contribution>& DoraTilesModel::contributions(const metrics::DoraSegment& s,
                                                                        Metric metric)
{
    switch (metric) {
    case DeploymentFrequency:
        return s.frequency.rows;
    case LeadTime:
        return s.leadTime.rows;
    case ChangeFailureRate:
        return s.changeFailureRate.rows;
    case RecoveryTime:
        return s.recoveryTime.rows;
    case ReworkRate:
    case MetricCount:
        break;
    }
    return s.reworkRate.rows;
}

std::optional<Segment> DoraTilesModel::segmentOf(int column) const
{
    switch (column) {
    case Value:
    case N:
        return Segment::All;
    case AiValue:
    case AiN:
        return Segment::Ai;
    case NotAiValue:
    case NotAiN:
        return Segment::NotAi;
    default:
        return std::nullopt;
    }
}

QVariant DoraTilesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto metric = Metric(index.row());
    const auto segment = segmentOf(index.column());
    if (role == DefinitionRole)
        return definition(metric);
    if (index.column() == Name) {
        if (role == Qt::DisplayRole)
            return metricName(metric);
        if (role == Qt::ToolTipRole)
            return definition(metric);
        return {};
    }
    const metrics::DoraSegment& s = m_result.segment(*segment);
    const std::int64_t n = count(s, metric);
    const bool isValue = index.column() == Value || index.column() == AiValue || index.column() == NotAiValue;
    switch (role) {
    case Qt::DisplayRole:
        return isValue ? formatValue(metric, value(s, metric)) : QLocale().toString(qlonglong(n));
    case RawValueRole:
        if (isValue) {
            const auto v = value(s, metric);
            return v ? QVariant(*v) : QVariant();
        }
        return qlonglong(n);
    case SmallSampleRole:
        return n < metrics::kSmallSample;
    case SegmentRole:
        return int(*segment);
    case Qt::ToolTipRole: {
        QString tip = definition(metric) + QStringLiteral("\n\nn = ") + QLocale().toString(qlonglong(n));
        if (n < metrics::kSmallSample)
            tip += QStringLiteral(" — ") + tr("too few to compare");
        return tip;
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant DoraTilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name:
        return tr("Metric");
    case Value:
        return tr("All");
    case AiValue:
        return tr("AI-assisted");
    case NotAiValue:
        return tr("Not AI-assisted");
    case N:
        return tr("n");
    case AiN:
        return tr("n AI");
    case NotAiN:
        return tr("n not AI");
    default:
        return {};
    }
}

} // namespace faultline::models
