#include "lead_time_models.h"

namespace faultline::models {

namespace {

QVariant orNull(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

bool inSegment(const metrics::LeadTimeRow& row, metrics::Segment segment)
{
    return segment == metrics::Segment::All || (segment == metrics::Segment::Ai) == row.aiAssisted;
}

} // namespace

// ---- LeadStagesModel -------------------------------------------------------------------------

void LeadStagesModel::setResult(const metrics::LeadTimeBreakdown& breakdown)
{
    reset([&] {
        m_stages = breakdown.stages;
        m_hasResult = true;
    });
}

metrics::LeadStage LeadStagesModel::stageOf(Column column)
{
    switch (column) {
    case Coding:
        return metrics::LeadStage::Coding;
    case Pickup:
        return metrics::LeadStage::Pickup;
    case Review:
        return metrics::LeadStage::Review;
    case CiWait:
        return metrics::LeadStage::CiWait;
    case Deploy:
    case ColumnCount:
        break;
    }
    return metrics::LeadStage::Deploy;
}

metrics::Segment LeadStagesModel::segmentOf(int row)
{
    return row == AiRow ? metrics::Segment::Ai : metrics::Segment::NotAi;
}

QString LeadStagesModel::segmentName(int row)
{
    return row == AiRow ? tr("AI-assisted") : tr("Not AI-assisted");
}

QString LeadStagesModel::stageName(Column column)
{
    switch (column) {
    case Coding:
        return tr("Coding");
    case Pickup:
        return tr("Pickup");
    case Review:
        return tr("Review");
    case CiWait:
        return tr("CI wait");
    case Deploy:
        return tr("Deploy");
    case ColumnCount:
        break;
    }
    return {};
}

QString LeadStagesModel::definition(Column column)
{
    switch (column) {
    case Coding:
        return tr("coding = first commit authored → PR created");
    case Pickup:
        return tr("pickup = PR created → first review by someone other than the author");
    case Review:
        return tr("review = first review → merged");
    case CiWait:
        return tr("CI wait = first CI run started → last CI run finished on the PR's head commits");
    case Deploy:
        return tr("deploy = merged → first successful production deployment containing it");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LeadStagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && role == Qt::DisplayRole && section >= 0 && section < rows())
        return segmentName(section);
    return MetricTableModel::headerData(section, orientation, role);
}

QString LeadStagesModel::header(int column) const
{
    return stageName(Column(column));
}

QString LeadStagesModel::headerToolTip(int column) const
{
    return definition(Column(column)) + tr(" (median hours per segment)");
}

const metrics::StageMedian& LeadStagesModel::cell(int row, int column) const
{
    return m_stages[size_t(segmentOf(row))][size_t(stageOf(Column(column)))];
}

QVariant LeadStagesModel::text(int row, int column) const
{
    return cell(row, column).medianHours.value_or(0);
}

QVariant LeadStagesModel::raw(int row, int column) const
{
    return orNull(cell(row, column).medianHours);
}

QString LeadStagesModel::formatted(int row, int column) const
{
    const metrics::StageMedian& c = cell(row, column);
    if (c.n == 0)
        return tr("no data");
    return tr("%1 (n=%2%3)")
        .arg(formatHours(c.medianHours))
        .arg(c.n)
        .arg(c.n < metrics::kSmallSample ? tr(", too few") : QString());
}

QString LeadStagesModel::toolTip(int row, int column) const
{
    const metrics::StageMedian& c = cell(row, column);
    return tr("%1 · %2: median %3\n%4\n%5")
        .arg(segmentName(row), stageName(Column(column)), formatHours(c.medianHours),
             definition(Column(column)), formatN(c.n));
}

bool LeadStagesModel::smallSample(int row, int column) const
{
    // No rows at all is missing data (named in the view), not a small sample.
    const int n = cell(row, column).n;
    return n > 0 && n < metrics::kSmallSample;
}

// ---- LeadHistogramModel ----------------------------------------------------------------------

void LeadHistogramModel::setResult(const metrics::DoraResult& dora)
{
    setHistograms(
        std::make_shared<const metrics::LeadTimeHistogram>(metrics::leadTimeHistogram(dora.ai.leadTime)),
        std::make_shared<const metrics::LeadTimeHistogram>(metrics::leadTimeHistogram(dora.notAi.leadTime)));
}

void LeadHistogramModel::setHistograms(std::shared_ptr<const metrics::LeadTimeHistogram> ai,
                                       std::shared_ptr<const metrics::LeadTimeHistogram> notAi)
{
    reset([&] {
        m_ai = std::move(ai);
        m_notAi = std::move(notAi);
        m_hasResult = true;
    });
}

const metrics::LeadTimeHistogram& LeadHistogramModel::histogram(metrics::Segment segment) const
{
    static const metrics::LeadTimeHistogram none = metrics::leadTimeHistogram(metrics::LeadTime {});
    const auto& chosen = segment == metrics::Segment::Ai ? m_ai : m_notAi;
    return chosen ? *chosen : none;
}

QStringList LeadHistogramModel::bucketLabels() const
{
    QStringList labels;
    for (int row = 0; row < rows(); ++row)
        labels << histogram(metrics::Segment::Ai).buckets[size_t(row)].label;
    return labels;
}

QString LeadHistogramModel::header(int column) const
{
    switch (Column(column)) {
    case Bucket:
        return tr("Lead time");
    case AiCount:
        return tr("AI-assisted");
    case NotAiCount:
        return tr("Not AI-assisted");
    case ColumnCount:
        break;
    }
    return {};
}

QString LeadHistogramModel::headerToolTip(int) const
{
    return tr("Lead time for changes: per commit, first commit time → successful production deployment "
              "containing it; commits counted by lead-time bucket.");
}

QVariant LeadHistogramModel::text(int row, int column) const
{
    switch (Column(column)) {
    case Bucket:
        return histogram(metrics::Segment::Ai).buckets[size_t(row)].label;
    case AiCount:
        return qlonglong(histogram(metrics::Segment::Ai).buckets[size_t(row)].rows.size());
    case NotAiCount:
        return qlonglong(histogram(metrics::Segment::NotAi).buckets[size_t(row)].rows.size());
    case ColumnCount:
        break;
    }
    return {};
}

QString LeadHistogramModel::toolTip(int row, int column) const
{
    if (column == Bucket)
        return headerToolTip(column);
    const metrics::LeadTimeHistogram& h
        = histogram(column == AiCount ? metrics::Segment::Ai : metrics::Segment::NotAi);
    return tr("%1 commits with a lead time of %2 (%3)\n%4")
        .arg(h.buckets[size_t(row)].rows.size())
        .arg(h.buckets[size_t(row)].label, header(column), formatN(h.n));
}

bool LeadHistogramModel::smallSample(int, int column) const
{
    if (column == Bucket)
        return false;
    return histogram(column == AiCount ? metrics::Segment::Ai : metrics::Segment::NotAi).n
        < metrics::kSmallSample;
}

// ---- lead rows -------------------------------------------------------------------------------

std::vector<LeadRow> leadRowsForStage(const metrics::LeadTimeBreakdown& breakdown, metrics::Segment segment,
                                      metrics::LeadStage stage)
{
    std::vector<LeadRow> out;
    const QString name = QString::fromLatin1(metrics::leadStageKey(stage));
    for (const metrics::LeadTimeRow& row : breakdown.rows) {
        const auto hours = row.hours[size_t(stage)];
        if (!inSegment(row, segment) || !hours)
            continue;
        out.push_back(
            { row,
              QObject::tr("%1 %2 in the %3 median")
                  .arg(name, MetricTableModel::formatHours(hours),
                       row.aiAssisted ? QObject::tr("AI-assisted") : QObject::tr("not AI-assisted")) });
    }
    return out;
}

std::vector<LeadRow> leadRowsForCiOverhead(const metrics::LeadTimeBreakdown& breakdown)
{
    // The same rows the metric takes the ratio over: a positive coding time and a CI wait.
    std::vector<LeadRow> out;
    for (const metrics::LeadTimeRow& row : breakdown.rows) {
        const auto coding = row.hours[size_t(metrics::LeadStage::Coding)];
        const auto ciWait = row.hours[size_t(metrics::LeadStage::CiWait)];
        if (!coding || *coding <= 0 || !ciWait)
            continue;
        out.push_back(
            { row,
              QObject::tr("CI wait %1 ÷ coding %2")
                  .arg(MetricTableModel::formatHours(ciWait), MetricTableModel::formatHours(coding)) });
    }
    return out;
}

void LeadRowsModel::setRows(std::vector<LeadRow> rows)
{
    reset([&] { m_rows = std::move(rows); });
}

QString LeadRowsModel::header(int column) const
{
    switch (Column(column)) {
    case Change:
        return tr("Change");
    case Segment:
        return tr("Segment");
    case Coding:
        return tr("Coding");
    case Pickup:
        return tr("Pickup");
    case Review:
        return tr("Review");
    case CiWait:
        return tr("CI wait");
    case Deploy:
        return tr("Deploy");
    case Reason:
        return tr("Why it counts");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LeadRowsModel::text(int row, int column) const
{
    const LeadRow& r = m_rows[size_t(row)];
    const auto hours = [&](metrics::LeadStage stage) { return formatHours(r.row.hours[size_t(stage)]); };
    switch (Column(column)) {
    case Change:
        return r.row.prId ? tr("PR #%1").arg(r.row.prNumber) : tr("commit %1").arg(r.row.commitId);
    case Segment:
        return r.row.aiAssisted ? tr("AI-assisted") : tr("Not AI-assisted");
    case Coding:
        return hours(metrics::LeadStage::Coding);
    case Pickup:
        return hours(metrics::LeadStage::Pickup);
    case Review:
        return hours(metrics::LeadStage::Review);
    case CiWait:
        return hours(metrics::LeadStage::CiWait);
    case Deploy:
        return hours(metrics::LeadStage::Deploy);
    case Reason:
        return r.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant LeadRowsModel::raw(int row, int column) const
{
    const LeadRow& r = m_rows[size_t(row)];
    switch (Column(column)) {
    case Coding:
        return orNull(r.row.hours[size_t(metrics::LeadStage::Coding)]);
    case Pickup:
        return orNull(r.row.hours[size_t(metrics::LeadStage::Pickup)]);
    case Review:
        return orNull(r.row.hours[size_t(metrics::LeadStage::Review)]);
    case CiWait:
        return orNull(r.row.hours[size_t(metrics::LeadStage::CiWait)]);
    case Deploy:
        return orNull(r.row.hours[size_t(metrics::LeadStage::Deploy)]);
    default:
        return text(row, column);
    }
}

} // namespace faultline::models
