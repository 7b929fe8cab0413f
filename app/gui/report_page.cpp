#include "report_page.h"

#include "background_job.h"
#include "export_menus.h"
#include "filter_bar.h"
#include "settings.h"
#include "store/filter_queries.h"
#include "views/shared_result.h"
#include "views/view.h"
#include "views/view_factory.h"

#include <QLabel>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace faultline::gui {

namespace {

// What one job computes: the views' data and the filter bar's choices, from one connection.
struct PageData
{
    std::shared_ptr<const ViewData> view;
    store::FilterChoices choices;
};

} // namespace

ReportPage::ReportPage(Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("reportPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_filterBar = new FilterBar(this);
    layout->addWidget(m_filterBar);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setContentsMargins(14, 0, 14, 4);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_status);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    const QStringList keys = availableViewKeys();
    m_exportMenus = new ExportMenus(settings, this, this);
    connect(m_exportMenus, &ExportMenus::exported, this, &ReportPage::exported);
    connect(m_exportMenus, &ExportMenus::failed, this, &ReportPage::errorOccurred);
    for (const QString& key : keys) {
        View* view = createView(key, m_stack).release();
        m_stack->addWidget(view);
        m_views.push_back(view);
        m_exportMenus->install(view);
    }
    m_job = new BackgroundJob(this);
    m_staleTimer = new QTimer(this);
    m_staleTimer->setSingleShot(true);
    m_staleTimer->setInterval(0);
    connect(m_staleTimer, &QTimer::timeout, this, &ReportPage::updateNextStaleView);
    connect(m_filterBar, &FilterBar::stateChanged, this, [this](const FilterState& filters) {
        m_settings->setWorkspaceFilters(m_path, filters);
        applyFilters(filters);
    });
    connect(m_job, &BackgroundJob::progressChanged, this,
            [this](quint64, int, int, const QString& text) { m_status->setText(text); });
    connect(m_job, &BackgroundJob::failed, this, [this](quint64, const QString& message) {
        m_status->clear();
        Q_EMIT errorOccurred(message);
    });
}

ReportPage::~ReportPage() = default;

View* ReportPage::currentView() const
{
    return qobject_cast<View*>(m_stack->currentWidget());
}

int ReportPage::currentIndex() const
{
    return m_stack->currentIndex();
}

void ReportPage::showView(int index)
{
    if (index < 0 || index >= int(m_views.size()))
        return;
    View* view = m_views[std::size_t(index)];
    if (m_data && !view->shows(m_data.get()))
        view->setReport(m_data); // before it shows, so it never flashes the previous result
    m_stack->setCurrentIndex(index);
}

FilterState ReportPage::filters() const
{
    return m_filterBar->state();
}

void ReportPage::setWorkspace(const QString& path)
{
    m_path = path;
    m_job->cancel();
    if (path.isEmpty())
        return;
    const FilterState filters = m_settings->workspaceFilters(path);
    m_filterBar->setState(filters);
    applyFilters(filters);
}

void ReportPage::reload()
{
    if (!m_path.isEmpty())
        applyFilters(m_filterBar->state());
}

void ReportPage::applyFilters(const FilterState& filters)
{
    if (m_path.isEmpty())
        return;
    m_status->setText(tr("Computing…"));
    m_job->start<PageData>(
        m_path,
        [filters](const store::SqliteDatabase& db, const JobContext& context) {
            PageData data;
            data.choices = store::loadFilterChoices(db);
            data.view = shareResult(loadViewData(
                db, filters,
                [&context](int value, int maximum, const QString& text) {
                    context.setProgress(value, maximum, text);
                },
                [&context] { return context.isCanceled(); }));
            return data;
        },
        [this](PageData data) {
            m_filterBar->setChoices(data.choices);
            deliver(std::move(data.view));
        });
}

void ReportPage::deliver(std::shared_ptr<const ViewData> data)
{
    m_data = std::move(data);
    m_filterBar->setAnchor(m_data->anchorMs);
    m_status->clear(); // the views say which period and filters they show
    if (View* view = currentView())
        view->setReport(m_data);
    Q_EMIT currentViewReady();
    m_staleTimer->start();
}

void ReportPage::updateNextStaleView()
{
    const auto stale = [this](const View* view) { return !view->shows(m_data.get()); };
    const auto next = std::find_if(m_views.begin(), m_views.end(), stale);
    if (next != m_views.end())
        (*next)->setReport(m_data);
    if (std::any_of(m_views.begin(), m_views.end(), stale))
        m_staleTimer->start();
    else
        Q_EMIT reportReady();
}

void ReportPage::setTheme(const Theme& theme)
{
    for (View* view : m_views)
        view->setTheme(theme);
}

void ReportPage::setPresentation(bool on)
{
    m_filterBar->setVisible(!on);
    m_status->setVisible(!on);
}

} // namespace faultline::gui
