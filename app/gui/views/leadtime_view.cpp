#include "leadtime_view.h"

#include "gui/views/pipeline_view.h"
#include "models/contributions_model.h"
#include "models/formatted_text_proxy.h"
#include "models/lead_time_models.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QToolTip>
#include <QTransposeProxyModel>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::LeadHistogramModel;
using models::LeadStagesModel;

LeadTimeView::LeadTimeView(QWidget* parent)
    : MetricViewBase(parent)
{
    m_stages = new LeadStagesModel(this);
    m_histogram = new LeadHistogramModel(this);
    m_leadRows = new models::LeadRowsModel(this);
    m_contributions = new models::ContributionsModel(this);
    setUpFrame(QStringLiteral("leadTimeView"));

    // Each row of cards is a widget so that a drill-down can hide a whole row.
    m_topRow = new QWidget(content());
    auto* top = new QHBoxLayout(m_topRow);
    top->setContentsMargins(0, 0, 0, 0);
    top->setSpacing(8);
    contentLayout()->addWidget(m_topRow, 4);

    // Stage medians: one bar per segment, one stacked piece per stage (columns of the stages model).
    QFrame* stagesCard = card(QStringLiteral("leadStagesCard"), content());
    auto* stagesLayout = new QVBoxLayout(stagesCard);
    stagesLayout->setContentsMargins(12, 8, 12, 6);
    stagesLayout->addWidget(heading(tr("Where lead time goes: median hours per stage"), stagesCard));
    m_stagesNote = note(stagesCard);
    m_stagesNote->setObjectName(QStringLiteral("leadStagesNote"));
    stagesLayout->addWidget(m_stagesNote);
    auto* stagesChart = new QChart;
    m_stageSeries = new QHorizontalStackedBarSeries(stagesChart);
    stagesChart->addSeries(m_stageSeries);
    m_segmentAxis = new QBarCategoryAxis(stagesChart);
    m_hoursAxis = new QValueAxis(stagesChart);
    m_hoursAxis->setTitleText(tr("hours (median per stage)"));
    stagesChart->addAxis(m_segmentAxis, Qt::AlignLeft);
    stagesChart->addAxis(m_hoursAxis, Qt::AlignBottom);
    m_stageSeries->attachAxis(m_segmentAxis);
    m_stageSeries->attachAxis(m_hoursAxis);
    m_stageMapper = new QVBarModelMapper(this);
    m_stageMapper->setFirstBarSetColumn(LeadStagesModel::Coding);
    m_stageMapper->setLastBarSetColumn(LeadStagesModel::Deploy);
    m_stageMapper->setSeries(m_stageSeries);
    m_stageMapper->setModel(m_stages);
    QChartView* stagesView = m_stagesView
        = chartView(stagesChart, QStringLiteral("leadStagesChart"), stagesCard);
    registerAxis(m_segmentAxis);
    registerAxis(m_hoursAxis);
    stagesLayout->addWidget(stagesView, 1);
    top->addWidget(stagesCard, 3);
    connect(m_stageSeries, &QAbstractBarSeries::barsetsAdded, this, [this] { restyleContent(); });
    connect(m_stageSeries, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet* set) {
        const int column = int(m_stageSeries->barSets().indexOf(set));
        if (on && column >= 0 && index < m_stages->rowCount())
            QToolTip::showText(QCursor::pos(),
                               m_stages->index(index, column).data(Qt::ToolTipRole).toString()
                                   + QLatin1Char('\n') + tr("Double-click for the rows."));
        else
            QToolTip::hideText();
    });
    connect(m_stageSeries, &QAbstractBarSeries::doubleClicked, this, [this](int index, QBarSet* set) {
        showStageRows(index, int(m_stageSeries->barSets().indexOf(set)));
    });

    QFrame* overheadCard = card(QStringLiteral("ciOverheadCard"), content());
    auto* overheadLayout = new QVBoxLayout(overheadCard);
    overheadLayout->setContentsMargins(12, 8, 12, 8);
    overheadLayout->addWidget(heading(tr("CI overhead"), overheadCard));
    m_overheadValue = new QLabel(overheadCard);
    m_overheadValue->setObjectName(QStringLiteral("ciOverheadValue"));
    m_overheadDetail = note(overheadCard);
    m_overheadDetail->setObjectName(QStringLiteral("ciOverheadDetail"));
    m_overheadRows = new QToolButton(overheadCard);
    m_overheadRows->setObjectName(QStringLiteral("ciOverheadRows"));
    m_overheadRows->setText(tr("Show the pull requests"));
    connect(m_overheadRows, &QToolButton::clicked, this, &LeadTimeView::showOverheadRows);
    overheadLayout->addWidget(m_overheadValue);
    overheadLayout->addWidget(m_overheadDetail, 1, Qt::AlignTop);
    overheadLayout->addWidget(m_overheadRows, 0, Qt::AlignLeft);
    top->addWidget(overheadCard, 1);

    m_bottomRow = new QWidget(content());
    auto* bottom = new QHBoxLayout(m_bottomRow);
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->setSpacing(8);
    contentLayout()->addWidget(m_bottomRow, 4);

    QFrame* histogramCard = card(QStringLiteral("leadHistogramCard"), content());
    auto* histogramLayout = new QVBoxLayout(histogramCard);
    histogramLayout->setContentsMargins(12, 8, 12, 6);
    histogramLayout->addWidget(heading(tr("Distribution of lead times (commits)"), histogramCard));
    m_histogramNote = note(histogramCard);
    m_histogramNote->setObjectName(QStringLiteral("leadHistogramNote"));
    histogramLayout->addWidget(m_histogramNote);
    auto* histogramChart = new QChart;
    m_histogramSeries = new QBarSeries(histogramChart);
    histogramChart->addSeries(m_histogramSeries);
    m_bucketAxis = new QBarCategoryAxis(histogramChart);
    m_countAxis = new QValueAxis(histogramChart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setTitleText(tr("commits"));
    histogramChart->addAxis(m_bucketAxis, Qt::AlignBottom);
    histogramChart->addAxis(m_countAxis, Qt::AlignLeft);
    m_histogramSeries->attachAxis(m_bucketAxis);
    m_histogramSeries->attachAxis(m_countAxis);
    m_histogramMapper = new QVBarModelMapper(this);
    m_histogramMapper->setFirstBarSetColumn(LeadHistogramModel::AiCount);
    m_histogramMapper->setLastBarSetColumn(LeadHistogramModel::NotAiCount);
    m_histogramMapper->setSeries(m_histogramSeries);
    m_histogramMapper->setModel(m_histogram);
    QChartView* histogramView = m_histogramView
        = chartView(histogramChart, QStringLiteral("leadHistogramChart"), histogramCard);
    registerCategoryAxis(m_bucketAxis, histogramView);
    registerAxis(m_countAxis);
    histogramLayout->addWidget(histogramView, 1);
    bottom->addWidget(histogramCard, 1);
    connect(m_histogramSeries, &QAbstractBarSeries::barsetsAdded, this, [this] { restyleContent(); });
    connect(m_histogramSeries, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet* set) {
        const int column = LeadHistogramModel::AiCount + int(m_histogramSeries->barSets().indexOf(set));
        if (on && index < m_histogram->rowCount())
            QToolTip::showText(QCursor::pos(),
                               m_histogram->index(index, column).data(Qt::ToolTipRole).toString()
                                   + QLatin1Char('\n') + tr("Double-click for the commits."));
        else
            QToolTip::hideText();
    });
    connect(m_histogramSeries, &QAbstractBarSeries::doubleClicked, this, [this](int index, QBarSet* set) {
        showBucketRows(index, LeadHistogramModel::AiCount + int(m_histogramSeries->barSets().indexOf(set)));
    });
    connect(m_stages, &QAbstractItemModel::modelReset, this, &LeadTimeView::updateAxes);
    connect(m_histogram, &QAbstractItemModel::modelReset, this, &LeadTimeView::updateAxes);

    QFrame* tableCard = card(QStringLiteral("leadTableCard"), content());
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(12, 8, 12, 8);
    tableLayout->addWidget(heading(tr("Stage medians, AI-assisted vs not"), tableCard));
    auto* formatted = new models::FormattedTextProxy(this);
    formatted->setSourceModel(m_stages);
    // Stages as rows, segments as columns: two columns of "2.0 h (n=8)" fit beside the histogram on a
    // shared 1280×720 screen, five do not.
    auto* transposed = new QTransposeProxyModel(this);
    transposed->setSourceModel(formatted);
    m_stageTable = table(transposed, QStringLiteral("leadStagesTable"), tableCard);
    m_stageTable->verticalHeader()->show();
    m_stageTable->horizontalHeader()->setStretchLastSection(false);
    m_stageTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    tableLayout->addWidget(m_stageTable, 1);
    bottom->addWidget(tableCard, 1);
    connect(m_stageTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showStageRows(index.column(), index.row()); });

    setTheme(theme());
}

QList<ViewChart> LeadTimeView::charts() const
{
    if (isEmptyState())
        return {};
    return { { tr("Where lead time goes: median hours per stage"), m_stagesView },
             { tr("Distribution of lead times (commits)"), m_histogramView } };
}

QString LeadTimeView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr(
            "This workspace holds no data yet.\n\nImport pull requests (faultline import prs <file>), "
            "git history (faultline import git <repo>) and deployments (faultline import deploys "
            "<file>) to see where lead time goes; CI runs (faultline import ci <files>) add the CI wait.");
    return tr("No pull requests or deployed commits in this period.\n\nWiden the period, or import pull "
              "requests (faultline import prs <file>) and deployments (faultline import deploys <file>).");
}

void LeadTimeView::showReport(const ViewData& data)
{
    const metrics::LeadTimeBreakdown& breakdown = data.report.leadTime;
    const bool empty
        = data.workspaceEmpty || (breakdown.rows.empty() && data.report.dora.all.leadTime.n == 0);
    m_stages->setResult(breakdown);
    if (data.leadHistogramAi && data.leadHistogramNotAi)
        m_histogram->setHistograms(data.leadHistogramAi, data.leadHistogramNotAi);
    else
        m_histogram->setResult(data.report.dora);
    const metrics::StageMedian& overhead = breakdown.ciOverhead;
    m_overheadValue->setText(overheadText());
    m_overheadValue->setToolTip(tr("CI overhead = CI wait ÷ coding time (the \"15 minutes of coding, 30 "
                                   "minutes of CI = 200 %\" ratio), median over pull requests.\n%1")
                                    .arg(models::MetricTableModel::formatN(overhead.n)));
    m_overheadDetail->setText(tr("Median CI wait ÷ coding time per pull request · %1")
                                  .arg(models::MetricTableModel::formatN(overhead.n)));
    m_overheadRows->setEnabled(overhead.n > 0);
    hideDrillDown();
    setEmpty(empty, data.filters.describe(data.anchorMs));
    restyleContent();
}

QString LeadTimeView::overheadText() const
{
    const auto ratio = viewData().report.leadTime.ciOverhead.medianHours;
    return ratio ? QStringLiteral("%1 %").arg(*ratio * 100.0, 0, 'f', 0) : tr("no data");
}

void LeadTimeView::updateAxes()
{
    QStringList segments;
    double longest = 0;
    QStringList thin;
    bool noPullRequests = m_stages->rowCount() > 0;
    for (int row = 0; row < m_stages->rowCount(); ++row) {
        double sum = 0;
        int n = 0;
        for (int column = 0; column < m_stages->columnCount(); ++column) {
            sum += m_stages->index(row, column).data().toDouble();
            if (m_stages->index(row, column).data(models::MetricTableModel::SmallSampleRole).toBool())
                ++n;
            if (column != LeadStagesModel::Deploy
                && m_stages->index(row, column).data(models::MetricTableModel::RawValueRole).isValid())
                noPullRequests = false;
        }
        longest = std::max(longest, sum);
        segments << LeadStagesModel::segmentName(row);
        if (n > 0)
            thin << LeadStagesModel::segmentName(row);
    }
    m_segmentAxis->setCategories(segments);
    m_hoursAxis->setRange(0, std::max(1.0, longest));
    m_hoursAxis->applyNiceNumbers();
    m_hoursAxis->setLabelFormat(longest < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    QStringList notes;
    if (noPullRequests)
        notes << tr("No pull request times: coding, pickup, review and CI wait need pull requests "
                    "(faultline import prs <file>).");
    if (!thin.isEmpty())
        notes << tr("Too few to compare (n < 20 in a stage): %1. Hover a bar for its n.")
                     .arg(thin.join(QStringLiteral(", ")));
    m_stagesNote->setText(notes.join(QLatin1Char(' ')));
    m_stagesNote->setVisible(!notes.isEmpty());

    m_bucketAxis->setCategories(m_histogram->bucketLabels());
    double highest = 0;
    for (int row = 0; row < m_histogram->rowCount(); ++row)
        for (int column : { int(LeadHistogramModel::AiCount), int(LeadHistogramModel::NotAiCount) })
            highest = std::max(highest, m_histogram->index(row, column).data().toDouble());
    m_countAxis->setRange(0, std::max(1.0, highest));
    m_countAxis->applyNiceNumbers();
    const std::int64_t ai = m_histogram->histogram(metrics::Segment::Ai).n;
    const std::int64_t notAi = m_histogram->histogram(metrics::Segment::NotAi).n;
    QString histogramNote
        = tr("AI-assisted %1 · not AI-assisted %2")
              .arg(models::MetricTableModel::formatN(ai), models::MetricTableModel::formatN(notAi));
    m_histogramNote->setText(histogramNote);
    updateCategoryLabels();
}

void LeadTimeView::restyleContent()
{
    const Theme& t = theme();
    const QList<QBarSet*> stageSets = m_stageSeries->barSets();
    for (int i = 0; i < stageSets.size(); ++i) {
        stageSets[i]->setColor(stageColour(i, t));
        stageSets[i]->setBorderColor(t.base);
    }
    const QList<QBarSet*> histogramSets = m_histogramSeries->barSets();
    for (int i = 0; i < histogramSets.size(); ++i) {
        const QColor colour = i == 0 ? Theme::aiColour() : Theme::notAiColour();
        histogramSets[i]->setColor(colour);
        histogramSets[i]->setBorderColor(colour);
    }
    const QFont base = QWidget::font();
    m_overheadValue->setFont(scaledFont(base, 2.4 * t.scale, true));
    const bool thin = viewData().report.leadTime.ciOverhead.n < metrics::kSmallSample;
    m_overheadValue->setStyleSheet(QStringLiteral("color: %1;").arg((thin ? t.warning : t.text).name()));
    m_overheadRows->setFont(scaledFont(base, 0.95 * t.scale));
    for (QLabel* label : { m_stagesNote })
        label->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
    if (thin)
        m_overheadDetail->setStyleSheet(QStringLiteral("color: %1;").arg(t.warning.name()));
}

void LeadTimeView::onDrillDownShown(bool shown)
{
    // Three rows do not fit a 1280×720 shared screen: the rows take the place of the row of cards
    // the drill-down did not start from.
    m_topRow->setVisible(!shown || !m_drillFromHistogram);
    m_bottomRow->setVisible(!shown || m_drillFromHistogram);
}

void LeadTimeView::showStageRows(int segmentRow, int stageColumn)
{
    if (segmentRow < 0 || segmentRow >= m_stages->rowCount() || stageColumn < 0
        || stageColumn >= LeadStagesModel::ColumnCount)
        return;
    const auto column = LeadStagesModel::Column(stageColumn);
    m_drillFromHistogram = false;
    m_leadRows->setRows(models::leadRowsForStage(viewData().report.leadTime,
                                                 LeadStagesModel::segmentOf(segmentRow),
                                                 LeadStagesModel::stageOf(column)));
    showDrillDownModel(m_leadRows,
                       tr("Rows behind the %1 median — %2 (%3 rows)")
                           .arg(LeadStagesModel::stageName(column), LeadStagesModel::segmentName(segmentRow))
                           .arg(m_leadRows->rowCount()),
                       models::LeadRowsModel::Reason);
}

void LeadTimeView::showBucketRows(int bucket, int segmentColumn)
{
    if (bucket < 0 || bucket >= m_histogram->rowCount())
        return;
    const metrics::Segment segment
        = segmentColumn == LeadHistogramModel::AiCount ? metrics::Segment::Ai : metrics::Segment::NotAi;
    const metrics::LeadTimeBucket& b = m_histogram->histogram(segment).buckets[size_t(bucket)];
    m_contributions->setResult(b.rows);
    m_drillFromHistogram = true;
    showDrillDownModel(
        m_contributions,
        tr("Commits with a lead time of %1 — %2 (%3 rows)")
            .arg(b.label, segment == metrics::Segment::Ai ? tr("AI-assisted") : tr("not AI-assisted"))
            .arg(b.rows.size()),
        models::ContributionsModel::Reason);
}

void LeadTimeView::showOverheadRows()
{
    m_leadRows->setRows(models::leadRowsForCiOverhead(viewData().report.leadTime));
    m_drillFromHistogram = false;
    showDrillDownModel(m_leadRows,
                       tr("Pull requests behind the CI overhead ratio (%1 rows)").arg(m_leadRows->rowCount()),
                       models::LeadRowsModel::Reason);
}

} // namespace faultline::gui
