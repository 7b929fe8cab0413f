#include "changes_view.h"

#include "gui/background_job.h"
#include "models/change_details_model.h"
#include "models/change_weeks_model.h"
#include "models/changes_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace faultline::gui {

using models::ChangeDetailsModel;
using models::ChangesModel;
using models::ChangeWeeksModel;

namespace {

constexpr std::int64_t kWeekMs = 7LL * 86400 * 1000;

QFont scaledFont(const QFont& base, double factor, bool bold = false)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(base.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(base.pixelSize() * factor));
    font.setBold(bold);
    return font;
}

QString commitsText(std::int64_t n)
{
    return n == 1 ? QObject::tr("1 commit") : QObject::tr("%1 commits").arg(n);
}

} // namespace

ChangesView::ChangesView(QWidget* parent)
    : View(parent)
{
    setObjectName(QStringLiteral("changesView"));
    setAutoFillBackground(true);
    m_changes = new ChangesModel(this);
    m_changes->setPageSize(kChangesPageSize);
    m_weeks = new ChangeWeeksModel(this);
    m_details = new ChangeDetailsModel(this);
    m_job = new BackgroundJob(this);
    m_detailsJob = new BackgroundJob(this);
    m_pageJob = new BackgroundJob(this);
    connect(m_job, &BackgroundJob::failed, this,
            [this](quint64, const QString& m) { Q_EMIT errorOccurred(m); });
    connect(m_pageJob, &BackgroundJob::failed, this,
            [this](quint64, const QString& m) { Q_EMIT errorOccurred(m); });
    connect(m_detailsJob, &BackgroundJob::failed, this,
            [this](quint64, const QString& m) { Q_EMIT errorOccurred(m); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    m_title = new QLabel(title(), this);
    m_title->setObjectName(QStringLiteral("viewTitle"));
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("viewSubtitle"));
    m_subtitle->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    auto* content = new QWidget(m_stack);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(8);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(QStringLiteral("changesEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(40);
    m_stack->addWidget(content);
    m_stack->addWidget(m_empty);

    // The view's own filters, on top of the filter bar's period and segment.
    auto* filters = new QHBoxLayout;
    filters->setSpacing(8);
    m_text = new QLineEdit(content);
    m_text->setObjectName(QStringLiteral("changesTextFilter"));
    m_text->setPlaceholderText(tr("Filter by subject, sha or author…"));
    m_text->setClearButtonEnabled(true);
    m_tool = new QComboBox(content);
    m_tool->setObjectName(QStringLiteral("changesToolFilter"));
    m_tool->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tool->addItem(tr("Any AI tool"), QString());
    m_aiOnly = new QCheckBox(tr("AI-assisted only"), content);
    m_aiOnly->setObjectName(QStringLiteral("changesAiOnly"));
    m_count = new QLabel(content);
    m_count->setObjectName(QStringLiteral("changesCount"));
    filters->addWidget(m_text, 2);
    filters->addWidget(m_tool);
    filters->addWidget(m_aiOnly);
    filters->addWidget(m_count, 1);
    contentLayout->addLayout(filters);
    m_textDelay = new QTimer(this);
    m_textDelay->setSingleShot(true);
    m_textDelay->setInterval(250); // one query per pause in typing, not one per key
    connect(m_text, &QLineEdit::textChanged, m_textDelay, qOverload<>(&QTimer::start));
    connect(m_textDelay, &QTimer::timeout, this, &ChangesView::reloadList);
    connect(m_tool, &QComboBox::activated, this, &ChangesView::reloadList);
    connect(m_aiOnly, &QCheckBox::toggled, this, &ChangesView::reloadList);

    // Commits per week, AI-assisted vs not: stacked bars mapped from the weeks model.
    QFrame* chartCard = card(QStringLiteral("changesChartCard"));
    auto* chartLayout = new QVBoxLayout(chartCard);
    chartLayout->setContentsMargins(12, 8, 12, 6);
    chartLayout->setSpacing(2);
    auto* chartHeader = new QHBoxLayout;
    m_chartTitle = new QLabel(tr("Commits per week: AI-assisted vs not"), chartCard);
    m_sampleNote = new QLabel(chartCard);
    m_sampleNote->setObjectName(QStringLiteral("changesSampleNote"));
    chartHeader->addWidget(m_chartTitle);
    chartHeader->addStretch(1);
    chartHeader->addWidget(m_sampleNote);
    chartLayout->addLayout(chartHeader);
    auto* chart = new QChart;
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->legend()->setAlignment(Qt::AlignRight);
    m_series = new QStackedBarSeries(chart);
    chart->addSeries(m_series);
    m_weeksAxis = new QBarCategoryAxis(chart);
    m_countAxis = new QValueAxis(chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_weeksAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    m_series->attachAxis(m_weeksAxis);
    m_series->attachAxis(m_countAxis);
    m_mapper = new QVBarModelMapper(this);
    m_mapper->setFirstBarSetColumn(ChangeWeeksModel::AiAssisted);
    m_mapper->setLastBarSetColumn(ChangeWeeksModel::NotAiAssisted);
    m_mapper->setSeries(m_series);
    m_mapper->setModel(m_weeks);
    m_chartView = new QChartView(chart, chartCard);
    m_chartView->setObjectName(QStringLiteral("changesChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);
    m_chartView->setMinimumHeight(120);
    chartLayout->addWidget(m_chartView, 1);
    contentLayout->addWidget(chartCard, 2);
    connect(m_series, &QAbstractBarSeries::barsetsAdded, this, [this] { restyle(); });
    connect(m_weeks, &QAbstractItemModel::modelReset, this, &ChangesView::updateAxes);
    connect(m_series, &QAbstractBarSeries::hovered, this, [this](bool on, int index, QBarSet*) {
        if (on && index >= 0 && index < m_weeks->rowCount())
            QToolTip::showText(
                QCursor::pos(),
                m_weeks->index(index, ChangeWeeksModel::AiAssisted).data(Qt::ToolTipRole).toString()
                    + tr("\nDouble-click a bar for the commits behind it."),
                m_chartView);
    });
    connect(m_series, &QAbstractBarSeries::doubleClicked, this,
            [this](int index, QBarSet* set) { drillIntoWeek(index, m_series->barSets().indexOf(set) == 0); });

    auto* drillRow = new QHBoxLayout;
    m_drillLabel = new QLabel(content);
    m_drillLabel->setObjectName(QStringLiteral("changesDrillLabel"));
    m_drillClear = new QToolButton(content);
    m_drillClear->setObjectName(QStringLiteral("changesDrillClear"));
    m_drillClear->setText(tr("Show all weeks"));
    connect(m_drillClear, &QToolButton::clicked, this, &ChangesView::clearDrill);
    drillRow->addWidget(m_drillLabel, 1);
    drillRow->addWidget(m_drillClear);
    m_drillLabel->hide();
    m_drillClear->hide();
    contentLayout->addLayout(drillRow);

    auto* splitter = new QSplitter(Qt::Horizontal, content);
    m_splitter = splitter;
    splitter->setChildrenCollapsible(false);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("changesTable"));
    m_table->setModel(m_changes);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ChangesModel::Subject, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    showDetails(current.row());
            });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showDetails(index.row()); });

    auto* detailsCard = new QWidget(splitter);
    auto* detailsLayout = new QVBoxLayout(detailsCard);
    detailsLayout->setContentsMargins(8, 0, 0, 0);
    detailsLayout->setSpacing(4);
    m_detailsTitle = new QLabel(tr("Select a commit to see its files, the deployment that shipped it, the CI "
                                   "runs on it and linked incidents."),
                                detailsCard);
    m_detailsTitle->setObjectName(QStringLiteral("changesDetailsTitle"));
    m_detailsTitle->setWordWrap(true);
    m_detailsTable = new QTableView(detailsCard);
    m_detailsTable->setObjectName(QStringLiteral("changesDetailsTable"));
    m_detailsTable->setModel(m_details);
    m_detailsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_detailsTable->setWordWrap(false);
    m_detailsTable->verticalHeader()->hide();
    m_detailsTable->horizontalHeader()->setSectionResizeMode(ChangeDetailsModel::Reason,
                                                             QHeaderView::Stretch);
    detailsLayout->addWidget(m_detailsTitle);
    detailsLayout->addWidget(m_detailsTable, 1);
    splitter->addWidget(m_table);
    splitter->addWidget(detailsCard);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    contentLayout->addWidget(splitter, 5);

    setTheme(m_theme);
    m_subtitle->setText(tr("No workspace data yet"));
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(m_empty);
}

ChangesView::~ChangesView() = default;

QFrame* ChangesView::card(const QString& objectName)
{
    auto* frame = new QFrame(this);
    frame->setObjectName(objectName);
    m_cards.push_back(frame);
    return frame;
}

bool ChangesView::isEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QList<ViewChart> ChangesView::charts() const
{
    if (isEmptyState())
        return {};
    return { { m_chartTitle->text(), m_chartView } };
}

QString ChangesView::emptyStateText() const
{
    if (viewData().workspaceEmpty)
        return tr("This workspace holds no commits yet.\n\nImport git history to fill the Changes view: "
                  "faultline import git <repository> (or File ▸ Import…, or drop the repository folder "
                  "on the window).");
    return tr("No commits were authored in this period%1.\n\nWiden the period, or import the git history "
              "for it: faultline import git <repository>.")
        .arg(viewData().changes.filter.aiOnly
                 ? tr(" with AI assistance")
                 : (viewData().changes.filter.notAiOnly ? tr(" without AI assistance") : QString()));
}

void ChangesView::showReport(const ViewData& data)
{
    m_subtitle->setText(data.filters.describe(data.anchorMs));
    const QString tool = m_tool->currentData().toString();
    m_tool->clear();
    m_tool->addItem(tr("Any AI tool"), QString());
    for (const QString& name : data.changes.aiTools)
        m_tool->addItem(name, name);
    m_tool->setCurrentIndex(std::max(0, m_tool->findData(tool)));
    m_drillWeek.reset();
    m_drillAi.reset();
    m_drillLabel->hide();
    m_drillClear->hide();
    m_details->setResult({});
    const bool empty = data.workspaceEmpty || data.changes.total == 0;
    m_empty->setText(emptyStateText());
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_stack->widget(0));
    m_weeks->setResult(data.changes.weeks);
    if (currentFilter() == data.changes.filter)
        applyList(data.changes);
    else
        reloadList();
}

store::ChangeFilter ChangesView::currentFilter() const
{
    store::ChangeFilter filter = viewData().changes.filter;
    filter.text = m_text->text().trimmed();
    filter.aiTool = m_tool->currentData().toString();
    filter.aiOnly = filter.aiOnly || m_aiOnly->isChecked();
    if (m_drillWeek) {
        filter.fromMs = std::max(filter.fromMs, m_drillWeek->first);
        filter.toMs = std::min(filter.toMs, m_drillWeek->second);
    }
    if (m_drillAi) {
        filter.aiOnly = filter.aiOnly || *m_drillAi;
        filter.notAiOnly = filter.notAiOnly || !*m_drillAi;
    }
    return filter;
}

void ChangesView::reloadList()
{
    const QString path = viewData().changes.workspacePath;
    if (path.isEmpty())
        return;
    m_count->setText(tr("Loading…"));
    const store::ChangeFilter filter = currentFilter();
    m_job->start<ChangesData>(
        path,
        [filter](const store::SqliteDatabase& db, const JobContext&) { return loadChangesData(db, filter); },
        [this](ChangesData data) { applyList(data); });
}

void ChangesView::applyList(const ChangesData& data)
{
    const QString path = data.workspacePath;
    const store::ChangeFilter filter = data.filter;
    // Later pages are read off the GUI thread like the first: a keyset page is an index walk, but a
    // rare text match may have to look through many commits to fill one.
    ChangesModel::PageSource source = [this, path, filter](const std::optional<store::ChangeCursor>& after,
                                                           int limit, ChangesModel::Deliver deliver) {
        m_pageJob->start<std::vector<store::ChangeListRow>>(
            path,
            [filter, after, limit](const store::SqliteDatabase& db, const JobContext&) {
                return store::loadChangesPage(db, filter, after, limit);
            },
            std::move(deliver));
    };
    m_changes->setFirstPage(data.firstPage, data.total, path.isEmpty() ? ChangesModel::PageSource() : source);
    m_changes->setAliases(m_anonymise ? std::optional(models::PeopleAliases(viewData().changes.authorNames))
                                      : std::nullopt);
    for (int column : { int(ChangesModel::Date), int(ChangesModel::Commit), int(ChangesModel::AiTool),
                        int(ChangesModel::Lines), int(ChangesModel::Author) })
        m_table->resizeColumnToContents(column);
    m_table->setColumnWidth(ChangesModel::Author, std::min(m_table->columnWidth(ChangesModel::Author), 160));
    m_table->setColumnWidth(ChangesModel::Evidence, qRound(260 * m_theme.scale));
    updateSummary();
}

void ChangesView::updateSummary()
{
    const std::int64_t total = m_changes->totalCount();
    const store::ChangeFilter filter = currentFilter();
    const bool narrowed = !(filter == viewData().changes.filter);
    m_count->setText(narrowed ? tr("%1 of %2 match").arg(commitsText(total)).arg(viewData().changes.total)
                              : commitsText(total));
    m_count->setToolTip(tr("Commits authored in the period that the filters select (n = %1). AI-assisted: a "
                           "commit that any AI-marker rule matches (author, committer, trailers, message), "
                           "or that git-ai notes attribute lines to; the Evidence column shows the rule that "
                           "matched and the text it matched.")
                            .arg(total));
    const std::int64_t charted = m_weeks->total();
    const bool small = charted < metrics::kSmallSample;
    m_sampleNote->setText(small ? tr("n = %1 · small sample, too few to compare").arg(charted)
                                : tr("n = %1").arg(charted));
    m_sampleNote->setStyleSheet(
        QStringLiteral("color: %1;").arg((small ? m_theme.warning : m_theme.mutedText).name()));
}

void ChangesView::drillIntoWeek(int row, bool aiAssisted)
{
    if (row < 0 || row >= m_weeks->rowCount())
        return;
    const std::int64_t start = m_weeks->result()[size_t(row)].weekStartMs;
    m_drillWeek = std::make_pair(start, start + kWeekMs);
    m_drillAi = aiAssisted;
    const auto& week = m_weeks->result()[size_t(row)];
    m_drillLabel->setText(tr("Commits behind the bar: week of %1, %2 (n = %3); the Evidence column says why "
                             "each counts as AI-assisted.")
                              .arg(m_weeks->index(row, 0).data(ChangeWeeksModel::WeekLabelRole).toString(),
                                   aiAssisted ? tr("AI-assisted") : tr("not AI-assisted"))
                              .arg(aiAssisted ? week.aiAssisted : week.notAiAssisted));
    m_drillLabel->show();
    m_drillClear->show();
    reloadList();
}

void ChangesView::clearDrill()
{
    m_drillWeek.reset();
    m_drillAi.reset();
    m_drillLabel->hide();
    m_drillClear->hide();
    reloadList();
}

void ChangesView::showDetails(int row)
{
    if (row < 0 || row >= m_changes->rowCount() || viewData().changes.workspacePath.isEmpty())
        return;
    const store::ChangeListRow& change = m_changes->row(row);
    QString heading
        = tr("%1 · %2 · %3").arg(change.sha.left(10), m_changes->authorShown(change), change.subject);
    if (ChangesModel::isAi(change))
        heading += QLatin1Char('\n')
            + tr("AI-assisted (%1): %2")
                  .arg(change.aiTool.isEmpty() ? tr("git-ai notes") : change.aiTool,
                       ChangesModel::evidenceText(change));
    m_detailsTitle->setText(heading);
    const std::int64_t id = change.id;
    m_detailsJob->start<std::vector<store::ChangeDetailRow>>(
        viewData().changes.workspacePath,
        [id](const store::SqliteDatabase& db, const JobContext&) { return store::loadChangeDetails(db, id); },
        [this](std::vector<store::ChangeDetailRow> rows) {
            m_details->setResult(std::move(rows));
            m_detailsTable->resizeColumnToContents(ChangeDetailsModel::Kind);
            m_detailsTable->resizeColumnToContents(ChangeDetailsModel::When);
            m_detailsTable->resizeColumnToContents(ChangeDetailsModel::Item);
            m_detailsTable->setColumnWidth(
                ChangeDetailsModel::Item,
                std::min(m_detailsTable->columnWidth(ChangeDetailsModel::Item), qRound(240 * m_theme.scale)));
        });
}

void ChangesView::setAnonymise(bool on)
{
    m_anonymise = on;
    m_changes->setAliases(on ? std::optional(models::PeopleAliases(viewData().changes.authorNames))
                             : std::nullopt);
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        showDetails(current.row());
}

void ChangesView::updateAxes()
{
    const QStringList labels = m_weeks->weekLabels();
    m_weeksAxis->setCategories(labels);
    std::int64_t highest = 0;
    for (const auto& week : m_weeks->result())
        highest = std::max(highest, week.aiAssisted + week.notAiAssisted);
    m_countAxis->setRange(0, std::max<double>(1.0, double(highest)));
    m_countAxis->applyNiceNumbers();
    // Many weeks: slant the labels rather than let Qt Charts elide them to "M…".
    m_weeksAxis->setLabelsAngle(labels.size() > 14 ? -90 : 0);
    updateSummary();
}

void ChangesView::setTheme(const Theme& theme)
{
    m_theme = theme;
    restyle();
}

void ChangesView::restyle()
{
    const Theme& t = m_theme;
    QPalette p = palette();
    p.setColor(QPalette::Window, t.window);
    p.setColor(QPalette::WindowText, t.text);
    setPalette(p);
    const QFont base = QWidget::font();
    m_title->setFont(scaledFont(base, 1.7 * t.scale, true));
    for (QWidget* w :
         std::initializer_list<QWidget*> { m_subtitle, m_text, m_tool, m_aiOnly, m_count, m_drillLabel,
                                           m_drillClear, m_table, m_detailsTitle, m_detailsTable })
        w->setFont(scaledFont(base, t.scale));
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_count->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_empty->setFont(scaledFont(base, 1.2 * t.scale));
    m_empty->setStyleSheet(QStringLiteral("color: %1;").arg(t.mutedText.name()));
    m_chartTitle->setFont(scaledFont(base, 1.05 * t.scale, true));
    m_table->horizontalHeader()->setFont(scaledFont(base, 0.9 * t.scale));
    m_detailsTable->horizontalHeader()->setFont(scaledFont(base, 0.9 * t.scale));
    // A shared screen has no room for the list and the details side by side at large type: the
    // details go below the list, which keeps the full width.
    m_splitter->setOrientation(t.scale > 1.0 ? Qt::Vertical : Qt::Horizontal);
    m_sampleNote->setFont(scaledFont(base, 0.95 * t.scale));
    for (QFrame* frame : m_cards)
        frame->setStyleSheet(
            QStringLiteral("#%1 { background: %2; border: %4px solid %3; border-radius: 6px; }")
                .arg(frame->objectName(), t.base.name(), t.border.name())
                .arg(t.kind == ThemeKind::HighContrast ? 2 : 1));
    QChart* chart = m_chartView->chart();
    m_chartView->setBackgroundBrush(t.base);
    chart->legend()->setLabelColor(t.text);
    chart->legend()->setFont(scaledFont(base, 0.95 * t.scale));
    for (QAbstractAxis* axis :
         { static_cast<QAbstractAxis*>(m_weeksAxis), static_cast<QAbstractAxis*>(m_countAxis) }) {
        axis->setLabelsColor(t.text);
        axis->setLabelsFont(scaledFont(base, 0.85 * t.scale));
        axis->setGridLineColor(t.grid);
        axis->setLinePenColor(t.border);
    }
    const QList<QBarSet*> sets = m_series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        const QColor colour = i == 0 ? Theme::aiColour() : Theme::notAiColour();
        sets[i]->setColor(colour);
        sets[i]->setBorderColor(colour);
    }
    updateSummary();
}

} // namespace faultline::gui
